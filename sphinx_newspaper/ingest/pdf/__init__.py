"""The PDF route: e-paper PDF pages read by their layout, one module per step.

:mod:`.chars` (characters, sizes, fonts, rules; unreadable PDFs refused) -> :mod:`.lines`
(lines and the page's measures) -> :mod:`.layout` (blocks and columns) -> :mod:`.roles`
(headline tiers, bylines, captions, furniture) -> :mod:`.stories` (which story each block
belongs to, reading order) -> :mod:`.pictures` (news pictures and their captions) ->
:mod:`.page` (the shared model).
"""
