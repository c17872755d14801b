# One volume of the archive: a month of 人民日报, a Sphinx project of its own (see ../README.md).
project = "人民日报 2020年1月"
extensions = ["sphinx_newspaper", "sphinx.ext.intersphinx"]
