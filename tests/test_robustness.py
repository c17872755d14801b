"""Bad and odd input never breaks a book: generated pages build in HTML and EPUB, literally."""

from __future__ import annotations

import re
from pathlib import Path

from building import page_project, warning_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_newspaper.ingest.decode import COMMON_HAN

#: Common characters, as in real prose: text of rare characters only is refused as unreadable
#: (a documented error, tested in test_bad_input.py).
HANZI = st.sampled_from(sorted(COMMON_HAN))
SPECIALS = [*"*`|_<>&\\%#{}~^[]:.-", "..", "::", "<script>", "</p>", "&amp;", "\\\\", "--"]
PUNCT = list("，。、；：？！“”‘’（）《》——……")


@st.composite
def body_part(draw: st.DrawFn) -> str:
    """Markup-like characters, punctuation or Latin letters, with at least as many common Han
    characters beside them: the text stays Chinese prose (the ingest rightly refuses text that
    is mostly not, as a broken encoding; tested in test_bad_input.py)."""
    odd = draw(
        st.one_of(
            st.just(""),
            st.sampled_from(SPECIALS),
            st.sampled_from(PUNCT),
            st.from_regex(r"[A-Za-z0-9.%]{1,8}", fullmatch=True),
        )
    )
    han = "".join(draw(st.lists(HANZI, min_size=max(1, len(odd)), max_size=max(12, len(odd)))))
    return draw(st.sampled_from([han + odd, odd + han]))


@st.composite
def body_line(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(body_part(), min_size=1, max_size=12)))


@st.composite
def page_text(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from([" 2 2024年1月5日 星期五 综合新闻", "A06", "2021.3.23 星期二", ""]))]
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            lines.append(draw(body_line()))  # a headline-like line
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["本报记者 张三", "通讯员 李四 文/图", "■记者 王五"])))
        width = draw(st.integers(4, 30))
        for _ in range(draw(st.integers(1, 4))):
            paragraph = "".join(draw(st.lists(body_line(), min_size=1, max_size=6))) + "。"
            chunks = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
            chunks[0] = "　　" + chunks[0] if draw(st.booleans()) else chunks[0]
            lines.extend(chunks)
            if draw(st.booleans()):
                lines.append("")
    return "\n".join(lines) + "\n"


SUPPRESS = {"suppress_warnings": ["newspaper.title-inferred", "newspaper.no-articles", "newspaper.layout"]}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=page_text())
def test_generated_pages_build_in_html_and_epub(make_app, tmp_path_factory, text):
    srcdir = page_project(tmp_path_factory.mktemp("generated"), text)
    for builder in ("html", "epub"):
        app = make_app(builder, srcdir=srcdir, confoverrides=SUPPRESS)
        app.build()
        problems = warning_lines(app)
        app.cleanup()  # unregister docutils nodes: hypothesis runs many apps in one test
        assert not problems, (text, problems)
    html = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.xhtml"))
    assert "<script>" not in html.replace('<script type="text/javascript"', "")
    assert not re.search(r"<em>|<strong>|<code", html)
