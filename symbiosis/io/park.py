"""Seeded synthetic parks: a region's companies, their residuals and needs, and the streams between them.

:func:`park` writes a whole network document (resources, companies with a
location, supplies, demands, processes, streams with observed flows,
capacities and distances, factors) and reads it with the same validation as a
file, so every command can run on it. The same seed gives the same park.
It is the generator behind ``benchmarks/regional.py`` and the tests' random
parks; it extends :func:`flows.synthetic.regional` (which writes a bare
``flows.Problem``) to the domain's vocabulary.

Two kinds of park:

- **heterogeneous** (the default): several resources, each with its own
  virgin price and disposal cost (and a per-company price for some
  companies), streams by pipe or truck with transport costs that grow with
  the distance, and a few processes (one resource into another at a ratio);
  most optima are unique.
- **one price** (``one_price=True``): one resource, one virgin price and one
  disposal cost for everyone, streams without transport cost. Every supplier
  is as good as any other, so nearly every decision is tied: the hard case
  for the tie analysis (:mod:`symbiosis.engine.recommend`).

Examples
--------
>>> net = park(30, seed=1)
>>> len(net.actors), len(net.streams)
(30, 120)
>>> park(30, seed=1).streams[5] == net.streams[5]
True
"""

from __future__ import annotations

import numpy as np

from symbiosis.errors import FileError, Mistake
from symbiosis.io import network_from_dict

__all__ = ["park", "park_document"]

_SRC = {"source": "@synthetic", "basis": "estimated", "method": "seeded random park (symbiosis.io.park)"}
_CATEGORIES = ["energy", "water", "material", "nutrient", "fuel"]


def park(n_companies: int = 200, **options):
    """The network of :func:`park_document` (same parameters), read and validated as a file would be."""
    return network_from_dict(park_document(n_companies, **options), "synthetic park")


