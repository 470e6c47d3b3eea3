"""Results for people and machines: terminal tables, JSON and CSV.

One number formatter (:mod:`.formatting`), one JSON encoder (:mod:`.encode`)
and one kind of table (:mod:`.console`), used by a module per command group:
:mod:`.simulation`, :mod:`.network`, :mod:`.scores`, :mod:`.planning`,
:mod:`.runs`, :mod:`.metrics`. Presentation never solves: it is handed results.

``__all__`` lists what the other rooms (the command line, the figures) use;
each name is imported from its module on first use, so that importing one
module of the package (the figures import :mod:`.i18n`) does not import them all.
"""

from __future__ import annotations

import importlib
from typing import Any

#: The exported names by the module that defines them.
_WHERE = {
    "console": ["output_width"],
    "danish": ["say"],
    "encode": ["csv_text", "dumps", "records"],
    "formatting": ["money", "number", "quantity"],
    "i18n": ["LANGS", "N_", "gettext_in", "name_of", "scheme_name"],
    "metrics": ["check_scope", "metric_catalogue", "metrics_json", "print_by_year", "print_metrics"],
    "network": ["print_factors", "print_money", "print_network"],
    "planning": ["design_json", "pareto_json", "prices_json", "print_design", "print_failures", "print_pareto",
                 "print_prices", "print_stress"],
    "runs": ["print_compare", "print_run", "print_run_info", "print_runs", "run_info_json", "run_json"],
    "scenario": ["print_events"],
    "scores": ["print_report", "report_csv", "report_json"],
    "sensitivity": ["print_sensitivity", "sensitivity_json"],
    "simulation": ["flows_table", "print_simulation", "simulation_files", "simulation_json_text"],
}
_MODULE = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(_MODULE)


def __getattr__(name: str) -> Any:
    """An exported name, imported from its module on first use (PEP 562)."""
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULE[name]}"), name)
    globals()[name] = value
    return value
