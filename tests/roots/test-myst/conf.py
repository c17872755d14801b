project = "昭通日报"
extensions = ["myst_parser", "sphinx_newspaper"]
# A Markdown-only project: Sphinx reads no .rst file here.
source_suffix = {".md": "markdown"}
suppress_warnings = ["newspaper.title-inferred"]
