"""The ``symbiosis`` command line. Thin: parse the flags, call the API, present the result.

One module per group of commands: :mod:`.simulate`, :mod:`.network` (networks,
show, validate, new, export, factors), :mod:`.score`, :mod:`.report`,
:mod:`.metrics`, :mod:`.planning` (stress, design, pareto, prices) and
:mod:`.runs` (the run store, the scenario schema); :mod:`.common` holds what
they share. No command holds scoring or solving logic: that is the library's.
"""

from symbiosis.cli.main import main

__all__ = ["main"]
