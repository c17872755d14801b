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

need xelatex texlive-xetex
need latexmk latexmk
need /usr/share/texlive/texmf-dist/tex/latex/xecjk/xeCJK.sty texlive-lang-chinese
need /usr/share/texlive/texmf-dist/tex/latex/titlesec/titlesec.sty texlive-latex-extra
need /usr/share/texlive/texmf-dist/tex/latex/fncychap/fncychap.sty texlive-latex-extra
need /usr/share/texlive/texmf-dist/tex/latex/tex-gyre/tgtermes.sty tex-gyre
need /usr/share/texlive/texmf-dist/tex/latex/psnfss/times.sty texlive-fonts-recommended
need /usr/share/texlive/texmf-dist/tex/latex/geometry/geometry.sty texlive-latex-recommended
need /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc fonts-noto-cjk
need /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk
need pdftotext poppler-utils
need java default-jre-headless
need chromium chromium

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
