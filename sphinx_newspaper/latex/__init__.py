"""The printable book: the LaTeX builder's settings and translator (:mod:`.document`) and the
fonts chosen for the script (:mod:`.fonts`)."""
