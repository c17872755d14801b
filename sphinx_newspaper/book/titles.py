"""What the book and its parts are called: dates and weekdays in Chinese, the issue's and the
book's titles, and the ASCII stem of the output files (``zhaotong-ribao-2023-03-24.epub``).

Pure Python on the model, no Sphinx: the HTML, the EPUB and the PDF all name things here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..ingest import ROMANISED
from ..model import Issue, ascii_slug
from ..util.characters import showable

WEEKDAYS = "一二三四五六日"


def chinese_date(date: dt.date) -> str:
    """``2023年3月24日``."""
    return f"{date.year}年{date.month}月{date.day}日"


def date_and_weekday(date: dt.date, weekday: str | None, label: Callable[[str], str]) -> tuple[str, str]:
    """``("2023年3月24日", "星期五")``: the weekday as the page prints it, else computed from
    the date; both in the book's script (``label`` converts the text the extension writes)."""
    return label(chinese_date(date)), weekday or label("星期" + WEEKDAYS[date.weekday()])


def printed_weekday(issue: Issue) -> str | None:
    """The weekday the issue's first page with a masthead weekday prints, if any."""
    return next((page.weekday for page in issue.pages if page.weekday), None)


def issue_title(issue: Issue) -> str:
    """The issue's name as readers say it: ``昭通日报 2023年3月24日``."""
    parts = [issue.paper or "", chinese_date(issue.date) if issue.date else ""]
    return " ".join(part for part in parts if part) or Path(issue.source).stem


def book_title(issues: Sequence[Issue], configured: str | None, project: str) -> str:
    """``newspaper_title`` if set; else the issue's title for one issue, the project for a volume
    (as every output can hold it: conf.py's ``project`` is not checked), unless the project is
    named just as the paper is: then the paper and the dates (``人民日报 2020年1月1日—2020年1月2日``)."""
    if configured:
        return configured
    if len(issues) == 1:
        return issue_title(issues[0])
    papers = {issue.paper for issue in issues if issue.paper}
    dates = sorted(issue.date for issue in issues if issue.date)
    if dates and (not project.strip() or project.strip() in papers):
        paper = project.strip() or next(issue.paper for issue in issues if issue.paper)
        span = chinese_date(dates[0]) + (f"—{chinese_date(dates[-1])}" if dates[-1] != dates[0] else "")
        return showable(f"{paper} {span}")
    return showable(project)


#: The longest paper name in an output file's name (a 250-character file name or masthead
#: line would take the name past the file system's 255 bytes; 64 Chinese characters are 192).
MAX_NAME = 64
#: Characters a file name cannot hold on some system (and the path separators).
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def book_file_stem(issues: Sequence[Issue], *, unicode: bool = False) -> str:
    """Output file name: romanised paper name (from the masthead) plus the date.  ASCII (for
    LaTeX); with ``unicode`` (the EPUB), the paper's name as printed where the masthead
    romanises none, so that an archive's file is named after its paper."""
    if not issues:
        return "newspaper"
    first = issues[0]
    paper = next((issue.paper for issue in issues if issue.paper), "")
    printed = _NOT_IN_FILE_NAMES.sub("-", paper).strip("-.") if unicode else ""
    name = ascii_slug(romanised_name(first)) or printed or ascii_slug(Path(first.source).stem.split("-p")[0])
    stem = name[:MAX_NAME].strip("-.") or "newspaper"  # with two dates and .epub, within 255 bytes
    if first.date and first.date.isoformat() not in stem:
        stem = f"{stem}-{first.date.isoformat()}"
    if len(issues) > 1 and issues[-1].date:
        stem = f"{stem}--{issues[-1].date.isoformat()}"
    return stem


def romanised_name(issue: Issue) -> str:
    """The paper's romanised name as its pages print it (``ZHAOTONG RIBAO``), or ``""``."""
    return next((line for page in issue.pages for line in page.furniture if ROMANISED.match(line)), "")
