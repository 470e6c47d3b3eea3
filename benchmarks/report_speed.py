"""How fast the stakeholder report builds and how big it is (not part of the test run).

    python benchmarks/report_speed.py            # Kalundborg, tiny, and a 1,000-actor synthetic network

Prints wall and CPU seconds for evaluate + build_report (warm: modules imported,
one build done before), and the size of the HTML. The synthetic network is
seeded: 1,000 actors on a 40 x 40 km square, 10 resources, about 2,000 streams.
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def synthetic(n_actors: int = 1000, n_resources: int = 10, n_streams: int = 2000, seed: int = 7):
    """A seeded regional network: each stream links a supplier to a receiver within ~10 km."""
    from symbiosis.io import network_from_dict

    rng = np.random.default_rng(seed)
    src = {"source": "@synthetic", "basis": "estimated", "method": "seeded random benchmark network"}
    cats = ["energy", "water", "material", "nutrient", "fuel"]
    resources = [{"id": f"r{i}", "name": f"Resource {i}", "unit": "t", "category": cats[i % len(cats)]}
                 for i in range(n_resources)]
    lat = 55.5 + rng.random(n_actors) * 0.36
    lon = 11.0 + rng.random(n_actors) * 0.63
    kinds = rng.choice(["industry", "utility", "agriculture", "social_enterprise"], n_actors, p=[.7, .1, .15, .05])
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "kind": str(kinds[i]), "member": bool(rng.random() < 0.5),
               "location": {"lat": float(lat[i]), "lon": float(lon[i]), **src}} for i in range(n_actors)]
    supplies, demands, streams, seen = {}, {}, [], set()
    while len(streams) < n_streams:
        a, b = rng.integers(n_actors, size=2)
        r = int(rng.integers(n_resources))
        if a == b or (a, b, r) in seen or np.hypot(lat[a] - lat[b], lon[a] - lon[b]) > 0.15:
            continue
        seen.add((a, b, r))
        q = float(np.round(rng.lognormal(6, 1.5), 1))
        supplies[(a, r)] = supplies.get((a, r), 0.0) + q * 1.5
        demands[(b, r)] = demands.get((b, r), 0.0) + q * 1.2
        streams.append({"id": f"s{len(streams)}", "supplier": f"a{a}", "receiver": f"a{b}", "resource": f"r{r}",
                        "start": int(rng.integers(1961, 2024)), "observed": {"value": q, **src},
                        "mode": "truck", "distance_km": 5.0})
    doc = {
        "id": "synthetic", "name": "Synthetic region", "year": 2023,
        "sources": {"synthetic": {"title": "benchmarks/report_speed.py"}},
        "resources": resources, "actors": actors,
        "supplies": [{"actor": f"a{a}", "resource": f"r{r}", "quantity": {"value": v, **src}}
                     for (a, r), v in supplies.items()],
        "demands": [{"actor": f"a{a}", "resource": f"r{r}", "quantity": {"value": v, **src}}
                    for (a, r), v in demands.items()],
        "streams": streams,
        "factors": [f for r in range(n_resources) for f in (
            {"factor": "virgin_price", "resource": f"r{r}", "value": 100.0 + 10 * r, "unit": "DKK/t", **src},
            {"factor": "disposal_cost", "resource": f"r{r}", "value": 50.0, "unit": "DKK/t", **src})],
    }
    return network_from_dict(doc, "synthetic")


def measure(name: str, net) -> None:
    from symbiosis.evaluation import evaluate
    from symbiosis.viz.report import build_report

    build_report(evaluate(net))
    c0, w0 = time.process_time(), time.perf_counter()
    html = build_report(evaluate(net))
    print(f"{name:<12} {len(net.actors):>5} actors {len(net.streams):>5} streams: "
          f"evaluate + report {time.perf_counter() - w0:5.2f} s wall, {time.process_time() - c0:5.2f} s CPU, "
          f"{len(html.encode()) / 1e6:5.2f} MB")


def main() -> None:
    from symbiosis.io import load_network

    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    measure("tiny", load_network(ROOT / "tests" / "fixtures" / "tiny.yaml"))
    measure("kalundborg", load_network("kalundborg"))
    measure("synthetic", synthetic())


if __name__ == "__main__":
    main()
