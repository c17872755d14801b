"""Who a story credits, in the newspaper's own words: the titles that name reporters and the
marks of a photo credit.  One vocabulary for page text (:mod:`.headlines`) and for article
files (:mod:`.folders`); each module adds what its layout needs (where on the line, how long).
"""

from __future__ import annotations

import re

from ..util.patterns import LazyPattern

#: Whom the reporter works for: 本报记者, 特派记者, 驻京记者, 新华社记者, 人民日报记者.
AFFILIATION = r"(?:本报|特派|驻\S{1,4}|新华社|人民日报)"
#: 见习记者, 特约记者, 实习记者.
RANK = r"(?:见习|特约|实习)"
#: The title itself.
TITLE = r"(?:记者|通讯员|实习生|撰稿|摄影|作者)"
#: A reporter named by title, as a regular expression fragment: ``本报特约记者``, ``通讯员``.
REPORTER = rf"{AFFILIATION}?{RANK}?{TITLE}"

#: A photo credit opens with a label (``图：``, ``摄影：``) or ends with the photographer's word
#: (``… 摄``, ``…供图``, ``资料图片``), perhaps followed by an agency in brackets
#: (``孟德龙摄（人民视觉）``), or names the agency that sent it (``翟桂溪作（新华社发）``).
PHOTO_CREDIT = LazyPattern(
    r"^(?:制图|摄影|图片来源|图)："
    r"|(?:摄|摄影|摄影报道|供图|新华社发|图片来源\S*|资料图片?|（图）|\(图\))(?:（[^（）]*）)?\s*$"
    r"|[（(](?:新华社|中新社)发[）)]\s*$"
)


def names_reporter(text: str) -> bool:
    """The text names someone by a reporter's title."""
    return re.search(REPORTER, text) is not None


def has_photo_credit(text: str) -> bool:
    """The text is, or ends with, a photo credit."""
    return PHOTO_CREDIT.search(text) is not None
