"""Writers: a report in the official layout as text, HTML, Markdown, Word and Excel, plus tidy CSV.

Every writer draws the same printed model (:mod:`.grid` for the tables, :mod:`.document` for
the outline and the printed text of values), computed from the variant's layout, so a regional
variant renders with no change to any writer.  Each module registers its writer through
``gd_register_writers``; ``docx`` and ``xlsx`` import their libraries lazily.
"""
