project = "昭通日报"
extensions = ["sphinx_newspaper"]
suppress_warnings = ["newspaper.title-inferred"]
