project = "测试"
extensions = ["sphinx_newspaper"]
