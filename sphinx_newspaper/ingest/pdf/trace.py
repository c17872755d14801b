"""Why each block of a PDF page went where it went: the rules' decisions, as the rules made them.

Every step of the route records, for each block, stack (headline or subhead), line (byline) and
story it places, the rule that placed it and the measures that rule read, in the page's own
units (``_em``: body sizes, ``_leading``: body leadings, ``_columns``: column widths, ``_ratio``,
``_share``).  A rule is named for the layout it handles (``reads-on``, ``headline-over-row``,
``column-label``), never for a page.

The record is always kept (it costs a few dictionaries per block; measured in
``docs/design-pdf.md``) on the page's :class:`.layout.Layout` (``layout.trace``), and reaches
the model as the ``decisions`` of each :class:`~sphinx_newspaper.model.Placed` block and the
``decisions`` of each article's story (:attr:`~sphinx_newspaper.model.PageLayout.stories`).
``sphinx-newspaper inspect PATH --explain`` prints it per article; ``--json --explain`` adds it to
each page's JSON (``trace``: README, "The JSON schema").

Recording from a rule::

    trace = layout.trace
    trace.record(block, "stories", "reads-on", gap_leading=gap / layout.leading)
    trace.record(story, "stories", "opened-under-headline")  # a story: what opened it

The last decision recorded for an item is the one that placed it (:meth:`Trace.rule`); the
earlier ones say what it was taken for on the way (its role, then its story).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Decision


@dataclass
class Trace:
    """Decisions by the object they are about (blocks, stacks, lines, stories), in the order the
    rules made them."""

    #: ``id(item) -> (item, decisions)``: the item is kept so that its id stays its own.
    entries: dict[int, tuple[Any, list[Decision]]] = field(default_factory=dict)

    def record(self, item: object, step: str, rule: str, **measures: float) -> None:
        """``item`` was placed by ``rule`` of ``step`` (``roles``, ``stories``, ``pictures``,
        ``page``, or a step of one's own), having read ``measures`` (names ending in their unit:
        ``gap_leading``, ``size_em``, ``width_columns``)."""
        decision = Decision(step, rule, {name: round(float(value), 3) for name, value in measures.items()})
        entry = self.entries.get(id(item))
        if entry is None:
            self.entries[id(item)] = (item, [decision])
        else:
            entry[1].append(decision)

    def decisions(self, item: object) -> list[Decision]:
        """Every decision about ``item``, first to last."""
        entry = self.entries.get(id(item))
        return list(entry[1]) if entry is not None else []

    def rule(self, item: object) -> Decision | None:
        """The decision that placed ``item`` (the last one recorded)."""
        entry = self.entries.get(id(item))
        return entry[1][-1] if entry is not None else None

    def copy_to(self, source: object, target: object) -> None:
        """``target`` (a block made from ``source``: a piece of it, a caption joined with its
        credit) starts with ``source``'s decisions."""
        for decision in self.decisions(source):
            self.record(target, decision.step, decision.rule, **decision.measures)
