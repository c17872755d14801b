project = "测试日报"
author = "测试日报社"
copyright = "2025, 测试日报社"
version = "1"
extensions = ["sphinx_newspaper"]
