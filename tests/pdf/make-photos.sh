#!/bin/sh
# Builds the synthetic e-paper issue with pictures the tests of issue 15 read:
#   tests/roots/test-pdf-photos/issues/photos-2024-06-03.pdf  two pages (第1版 要闻, 第2版 民生)
# Needs XeLaTeX, the Noto CJK fonts and the project's virtualenv (Pillow draws the pictures).
# The PDF is committed, so the tests do not run this; run it after changing photos.tex.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../roots/test-pdf-photos/issues"
python="$here/../../.venv/bin/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
"$python" "$here/draw_pictures.py" "$work"
(cd "$work" && SOURCE_DATE_EPOCH=1717372800 xelatex -interaction=nonstopmode -halt-on-error \
    -jobname=photos-2024-06-03 "$here/photos.tex" >/dev/null)
cp "$work/photos-2024-06-03.pdf" "$out/photos-2024-06-03.pdf"
ls -l "$out"
