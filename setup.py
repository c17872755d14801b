"""The package description: README.md as a package index shows it.

A package index page has no files beside it, so the README's pictures (relative paths into
``docs/images``) would be broken images there, and its links into ``docs/`` broken links.  The
project has no public URL to point them at, so the description names the picture or page and
where it is in the source distribution instead.
"""

import re
from pathlib import Path

from setuptools import setup

IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>(?![a-z][a-z0-9+.-]*:)[^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<path>(?![a-z][a-z0-9+.-]*:|#)[^)\s]+)\)")


def package_description(readme: str) -> str:
    """``![alt](docs/images/x.png)`` becomes ``*alt (picture: docs/images/x.png in the sdist)*``,
    ``[text](docs/usage.md)`` becomes ``text (docs/usage.md)``."""
    readme = IMAGE.sub(lambda m: f"*{m['alt']} (picture: `{m['path']}` in the source distribution)*", readme)
    return LINK.sub(lambda m: f"{m['text']} (`{m['path']}`)", readme)


if __name__ == "__main__":
    setup(
        long_description=package_description(Path(__file__).with_name("README.md").read_text("utf-8")),
        long_description_content_type="text/markdown",
    )
