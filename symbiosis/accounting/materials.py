"""Materials by material and nutrients by element: tonnes never added across unlike things.

A tonne of nitrogen and a tonne of gypsum are not the same thing, nor are a
wet tonne of biomass and a dry tonne of ash. So materials are reported per
material group and mass basis (``Resource.material``, ``Resource.mass_basis``),
and the plant nutrients a resource carries (``Resource.nutrients``, t of the
element per unit) as their own indicators, in t N, t P, t K and t S.

Three measures per material, all against the counterfactual (no symbiosis):

- **virgin avoided**: tonnes of virgin material not bought;
- **diverted**: tonnes of residual material reused instead of disposed of,
  counted only where the residual's route without the symbiosis is a real
  disposal (landfill, incineration, treatment: a route that costs);
- **moved from use**: tonnes of residual material the symbiosis takes from
  another use it had without the symbiosis (a route that earns: biomass
  spread on farmland, sulphur sold), which is not disposal (issue 26).

And per nutrient element, **avoided**: tonnes of the element no longer bought
in virgin products (mineral fertiliser), **net** of the nutrients the
counterfactual's uses already deliver (residues spread on farmland carry
their N there too): a symbiosis that moves 1,350 t N from the fields to a
digester and back avoids only the difference.

Fuels and energy carriers (``Resource.carrier``) the same way, each in its own
unit, never added across carriers: **fuel saved** and **energy saved** (virgin
purchases of the carrier avoided: litres of oil, Nm3 of gas, MWh of
electricity, t of steam), and **primary energy saved** by carrier, in MWh
(the purchases avoided times the resource's sourced ``primary_energy``).

Keys in :func:`symbiosis.accounting.savings` (and the tidy results of
sweeps that carry them): ``virgin_avoided:<material>:<basis>``,
``diverted:<material>:<basis>``, ``moved_from_use:<material>:<basis>``,
``nutrient_avoided:<element>``, ``fuel_saved:<resource>``, ``energy_saved:<resource>``,
``primary_energy_saved:<resource>``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from symbiosis.model import Network
from symbiosis.model.measures import MEASURES, measured
from symbiosis.results import Result

__all__ = ["COLUMNS", "ENERGY_MEASURES", "MEASURES", "material_key", "material_matrix", "material_table",
           "material_tables", "material_values", "measured", "route_fate"]

COLUMNS = ["measure", "material", "basis", "unit", "value"]
#: The measures of fuels and energy carriers (keyed by resource id, in its own unit or MWh primary).
ENERGY_MEASURES = ("fuel_saved", "energy_saved", "primary_energy_saved")


def material_key(measure: str, material: str, basis: str | None = None) -> str:
    """The indicator key of one material measure: ``virgin_avoided:gypsum:dry`` (or of a nutrient)."""
    if measure == "nutrient_avoided" or measure in ENERGY_MEASURES:
        return f"{measure}:{material}"
    return f"{measure}:{material}:{basis or 'as-delivered'}"


def route_fate(network: Network, resource: str, actor: str | None = None) -> str:
    """What ``resource``'s route without the symbiosis (at ``actor``) does with it: ``disposal``, ``use``,
    ``fertiliser`` (a use whose nutrients reach the fields) or ``not-made`` (:attr:`Factor.fate`; by default
    a route that earns is a use, any other a disposal)."""
    row = network.factor_row("disposal_cost", resource, actor=actor)
    if row is None:
        return "disposal"
    return row.fate or ("use" if row.value < 0 else "disposal")


_MEASURE_OF_FATE = {"disposal": "diverted", "use": "moved_from_use", "fertiliser": "moved_from_use"}


def _contributions(network: Network, resource, kind: str,
                   actor: str | None = None) -> list[tuple[str, str, str | None, float]]:
    """What one unit of ``resource`` bought virgin (``kind`` ``virgin``) or sent on its route without the
    symbiosis (``disposal``) counts for: (measure, material or element, basis, t per unit) each. A route that
    is a use counts as moved from use; one that spreads it as fertiliser also delivers its nutrients, which
    count against the nutrients avoided; a product not made counts for nothing."""
    out = []
    fate = "virgin" if kind == "virgin" else route_fate(network, resource.id, actor)
    measure = "virgin_avoided" if kind == "virgin" else _MEASURE_OF_FATE.get(fate)
    if measure and resource.tonnes_per_unit and not _element_only(resource):
        out.append((measure, resource.material_group, resource.mass_basis, resource.tonnes_per_unit))
    if fate in ("virgin", "fertiliser"):
        sign = 1.0 if kind == "virgin" else -1.0
        out += [("nutrient_avoided", element, None, sign * share) for element, share in resource.nutrients.items()]
    if kind == "virgin" and resource.carrier is not None:
        out.append((f"{resource.carrier}_saved", resource.id, None, 1.0))
        if resource.primary_energy is not None:
            out.append(("primary_energy_saved", resource.id, None, resource.primary_energy.value))
    return out


def _element_only(resource) -> bool:
    """A nutrient counted in tonnes of its element (mineral N in t N) is reported as the nutrient only."""
    return (resource.category == "nutrient" and len(resource.nutrients) == 1
            and next(iter(resource.nutrients.values())) == 1.0)


def _totals(result: Result, network: Network) -> dict[tuple[str, str, str | None], float]:
    """Tonnes per (measure, material or element, basis) bought virgin and disposed of in ``result``.

    What a row counts for depends only on its kind, resource and route (:func:`route_fate`), so it is
    worked out once per (kind, resource, route), not once per row (20,000 rows at 5,000 companies)."""
    out: dict[tuple[str, str, str | None], float] = {}
    parts_of: dict[tuple[str, str, str], list] = {}
    for kind in ("virgin", "disposal"):
        table = getattr(result, kind)
        for a, r, q in zip(table.actor.tolist(), table.resource.tolist(), table.quantity.tolist(), strict=True):
            fate = "virgin" if kind == "virgin" else route_fate(network, r, a)
            parts = parts_of.get((kind, r, fate))
            if parts is None:
                parts = parts_of[(kind, r, fate)] = _contributions(network, network.resource[r], kind, a)
            for measure, material, basis, per_unit in parts:
                key = (measure, material, basis)
                out[key] = out.get(key, 0.0) + q * per_unit
    return out


_ORDER = {m: i for i, m in enumerate(MEASURES)}


def material_table(result: Result, counterfactual: Result, network: Network) -> pd.DataFrame:
    """One row per (measure, material, basis) and per nutrient element: what ``result`` saves against the
    counterfactual, in t per year (``unit`` ``t``, or ``t N`` for a nutrient). Rows that are zero in both
    answers are left out."""
    return _table(_totals(counterfactual, network), _totals(result, network), network)


def material_tables(results: dict[str, Result], counterfactual: Result, network: Network) -> dict[str, pd.DataFrame]:
    """:func:`material_table` of each of ``results``, the counterfactual's tonnes counted once.

    Parameters
    ----------
    results : dict of str to Result
        The solved answers of the network, by answer (``observed``, ``optimised``).
    counterfactual : Result
        The counterfactual answer (no symbiosis streams) of the same network.
    network : Network
        The network.

    Returns
    -------
    dict of str to pandas.DataFrame
        Each answer's table (columns ``measure, material, basis, unit, value``; t/yr, t of the element/yr for
        a nutrient, the carrier's unit or MWh for energy), by answer.
    """
    before = _totals(counterfactual, network)
    return {answer: _table(before, _totals(result, network), network) for answer, result in results.items()}


def _table(before: dict, after: dict, network: Network) -> pd.DataFrame:
    """The rows of :func:`material_table` from the tonnes of the counterfactual and of the answer."""
    rows = []
    for measure, material, basis in sorted(set(before) | set(after),
                                           key=lambda k: (_ORDER[k[0]], k[1], k[2] or "")):
        nutrient = measure == "nutrient_avoided"
        unit = (f"t {material}" if nutrient else "MWh" if measure == "primary_energy_saved"
                else network.resource[material].unit if measure in ENERGY_MEASURES else "t")
        rows.append({"measure": measure, "material": material,
                     "basis": "" if nutrient or measure in ENERGY_MEASURES else basis or "as delivered",
                     "unit": unit,
                     "value": before.get((measure, material, basis), 0.0) - after.get((measure, material, basis), 0.0)})
    return pd.DataFrame(rows, columns=COLUMNS)


def material_values(result: Result, counterfactual: Result, network: Network,
                    table: pd.DataFrame | None = None) -> dict[str, float]:
    """:func:`material_table` as indicator keys (see the module notes) and values (``table``: that table,
    when it is already computed)."""
    table = material_table(result, counterfactual, network) if table is None else table
    return {material_key(m, mat, None if b in ("", "as delivered") else b): float(v)
            for m, mat, b, v in zip(table.measure, table.material, table.basis, table.value, strict=True)}


def material_matrix(network: Network, kinds, resources, actors=None) -> tuple[list[str], np.ndarray]:
    """The material and nutrient indicators as a matrix over decisions, for fast sweeps.

    ``kinds`` and ``resources`` name each decision (``virgin``, ``disposal``,
    anything else), ``actors`` its actor (for actor-specific routes); returns
    the indicator keys (see the module notes) and a matrix ``M`` (keys x
    decisions, t per unit) such that ``M @ x_cf - M @ x`` is each indicator
    of solution ``x`` against the counterfactual ``x_cf``.
    """
    rows: dict[str, np.ndarray] = {}
    n = len(kinds)
    actors = [None] * n if actors is None else list(actors)
    for j, (kind, r, a) in enumerate(zip(kinds, resources, actors, strict=True)):
        if kind not in ("virgin", "disposal") or r not in network.resource:
            continue
        for measure, material, basis, per_unit in _contributions(network, network.resource[r], kind, a):
            rows.setdefault(material_key(measure, material, basis), np.zeros(n))[j] += per_unit
    keys = sorted(rows)
    return keys, np.array([rows[k] for k in keys]).reshape(len(keys), n)
