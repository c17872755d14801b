project = "人民日报 2020年1月"
extensions = ["sphinx_newspaper"]
