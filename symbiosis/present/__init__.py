"""Results for people and machines: terminal tables, JSON and CSV.

One number formatter (:mod:`.formatting`), one JSON encoder (:mod:`.encode`)
and one kind of table (:mod:`.console`), used by a module per command group:
:mod:`.simulation`, :mod:`.network`, :mod:`.scores`, :mod:`.planning`,
:mod:`.runs`, :mod:`.metrics`. Presentation never solves: it is handed results.
"""
