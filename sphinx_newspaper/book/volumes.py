"""An archive of many volumes: each volume (a month, a year) is a Sphinx project of its own,
built by any job runner (``make -j``, a CI matrix), and a top-level book lists them all.

The volumes know each other through intersphinx, the mechanism Sphinx users already know: a
volume's inventory (``objects.inv``) names every issue, page and article document with its
title.  ``.. newspaper-volumes::`` in the top-level book lists, for each volume named in its
``intersphinx_mapping``, the volume's title and its months and issues, each a reference that
intersphinx resolves to the volume's own page.  A link from one volume into another is the
ordinary ``:external+VOLUME:doc:`newspaper/2020-01-02/p03-07``` (document names are stable).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..config import newspaper_config
from ..subtypes import WARNING_TYPE, Subtype
from .directives import located
from .render import not_in_print

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def volume_reference(volume: str, docname: str) -> addnodes.pending_xref:
    """A reference to ``docname`` in ``volume``, which intersphinx resolves (with its title)."""
    target = f"{volume}:{docname}"
    return addnodes.pending_xref(
        "",
        nodes.inline(docname, docname),
        refdomain="std",
        reftype="doc",
        reftarget=target,
        refexplicit=False,
        refwarn=True,
    )


def volume_contents(documents: dict[str, object], generated_dir: str) -> list[str]:
    """The months (if any) and issues of a volume, in order, from its inventory's documents."""
    months = re.compile(rf"^{re.escape(generated_dir)}/\d{{4}}-\d{{2}}$")
    issues = re.compile(rf"^{re.escape(generated_dir)}/[^/]+/index$")
    found = [name for name in documents if months.match(name)]
    return sorted(found or [name for name in documents if issues.match(name)])


class NewspaperVolumes(SphinxDirective):
    """``.. newspaper-volumes:: [VOLUME ...]``: the volumes named (every volume in
    ``intersphinx_mapping`` when none is), each with its months or issues."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        # The inventories change when a volume is built again: list them anew on every build.
        self.env.note_reread()
        if "sphinx.ext.intersphinx" not in self.config.extensions:
            logger.warning(
                "newspaper-volumes: add sphinx.ext.intersphinx to extensions, and name each volume "
                "in intersphinx_mapping",
                type=WARNING_TYPE,
                subtype=Subtype.VOLUME,
                location=self.get_location(),
            )
            return []
        inventories: dict[str, dict] = getattr(self.env, "intersphinx_named_inventory", {})
        names = self.arguments[0].split() if self.arguments else list(self.config.intersphinx_mapping)
        generated_dir = newspaper_config(self.env).generated_dir
        listing = nodes.bullet_list(classes=["newspaper-volumes"])
        for name in names:
            documents = inventories.get(name, {}).get("std:doc")
            if not documents:
                logger.warning(
                    f"newspaper-volumes: no inventory of volume {name!r}: build the volume first, "
                    "and name it in intersphinx_mapping",
                    type=WARNING_TYPE,
                    subtype=Subtype.VOLUME,
                    location=self.get_location(),
                )
                continue
            root = "index" if "index" in documents else sorted(documents)[0]
            item = nodes.list_item("", nodes.paragraph("", "", volume_reference(name, root)))
            parts = nodes.bullet_list()
            for docname in volume_contents(documents, generated_dir):
                parts += nodes.list_item("", nodes.paragraph("", "", volume_reference(name, docname)))
            if len(parts):
                item += parts
            listing += item
        return located(self, [not_in_print(listing)])


def setup_volumes(app: Sphinx) -> None:
    """The top-level book's list of volumes."""
    app.add_directive("newspaper-volumes", NewspaperVolumes)
