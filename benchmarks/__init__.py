"""The project's measurements, each a module run from the repository root.

    python -m benchmarks.archive      a month of People's Daily against plain Sphinx
    python -m benchmarks.pdf_pages    the PDF ingest's rate, a book of PDF pages
    python -m benchmarks.pictures     news pictures and page images
    python -m benchmarks.big_pages    pages far larger than printed ones
    python -m benchmarks.ocr_pages    scans read through OCR
    python -m benchmarks.accuracy     how well pages are read, against the gold
    python -m benchmarks.layout_warnings FOLDER...   the layout warnings on synthetic pages

Each writes its figures to ``docs/data/NAME.json`` with the date, the machine and the commit
(:func:`benchmarks.common.save`); the documentation's accuracy and performance pages are made
from those files.  ``make bench`` runs the long ones.  What they share (timing, the table,
projects written as plain reST, builds in a child process) is in :mod:`benchmarks.common`.
"""
