"""The printable book: xelatex with Noto CJK fonts chosen for the script, A5 or A4 pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .book import Book
    from .chinese import Script

#: Page geometry per paper size: a pocket book (A5) or a full page (A4).
GEOMETRY = {
    "a5": r"\usepackage[a5paper,top=17mm,bottom=18mm,inner=16mm,outer=14mm,headsep=5mm,headheight=15pt]"
    r"{geometry}",
    "a4": r"\usepackage[a4paper,top=25mm,bottom=25mm,inner=25mm,outer=22mm,headsep=7mm,headheight=15pt]"
    r"{geometry}",
}


def font_setup(script: Script) -> str:
    """Noto CJK for Chinese and Latin alike, so nothing depends on fonts the set-up lacks."""
    region = script.font_region
    serif, sans, mono = f"Noto Serif CJK {region}", f"Noto Sans CJK {region}", f"Noto Sans Mono CJK {region}"
    return "\n".join(
        [
            r"\usepackage{fontspec}",
            rf"\setmainfont{{{serif}}}[BoldFont={{{serif} Bold}}]",
            rf"\setsansfont{{{sans}}}[BoldFont={{{sans} Bold}}]",
            rf"\setmonofont{{{mono}}}[Scale=0.9]",
        ]
    )


def cjk_setup(script: Script) -> str:
    """xeCJK fonts and punctuation: mainland style compresses, Taiwan/Hong Kong centres."""
    region = script.font_region
    serif, sans, mono = f"Noto Serif CJK {region}", f"Noto Sans CJK {region}", f"Noto Sans Mono CJK {region}"
    punct = "kaiming" if not script.centred_punctuation else "quanjiao"
    return "\n".join(
        [
            r"\usepackage{xeCJK}",
            rf"\setCJKmainfont{{{serif}}}[BoldFont={{{serif} Bold}}]",
            rf"\setCJKsansfont{{{sans}}}[BoldFont={{{sans} Bold}}]",
            rf"\setCJKmonofont{{{mono}}}",
            rf"\xeCJKsetup{{PunctStyle={punct}, CheckSingle=true, AutoFakeBold=false}}",
            # Chinese runs without inter-word glue; allow stretch so justified lines never overflow.
            r"\setlength{\emergencystretch}{3em}",
        ]
    )


def latex_elements(book: Book, script: Script, paper: str, title: str) -> dict[str, str]:
    """``latex_elements`` for a newspaper book (the user's own keys win)."""
    publisher = book.issues[0].issue.paper if book.issues and book.issues[0].issue.paper else ""
    date = book.issues[0].issue.date if book.issues else None
    creation = f"D:{date:%Y%m%d}000000Z" if date else ""
    return {
        "hyperref": "\n".join(
            [
                rf"\PassOptionsToPackage{{pdflang={script.tag}}}{{hyperref}}",
                r"\usepackage{hyperref}",
                r"\usepackage{hypcap}",
            ]
        ),
        "papersize": f"{paper}paper",
        "pointsize": "10pt" if paper == "a5" else "11pt",
        "babel": "",
        "polyglossia": "",
        "fontenc": cjk_setup(script),
        "fontpkg": font_setup(script),
        "fncychap": "",
        "geometry": GEOMETRY[paper],
        "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
        "preamble": "\n".join(
            [
                r"\usepackage{indentfirst}",
                r"\setlength{\parindent}{2em}",
                r"\AtBeginDocument{\hypersetup{",
                rf"  pdftitle={{{_tex_text(title)}}},",
                rf"  pdfauthor={{{_tex_text(publisher)}}},",
                rf"  pdfsubject={{{_tex_text(_subjects(book))}}},",
                rf"  pdfcreationdate={{{creation}}}," if creation else "",
                "}}",
            ]
        ),
    }


def _subjects(book: Book) -> str:
    sections = []
    for entry in book.issues:
        for page in entry.issue.pages:
            if page.section and page.section not in sections:
                sections.append(page.section)
    return "、".join(sections)


_TEX_SPECIALS = {c: "\\" + c for c in "#$%&_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex_text(text: str) -> str:
    """Escape text for a LaTeX argument (PDF metadata comes from newspaper text)."""
    return "".join(_TEX_SPECIALS.get(char, char) for char in text)
