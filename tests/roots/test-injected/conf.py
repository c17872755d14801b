# Another extension writes an issue directive into a document while Sphinx reads it: the text
# of news.rst does not name the issue (a source-read handler, as a templating or substitution
# extension would).
project = "Field Guide"
extensions = ["sphinx_newspaper"]
suppress_warnings = ["newspaper.title-inferred"]


def add_issue(app, docname, source):
    if docname in app.config.injected_into:
        source[0] += "\n.. newspaper" + "-issue:: zhaotong-2023-03-24-p04.txt\n   :paper: 昭通日报\n"


def setup(app):
    app.add_config_value("injected_into", ["news"], "env")
    app.connect("source-read", add_issue)
