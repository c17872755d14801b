"""Every threshold of the PDF route in one place: :class:`LayoutParams`.

Like pdfminer's ``LAParams``, one frozen object holds the numbers the route's rules compare
against, each in the page's own units, so that a rule reads the same on a paper set in 7.4 pt
as on one set in 10.5 pt:

* **em**: the page's body size (:attr:`.lines.PageLines.body_size`), or where a field says so,
  the size of the type being measured (a line's, a headline's);
* **leading**: the body text's baseline-to-baseline distance (:attr:`.layout.Layout.leading`);
* **column**: the most common body block width (:attr:`.layout.Layout.column`);
* **page**: a share of the page's height;
* **share** / **ratio**: a share of some other measure, or a ratio of two sizes;
* **lines**, **characters**: counts.

The rules get the object from :func:`.page.read_pdf` / :func:`.page.read_page_lines`
(``params=``, default ``LayoutParams()``), which carry it on :class:`.lines.PageLines` and
:class:`.layout.Layout` (``layout.params``); no rule reads a module constant.

Each field says what it is, its unit, and (``holds``) the range of values over which the
scores stay as they are at the default: the corpus gold (``tests/gold``, 11 PDF pages of four
papers: article F1, stories whole, titles) and the synthetic pages
(``tests/pdf/synthetic.py``), each field varied alone (``python -m benchmarks.params_ranges``; the
figures are in ``docs/data/params-ranges.json``).  ``holds`` is ``None`` where it was not
measured.  :func:`describe` lists the fields for the docs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _param(default: float, unit: str, holds: tuple[float, float] | None = None) -> Any:
    """A field: its default, its unit, the range its scores hold over."""
    return field(default=default, metadata={"unit": unit, "holds": holds})


@dataclass(frozen=True)
class LayoutParams:
    """The PDF route's thresholds, in the page's own units (module docstring)."""

    # -- characters to lines (:mod:`.lines`) --------------------------------------------------
    #: Ascent of an ideographic em box above the baseline (Latin fonts' own metrics are not used).
    ascent: float = _param(0.88, "share of the type size", holds=(0.88, 0.88))
    #: Descent of an ideographic em box below the baseline.
    descent: float = _param(0.12, "share of the type size", holds=(0.096, 0.15))
    #: Characters drawn one after another belong to one run unless the gap between them is
    #: wider than this (compressed punctuation overlaps its neighbour by up to half an em).
    run_gap: float = _param(1.5, "em (the larger character's size)", holds=(1.2, 1.5))
    #: A character may start this far before the previous one ends: a pair of compressed
    #: punctuation marks (”“) takes one em, and each is measured here as a full em.
    overlap: float = _param(1.25, "em (the larger character's size)", holds=(1.0, 2.5))
    #: Characters of one run stand on one baseline: within this of the previous one's.
    run_baseline: float = _param(0.25, "em (the larger character's size)", holds=(0.125, 0.5))
    #: Runs on one baseline (within this) may join into one line.
    join_baseline: float = _param(0.2, "em (the larger character's size)", holds=(0.1, 0.4))
    #: Pieces on one baseline closer than this are one line (digits drawn apart).
    touching_gap: float = _param(0.35, "em (the larger character's size)", holds=(0.175, 0.7))
    #: ... and whose ink is closer than this (half an em of white beside a punctuation mark's
    #: ink is its own).
    touching_ink: float = _param(0.6, "em (the larger character's size)", holds=(0.3, 0.75))
    #: Pieces up to :attr:`run_gap` apart are one line when the gap is no gutter: type on the
    #: lines just above or below (baselines from :attr:`band_start` to this far) runs across it.
    neighbour_band: float = _param(2.2, "em (the gap's type size)", holds=(1.1, 4.4))
    #: The neighbouring lines' band starts this far from the gap's baseline.
    band_start: float = _param(0.5, "em (the gap's type size)", holds=(0.25, 1.0))
    #: Where the band just above (or below) shows no type beside the gap, the lines up to this
    #: far are its neighbours (a brief's last line over a space, a line under a headline).
    far_band: float = _param(3.6, "em (the gap's type size)", holds=(2.88, 7.2))
    #: Only type within this ratio of the gap's own size tells a gutter from a word space.
    neighbour_size: float = _param(1.25, "ratio of sizes", holds=(0.625, 1.5625))
    #: A neighbouring band's type is looked for this far either side of the gap.
    band_reach: float = _param(2.5, "em (the gap's type size)", holds=(1.25, 5.0))
    #: A gap at least this wide with nothing over it is a gutter when the neighbouring lines
    #: show type on one side of it only (a justified line's gaps are far narrower).
    gutter_gap: float = _param(0.75, "em (the gap's type size)", holds=(0.375, 0.9375))
    #: The white of a gutter on a neighbouring line is at least this wide (between two
    #: characters of a justified line it is at most a third of an em, beside a comma half an em).
    gutter_white: float = _param(0.75, "em (the gap's type size)", holds=(0.375, 1.5))
    #: The white beside a punctuation mark: a gap no wider is never a gutter, and a white this
    #: wide is a gutter where a mark hangs into it at a column's left edge.
    mark_white: float = _param(0.5, "em (the gap's type size)", holds=(0.25, 0.625))
    #: A column's left edge: characters starting within this of each other start one column.
    edge_match: float = _param(0.1, "em (the gap's type size)", holds=(0.05, 0.2))
    #: Sizes within this ratio can share a run (digits are often set a little larger).
    size_ratio: float = _param(1.6, "ratio of sizes", holds=(1.28, 3.2))
    #: Sizes within this share of each other are one size, strictly: the body font's lines,
    #: the characters of one vertical line.
    same_size_strict: float = _param(0.05, "share of the size", holds=(0.025, 0.1))
    #: One-character runs stacked at one x are one vertical line when each stands at least
    #: this far under the one above ...
    vertical_step_min: float = _param(0.4, "em (the characters' size)", holds=(0.2, 0.8))
    #: ... and at most this far.
    vertical_step_max: float = _param(2.2, "em (the characters' size)", holds=(1.76, 4.4))
    #: A gap in a line is never a word space when it is at most this wide ...
    space_min: float = _param(0.4, "em (the line's horizontal scale)", holds=(0.2, 0.8))
    #: ... nor when it is at most this many times the line's usual letter spacing ...
    space_factor: float = _param(3.0, "ratio to the line's usual letter spacing", holds=(1.5, 6.0))
    #: ... plus this much.
    space_extra: float = _param(0.2, "em (the line's horizontal scale)", holds=(0.1, 0.4))

    # -- lines to blocks (:mod:`.layout`) -----------------------------------------------------
    #: Sizes within this share of each other are the same size (a block's lines, a headline's
    #: tiers, the body size).
    same_size: float = _param(0.06, "share of the size", holds=(0.03, 0.06))
    #: A line joins the block above it when its baseline is at least this far under the
    #: block's last baseline ...
    min_step: float = _param(0.9, "em (the block's size)", holds=(0.45, 0.9))
    #: ... and at most this far.
    max_leading: float = _param(2.1, "em (the block's size)", holds=(1.68, 2.625))
    #: ... and, once the block has a leading, within this share of it.
    leading_slack: float = _param(0.25, "share of the block's leading", holds=(0.125, 0.3125))
    #: A paragraph's first line is set in by up to this much (two is the rule; some set three).
    max_indent: float = _param(3.5, "em", holds=(3.5, 7.0))
    #: A first line is set in by at least this much (an opening quote may hang into the indent).
    min_indent: float = _param(1.0, "em", holds=(0.5, 1.25))
    #: The usual first-line indent: where a one-line paragraph's column starts.
    indent: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: Punctuation may hang past a column's edge by this much.
    hang: float = _param(0.8, "em", holds=(0.8, 0.8))
    #: Lines (and stacked headline parts) are centred on each other when their middles are
    #: within this (the double middles compared: a difference of the sums).
    centred: float = _param(2.0, "em (the type measured)", holds=(1.0, 4.0))
    #: Body blocks (those that give the page its column width and leading) have at least this
    #: many lines.
    body_block_lines: int = _param(3, "lines", holds=(2, 6))
    #: Block widths are counted to this step when the most common one is found.
    width_step: float = _param(0.5, "em", holds=(0.25, 1.0))
    #: A page with no body block takes this column width ...
    column_fallback: float = _param(20.0, "em", holds=(10.0, 40.0))
    #: ... and this leading.
    leading_fallback: float = _param(1.4, "em", holds=(0.7, 2.8))

    # -- the page cut into regions (:mod:`.regions`) -------------------------------------------
    #: A gutter is at least this much white down a region (a gutter is 1 to 2 ems;
    #: punctuation hanging into it leaves a third of that).
    region_gutter: float = _param(0.3, "em")
    #: White across a region at least this high cuts it into bands (the white under a
    #: paragraph's last line is less than a leading's gap between lines).
    band_white: float = _param(0.15, "leading")
    #: A drawn rule cuts a region where it runs over at least this share of the region's width
    #: (or height, for a vertical rule) inside the white it stands in.
    rule_cover: float = _param(0.5, "share of the region's width")
    #: A rule stands in a white when it lies within this of it (its own weight and the white
    #: type leaves round a line).
    rule_slack: float = _param(0.6, "em")
    #: Blocks at least this large (headlines) alone over a white across a region, with a
    #: gutter running down through them: a row of headlines over their columns, cut down first.
    headline_row: float = _param(1.1, "em")
    #: A picture at least this share of the page's area, or holding text, is a ground, not a
    #: picture taking room.
    ground_share: float = _param(0.5, "share of the page's area")

    # -- what blocks are (:mod:`.roles`) ------------------------------------------------------
    #: Type at least this large is display type (headlines, subheads).
    display: float = _param(1.1, "em", holds=(1.1, 1.1))
    #: Type smaller than this is small type (prices, credits, hotlines): furniture unless a
    #: story claims it.
    small_type: float = _param(0.88, "em", holds=(0.44, 0.88))
    #: Bylines are set at about the body size (names in a larger Kai face, at most this).
    byline_size: float = _param(1.4, "em", holds=(1.4, 1.75))
    #: A brief's headline may be set at the body size or below it, down to this.
    plain_headline: float = _param(0.75, "em", holds=(0.375, 1.5))
    #: pdfium's weights: a face this much heavier than the body's is a bold face.
    heavier: int = _param(200, "font weight (100 to 900)", holds=(100, 400))
    #: A headline stands right over text (a plain headline's paragraph, a subhead's column)
    #: when the text's first baseline is at most this far under it.
    over_text: float = _param(2.0, "leading", holds=(1.0, 4.0))
    #: A plain headline's text is at least this wide (where its lines are narrower).
    plain_column: float = _param(0.5, "column", holds=(0.25, 1.0))
    #: A plain headline is centred over its text: middles within this.
    plain_centred: float = _param(1.5, "em", holds=(0.75, 3.0))
    #: A plain headline starts at most this far left of its text's column.
    plain_outdent: float = _param(0.5, "em", holds=(0.25, 1.0))
    #: A plain headline standing alone ends at least this far short of its column's right edge.
    plain_short: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: A line over a plain headline ends a paragraph: it stops at least this short of the
    #: column's right edge ...
    plain_ended: float = _param(1.0, "em", holds=(0.5, 2.0))
    #: ... or stands at least this far above it.
    plain_apart: float = _param(1.2, "leading", holds=(0.6, 2.4))
    #: A block under a line may reach up into it by this much (a line standing right over text).
    touch: float = _param(0.3, "em", holds=(0.15, 0.6))
    #: A line fills its column when it ends within this of the block's right edge.
    fill: float = _param(0.5, "em (the line's size)", holds=(0.25, 1.0))
    #: A byline line opens the block under it when it stands at most this far over it ...
    byline_glue_gap: float = _param(2.0, "leading", holds=(1.0, 4.0))
    #: ... and starts within this of the block's left edge.
    byline_glue_edge: float = _param(2.5, "em", holds=(1.25, 5.0))
    #: Stacked display blocks: the gap between them is at most this.
    stack_gap: float = _param(1.0, "em (the smaller block's size)", holds=(1.0, 1.0))
    #: Stacked display blocks may overlap by this much.
    stack_overlap: float = _param(0.3, "em (the smaller block's size)", holds=(0.15, 0.6))
    #: Stacked display blocks overlap across by at least this share of the narrower.
    stack_share: float = _param(0.3, "share of the narrower width", holds=(0.24, 0.375))
    #: A stack under a headline at least this many times its size, with no text between, is a
    #: subhead.
    subhead_ratio: float = _param(2.4, "ratio of sizes", holds=(1.2, 4.8))
    #: A subhead stands in its column: running text at most this far above it.  A body block
    #: is read on from the text right above it within the same distance (twice that under a
    #: subhead).
    embedded: float = _param(2.5, "leading", holds=(2.5, 3.125))
    #: A byline under a stack is at most this far below it ...
    byline_gap: float = _param(3.5, "em (the byline's size)", holds=(2.8, 4.375))
    #: ... and may reach up into it by this much.
    byline_overlap: float = _param(0.2, "em (the byline's size)", holds=(0.1, 0.4))
    #: A vertical byline beside a vertical headline stands at most this far from it.
    byline_beside: float = _param(2.0, "em (the byline's size)", holds=(2.0, 4.0))
    #: A deck (a subhead's second line) may reach up into its subhead by this much.
    deck_overlap: float = _param(0.2, "em", holds=(0.1, 0.4))
    #: A deck is no wider than its column less this ...
    deck_margin: float = _param(4.0, "em", holds=(2.0, 8.0))
    #: ... or than its subhead, plus this.
    deck_wider: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: The page header (masthead) lies in this top share of the page.
    header_share: float = _param(0.15, "page", holds=(0.075, 0.3))
    #: A band holding the masthead's date and ruled off from the page under it is the header
    #: where it lies within this top share of the page ...
    header_band: float = _param(0.25, "page")
    #: ... and the header ends this far above the band's foot.
    header_band_margin: float = _param(0.5, "em")
    #: Where no masthead date is found, the header is guessed as this top share of the page.
    header_guess: float = _param(0.05, "page", holds=(0.025, 0.1))
    #: The header ends this far under the masthead's date lines.
    header_margin: float = _param(1.0, "em", holds=(0.5, 2.0))
    #: Date lines of the masthead stand within this of each other (a lunar date or the
    #: editors' line stacked under the date); a date further down is a story's text.
    masthead_stack: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: Running text (never furniture, even in the header) is set within this of the body size.
    running_size: float = _param(0.12, "share of the body size")
    #: A label reversed out of a band (短评, 一线) has at most this many characters (a longer
    #: band heading running text under it in its region is a boxed story's headline).
    band_label_chars: int = _param(4, "characters")
    #: Lines of the masthead's date column are set within this share of the date's size.
    masthead_size: float = _param(0.15, "share of the date's size")
    #: A stack at most this large that opens a column under a rule, level with running text
    #: beside it, is a subhead (a story's headline is larger, or stands over its text).
    column_subhead: float = _param(1.3, "em")
    #: A column label (简讯) has at most this many characters.
    label_chars: int = _param(8, "characters", holds=(4, 16))
    #: A cartoon's or chart's title in the body face, on its credit's row, has at most this many
    #: characters.
    titled_chars: int = _param(16, "characters", holds=(8, 32))
    #: A line of names (a byline without a byline word) has at most this many characters.
    names_chars: int = _param(16, "characters", holds=(8, 32))
    #: Lines on one row: baselines within this.
    same_row: float = _param(0.3, "em", holds=(0.15, 0.6))
    #: Right under (or over): a gap of at most this (a credit under a caption, a caption under
    #: its picture, a headline over its row).
    right_under: float = _param(2.0, "em", holds=(1.6, 4.0))
    #: A gutter between columns is at most this wide.
    gutter: float = _param(3.0, "em", holds=(2.4, 3.75))
    #: Level: tops (or bottoms) within this of each other (a row of columns, a story's
    #: columns, a vertical headline's text).
    level: float = _param(2.0, "em", holds=(1.6, 2.5))
    #: A headline heads what starts at most this far under it (its text, its picture).
    headline_reach: float = _param(6.0, "em", holds=(6.0, 12.0))
    #: A headline stands over a block when they overlap across by at least this.
    headline_overlap: float = _param(2.0, "em", holds=(1.0, 2.0))
    #: Over: items overlapping across by more than this share of the narrower (or of the one
    #: measured) stand over one another.
    overlap_share: float = _param(0.5, "share of the narrower width", holds=(0.25, 0.625))

    # -- which story each block belongs to (:mod:`.stories`) ---------------------------------
    #: A stack wider than this many columns spans columns: a story headline.
    spanning: float = _param(1.5, "column", holds=(1.2, 3.0))
    #: Body blocks start right under a stack when their tops are at most this far under it ...
    under_reach: float = _param(3.0, "leading", holds=(1.5, 6.0))
    #: ... and may reach up into it by this much.
    under_overlap: float = _param(0.5, "em", holds=(0.25, 1.0))
    #: A stack is wider than its column of text when wider by more than this.
    wider: float = _param(1.0, "em", holds=(0.5, 2.0))
    #: The element above: overlapping across by this share of the narrower (a headline: by
    #: :attr:`headline_overlap`).
    above_share: float = _param(0.3, "share of the narrower width", holds=(0.15, 0.6))
    #: The element above may reach down into the element by this much.
    above_overlap: float = _param(0.5, "em (the element's size)", holds=(0.25, 1.0))
    #: Stories are read top to bottom in bands this high, then left to right.
    story_band: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: Lines of advert copy within this of each other are one advert.
    advert_reach: float = _param(6.0, "em", holds=(3.0, 12.0))
    #: An advert's box holds at least this many lines of advert copy.
    advert_lines: int = _param(3, "lines", holds=(2, 6))
    #: A story lies in an advert's box when more than this share of its characters do.
    advert_share: float = _param(0.7, "share of characters", holds=(0.35, 0.875))
    #: A byline set apart over its text ends at least this short of the column's right edge.
    byline_short: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: A closing author on a line of its own ends the text whose last line stands at most this
    #: far above it.
    closing_reach: float = _param(1.5, "leading", holds=(1.2, 3.0))
    #: Reading on under a subhead: this many times :attr:`embedded`.
    subhead_read_on: float = _param(2.0, "ratio", holds=(1.0, 4.0))
    #: A photo stands level with a row of columns: its top within this of theirs.
    photo_level: float = _param(0.5, "em", holds=(0.25, 1.0))
    #: A briefs label (简讯) heads the text starting at most this far under it.
    label_reach: float = _param(3.0, "em", holds=(1.5, 6.0))
    #: A vertical rule runs beside an element when it reaches this far down from its top.
    rule_reach: float = _param(2.0, "em (the element's size)", holds=(1.0, 4.0))
    #: A rule is on a frame's edge within this many of the page's rule weights.
    edge_slack: float = _param(2.0, "rule weights", holds=(1.0, 4.0))
    #: What stands on a frame's edge or a rule's line within this is on it (a point's slack).
    slack: float = _param(0.1, "em", holds=(0.05, 0.2))
    #: A caption belongs to the story whose box (grown by this) holds it ...
    caption_margin: float = _param(3.0, "em", holds=(1.5, 6.0))
    #: ... or to the story of the text right above it when at least this share of the
    #: caption's character pairs is in its text ...
    caption_words_under: float = _param(0.15, "share of character pairs", holds=(0.075, 0.3))
    #: ... or to a story sharing at least this share.
    caption_words: float = _param(0.3, "share of character pairs", holds=(0.15, 0.6))
    #: A caption's picture stands at most this far under its story's text.
    picture_reach: float = _param(4.0, "em", holds=(2.0, 8.0))

    # -- news pictures (:mod:`.pictures`) -----------------------------------------------------
    #: The short side of a news picture is at least this share of the column width.
    min_short: float = _param(0.4, "column", holds=(0.2, 0.8))
    #: The long side of a news picture is at least this share of the column width.
    min_long: float = _param(0.75, "column", holds=(0.375, 1.5))
    #: A picture longer than this many times its height (or the other way) is a band: a
    #: banner, a headline bar, a column label (2.7 and more on the corpus pages; photos are 1.2
    #: to 1.8).
    max_aspect: float = _param(2.5, "ratio of sides", holds=(1.25, 5.0))
    #: With a caption a picture may be longer: a panorama, a chart.
    max_aspect_captioned: float = _param(4.0, "ratio of sides", holds=(2.0, 8.0))
    #: Type drawn inside a picture may cover at most this share of its area (a credit on a photo
    #: covers 0.01; headline bars and backgrounds under text 0.13 to 0.4).
    max_text_cover: float = _param(0.05, "share of the area", holds=(0.025, 0.1))
    #: Type counts as inside a picture from this far in from its edges.
    cover_inset: float = _param(0.5, "em", holds=(0.25, 1.0))
    #: A caption or headline stands by a picture: at most this far from its edge.
    near: float = _param(2.0, "em", holds=(1.0, 4.0))
    #: A picture is in an advert when this share of its area lies in an advert's box.
    in_advert: float = _param(0.5, "share of the area", holds=(0.25, 1.0))
    #: A story's text on two opposite sides of a picture, at most this far, holds it.
    flank_reach: float = _param(3.0, "em", holds=(1.5, 6.0))
    #: A photographer's credit ending a caption has at most this many characters ...
    credit_chars: int = _param(40, "characters", holds=(20, 80))
    #: ... and a caption that is a credit alone at most this many.
    credit_alone_chars: int = _param(20, "characters", holds=(10, 40))

    # -- stories to articles (:mod:`.page`) ---------------------------------------------------
    #: A display block's line is wrapped (not broken by the editor) when it ends within this
    #: of the block's right edge.
    wrapped: float = _param(0.6, "em (the next line's size)", holds=(0.3, 1.2))
    #: Two lines broken by the editor are centred when their starts differ by more than this.
    centred_offset: float = _param(0.5, "em (the first line's size)", holds=(0.25, 1.0))
    #: A byline runs on to its block's second line when that line has at most this many
    #: characters.
    byline_run_on_chars: int = _param(8, "characters", holds=(4, 16))
    #: Lines' left ends are counted to this step when a column's common left edge is found.
    left_step: float = _param(0.05, "em", holds=(0.025, 0.1))


#: The shipped values.
DEFAULT = LayoutParams()


def describe() -> list[dict[str, Any]]:
    """Each field: name, default, unit, the range its scores hold over, what it is (from the
    ``#:`` comment above it in this file)."""
    docs = _field_docs()
    return [
        {
            "name": item.name,
            "default": item.default,
            "unit": item.metadata["unit"],
            "holds": item.metadata["holds"],
            "doc": docs.get(item.name, ""),
        }
        for item in fields(LayoutParams)
    ]


def _field_docs() -> dict[str, str]:
    """The ``#:`` comments over the fields of :class:`LayoutParams`, by field name."""
    from pathlib import Path

    docs: dict[str, str] = {}
    comment: list[str] = []
    for raw in Path(__file__).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#:"):
            comment.append(line[2:].strip())
        elif ":" in line and "_param(" in line and comment:
            docs[line.split(":", 1)[0].strip()] = " ".join(comment)
            comment = []
        elif not line.startswith("#"):
            comment = []
    return docs
