project = "图片日报"
author = "图片日报社"
copyright = "2024, 图片日报社"
extensions = ["sphinx_newspaper"]