def park_document(n_companies: int = 200, *, streams_per_company: float = 4.0, n_resources: int | None = None,
                  processes: int | None = None, one_price: bool = False, seed: int = 0) -> dict:
    """A seeded synthetic park of ``n_companies`` companies and about ``streams_per_company`` x as many streams.

    Parameters
    ----------
    n_companies : int
        Companies (at least 2), placed in clusters (industrial estates 1-4 km
        wide) on a square about 2 x sqrt(n) km a side in Zealand.
    streams_per_company : float, default 4
        Streams per company; each links a company to one of its 8 nearest
        neighbours, for one resource, with an observed flow (t/yr, log-normal)
        and, for 60 %, a capacity of 1-3 x that flow.
    n_resources : int, optional
        Resources (default 1 with ``one_price``, else 10).
    processes : int, optional
        Conversions (one resource into another at a ratio, with a capacity) at
        as many companies (default none with ``one_price``, else n / 50).
    one_price : bool, default False
        The hard case: one price, one disposal cost, no transport cost.
    seed : int, default 0

    Returns
    -------
    dict
        A network document (write it as YAML or JSON, or read it with
        :func:`symbiosis.io.network_from_dict`).

    Raises
    ------
    SymbiosisError
        If a parameter is out of range (naming it).
    """
    n_res = (1 if one_price else 10) if n_resources is None else n_resources
    n_proc = (0 if one_price else n_companies // 50) if processes is None else processes
    bad = [Mistake(name, f"must be {what}, not {value!r}") for name, value, ok, what in (
        ("n_companies", n_companies, isinstance(n_companies, int) and n_companies >= 2, "a whole number >= 2"),
        ("streams_per_company", streams_per_company,
         isinstance(streams_per_company, (int, float)) and streams_per_company > 0, "a number > 0"),
        ("n_resources", n_res, isinstance(n_res, int) and n_res >= 1, "a whole number >= 1"),
        ("processes", n_proc, isinstance(n_proc, int) and 0 <= n_proc <= n_companies,
         "a whole number from 0 to n_companies"),
    ) if not ok]
    if bad:
        raise FileError(bad, summary="park_document():")
    rng = np.random.default_rng(seed)
    n = n_companies
    side = 2.0 * np.sqrt(n)  # km
    n_est = max(1, n // 25)
    estates = rng.uniform(0.1 * side, 0.9 * side, (n_est, 2))
    which = rng.integers(0, n_est, n)
    xy = np.where((rng.random(n) < 0.75)[:, None],
                  estates[which] + rng.normal(0, 1, (n, 2)) * rng.uniform(1, 4, n_est)[which, None],
                  rng.uniform(0, side, (n, 2)))
    lat = 55.3 + xy[:, 1] / 111.0
    lon = 11.0 + xy[:, 0] / 63.0  # km per degree of longitude at 55.5 N

    n_streams = int(round(streams_per_company * n))
    near = _neighbours(xy, min(8, n - 1))
    a = rng.integers(0, n, n_streams)
    b = near[a, rng.integers(0, near.shape[1], n_streams)]
    r = rng.integers(0, n_res, n_streams)
    km = np.round(np.hypot(*(xy[a] - xy[b]).T) * 1.3 + 0.1, 2)  # road or pipe: 1.3 x the straight line
    q = np.round(rng.lognormal(6.0, 1.2, n_streams), 1)
    capped = rng.random(n_streams) < 0.6
    cap = np.round(q * rng.uniform(1.0, 3.0, n_streams), 1)
    pipe = (km < 3.0) & (rng.random(n_streams) < 0.5)
    streams = [{"id": f"s{i}", "supplier": f"c{a[i]}", "receiver": f"c{b[i]}", "resource": f"r{r[i]}",
                "observed": {"value": float(q[i]), **_SRC}, "distance_km": float(km[i]),
                "mode": "pipe" if pipe[i] else "truck",
                **({"capacity": {"value": float(cap[i]), **_SRC}} if capped[i] else {}),
                **({"transport_cost": 0.0} if one_price else {})}
               for i in range(n_streams)]
    supply = _sums(a, r, q * rng.uniform(1.1, 1.6, n_streams))
    demand = _sums(b, r, q * rng.uniform(1.05, 1.4, n_streams))
    price = np.full(n_res, 400.0) if one_price else np.round(rng.uniform(80, 2500, n_res), 0)
    dispose = np.full(n_res, 150.0) if one_price else np.round(price * rng.uniform(0.05, 0.6, n_res), 0)
    factors = [f for i in range(n_res) for f in (
        {"factor": "virgin_price", "resource": f"r{i}", "value": float(price[i]), "unit": "DKK/t", **_SRC},
        {"factor": "disposal_cost", "resource": f"r{i}", "value": float(dispose[i]), "unit": "DKK/t", **_SRC},
        {"factor": "virgin_co2e", "resource": f"r{i}", "value": 0.2, "unit": "t CO2e/t", **_SRC},
        {"factor": "disposal_co2e", "resource": f"r{i}", "value": 0.1, "unit": "t CO2e/t", **_SRC})]
    if not one_price:  # some companies buy at their own price (a contract, a longer haul)
        buyers = sorted({(int(c), int(k)) for c, k in demand})
        for c, k in (buyers[i] for i in rng.choice(len(buyers), len(buyers) // 10, replace=False)):
            factors.append({"factor": "virgin_price", "resource": f"r{k}", "actor": f"c{c}", "unit": "DKK/t",
                            "value": float(np.round(price[k] * rng.uniform(0.8, 1.3))), **_SRC})
    doc = {
        "id": "park", "name": f"Synthetic park of {n} companies", "year": 2024,
        "sources": {"synthetic": {"title": f"symbiosis.io.park (seed {seed})"}},
        "resources": [{"id": f"r{i}", "name": f"Resource {i}", "unit": "t", "category": _CATEGORIES[i % 5]}
                      for i in range(n_res)],
        "actors": [{"id": f"c{i}", "name": f"Company {i}", "kind": "industry", "member": True,
                    "location": {"lat": float(lat[i]), "lon": float(lon[i]), **_SRC}} for i in range(n)],
        "supplies": [{"actor": f"c{c}", "resource": f"r{k}", "quantity": {"value": float(np.round(v, 1)), **_SRC}}
                     for (c, k), v in supply.items()],
        "demands": [{"actor": f"c{c}", "resource": f"r{k}", "quantity": {"value": float(np.round(v, 1)), **_SRC}}
                    for (c, k), v in demand.items()],
        "streams": streams,
        "processes": _processes(rng, n, n_res, n_proc),
        "factors": factors + [{"factor": "transport_cost", "mode": m, "value": 0.0 if one_price else v,
                               "unit": "DKK/(t km)", **_SRC} for m, v in (("truck", 1.5), ("pipe", 0.3))],
    }
    return doc


def _neighbours(xy: np.ndarray, k: int) -> np.ndarray:
    """Each company's ``k`` nearest other companies (indices, n x k)."""
    from scipy.spatial import cKDTree

    _, idx = cKDTree(xy).query(xy, k=k + 1)
    return np.asarray(idx)[:, 1:]


def _sums(actor: np.ndarray, resource: np.ndarray, q: np.ndarray) -> dict[tuple[int, int], float]:
    out: dict[tuple[int, int], float] = {}
    for c, k, v in zip(actor.tolist(), resource.tolist(), q.tolist(), strict=True):
        out[(c, k)] = out.get((c, k), 0.0) + v
    return out


def _processes(rng: np.random.Generator, n: int, n_res: int, count: int) -> list[dict]:
    """``count`` conversions, each at its own company: one resource into another at 0.5-1.0 per unit."""
    if n_res < 2 or not count:
        return []
    out = []
    for j, c in enumerate(rng.choice(n, count, replace=False).tolist()):
        r_in, r_out = rng.choice(n_res, 2, replace=False).tolist()
        out.append({"id": f"p{j}", "actor": f"c{c}", "name": f"Process {j}", "activity_unit": "t",
                    "inputs": {f"r{r_in}": 1.0}, "outputs": {f"r{r_out}": float(np.round(rng.uniform(0.5, 1.0), 2))},
                    "capacity": {"value": float(np.round(rng.lognormal(6.0, 1.0), 0)), **_SRC},
                    "operating_cost": float(np.round(rng.uniform(5, 100), 0)), "ratios": dict(_SRC)})
    return out
