# The example book: one page of 昭通日报 (2023-03-24, page 4) published as a book.
project = "昭通日报"
author = "昭通日报社"
copyright = "2023, 昭通日报社"
extensions = ["sphinx_newspaper"]

# None keeps the Simplified text; "s2tw", "s2hk", "s2t"... convert with OpenCC.
newspaper_convert = None
newspaper_pdf_size = "a5"

# The page's middle article has no headline in the text: the extension infers one from its
# first clause and warns. The example accepts the inferred title; remove this line to see it.
suppress_warnings = ["newspaper.title-inferred"]
