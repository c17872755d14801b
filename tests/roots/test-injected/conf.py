# Another extension writes an issue directive into a document while Sphinx reads it.
project = "报纸"
extensions = ["sphinx_newspaper"]


def add_issue(app, docname, source):
    source[0] += "\n.. newspaper" + "-issue:: zhaotong-2023-03-24-p04.txt\n"


def setup(app):
    app.connect("source-read", add_issue)
