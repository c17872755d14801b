# Another extension writes an issue directive into a document while Sphinx reads it: the text
# of news.rst does not name the issue (a source-read handler, as a templating or substitution
# extension would).
project = "Field Guide"
extensions = ["sphinx_newspaper"]
suppress_warnings = ["newspaper.title-inferred"]


def add_issue(app, docname, source):
    if docname in app.config.injected_into:
        argument = app.config.injected_argument
        if app.config.injected_changing:  # another file at every reading
            app.readings = getattr(app, "readings", 0) + 1
            argument = f"issue-{app.readings}.txt"
        source[0] += f"\n.. newspaper-issue:: {argument}\n   :paper: 昭通日报\n"


def setup(app):
    app.add_config_value("injected_into", ["news"], "env")
    app.add_config_value("injected_argument", "zhaotong-2023-03-24-p04.txt", "env")
    app.add_config_value("injected_changing", False, "env")
    app.connect("source-read", add_issue)
