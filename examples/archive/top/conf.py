# The archive's top-level book: it lists every volume (the folders beside this one that hold a
# conf.py) through their intersphinx inventories, which `make` builds first.  See ../README.md.
from pathlib import Path

project = "人民日报 档案"
extensions = ["sphinx_newspaper", "sphinx.ext.intersphinx"]

_here = Path(__file__).resolve().parent
_volumes = sorted(conf.parent.name for conf in _here.parent.glob("2*/conf.py"))
# name -> (the volume's pages, as seen from this book's pages; its inventory)
intersphinx_mapping = {name: (f"{name}/", f"../_build/html/{name}/objects.inv") for name in _volumes}
