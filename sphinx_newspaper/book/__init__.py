"""The Sphinx side: which issues the sources name (:mod:`.discovery`), the book collected
and loaded (:mod:`.collect`, :mod:`.loading`, :mod:`.cache`), the documents generated for it
(:mod:`.generate`, :mod:`.manifest`), and how they are rendered, linked and pictured
(:mod:`.directives`, :mod:`.render`, :mod:`.navigation`, :mod:`.pagemaps`)."""
