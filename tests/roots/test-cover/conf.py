project = "测试日报"
extensions = ["sphinx_newspaper"]
newspaper_cover = "art/none.png"
