#!/bin/sh
# Builds the synthetic e-paper issues the tests read (see README.md beside this file):
#   tests/roots/test-pdf/issues/epaper-2024-05-06.pdf  two pages (第3版 要闻, 第4版 民生)
#   tests/roots/test-pdf/issues/epaper-2024-05-07.pdf  one page  (第3版 要闻)
# Needs XeLaTeX and the Noto CJK fonts (make setup installs both).  The PDFs are committed, so
# the tests do not run this; run it after changing epaper.tex.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../roots/test-pdf/issues"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
build() {  # build NAME DATE WEEKDAY PAGES
    (cd "$work" && xelatex -interaction=nonstopmode -halt-on-error -jobname="$1" \
        "\\def\\issuedate{$2}\\def\\weekday{$3}\\def\\pages{$4}\\input{$here/epaper.tex}" >/dev/null)
    cp "$work/$1.pdf" "$out/$1.pdf"
}
SOURCE_DATE_EPOCH=1714953600 build epaper-2024-05-06 "2024年5月6日" "星期一" 2
SOURCE_DATE_EPOCH=1715040000 build epaper-2024-05-07 "2024年5月7日" "星期二" 1
ls -l "$out"
