# An English project with one newspaper page: it stays English, in every format.
project = "Field Guide"
author = "The Archive"
extensions = ["sphinx_newspaper"]
suppress_warnings = ["newspaper.title-inferred"]
