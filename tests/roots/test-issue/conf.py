project = "昭通日报"
author = "昭通日报社"
copyright = "2023, 昭通日报社"
extensions = ["sphinx_newspaper"]
