# One volume of the archive: a month of 人民日报, a Sphinx project of its own (see ../README.md).
project = "人民日报 2020年2月"
extensions = ["sphinx_newspaper", "sphinx.ext.intersphinx"]

# The volumes this one links into: name -> (their pages, as seen from this volume's pages;
# their inventory, from the local build, which the Makefile makes first).  A published archive
# can name the published inventory as a second location: ("../_build/...", "https://.../objects.inv").
intersphinx_mapping = {"2020-01": ("../2020-01/", "../_build/html/2020-01/objects.inv")}
