#!/bin/sh
# Install the system packages the PDF, EPUB and browser checks need, when they are missing.
# Debian/Ubuntu (apt); uses sudo when not root.  Safe to run again: installs nothing when
# everything is there.
set -eu

missing=""
need() {  # need COMMAND-OR-FILE PACKAGE
    case "$1" in
        /*) [ -e "$1" ] || missing="$missing $2" ;;
        *) command -v "$1" >/dev/null 2>&1 || missing="$missing $2" ;;
    esac
}
need_tex() {  # need_tex FILE PACKAGE: looked up the way TeX finds it
    command -v kpsewhich >/dev/null 2>&1 && [ -n "$(kpsewhich "$1")" ] || missing="$missing $2"
}

need xelatex texlive-xetex
need latexmk latexmk
need_tex xeCJK.sty texlive-lang-chinese
need_tex titlesec.sty texlive-latex-extra
need_tex fncychap.sty texlive-latex-extra
need_tex tgtermes.sty tex-gyre
need_tex times.sty texlive-fonts-recommended
need_tex geometry.sty texlive-latex-recommended
need /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc fonts-noto-cjk
need /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk
# PDF fallbacks for what Noto CJK lacks: CJK Extension B and beyond, symbols and emoji
need /usr/share/fonts/truetype/hanazono/HanaMinB.ttf fonts-hanazono
need /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf fonts-symbola
need pdftotext poppler-utils
need java default-jre-headless
need chromium chromium
# The reader and accessibility checks (package.json: epub.js, DAISY Ace, run with this Chromium)
need node nodejs
need npm npm

if [ -z "$missing" ]; then
    echo "setup: system packages present"
    exit 0
fi
packages=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "setup: installing $packages"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $packages
