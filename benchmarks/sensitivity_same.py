"""Whether `sensitivity` gives the same figures as another checkout (not part of the test run).

    python benchmarks/sensitivity_same.py dump /tmp/before                 # in the other checkout (PYTHONPATH=it)
    python benchmarks/sensitivity_same.py dump /tmp/after                  # in this one
    python benchmarks/sensitivity_same.py compare /tmp/before /tmp/after

``dump`` writes the headline and the table of :func:`symbiosis.planning.sensitivity.sensitivity` (pickled)
for Kalundborg (observed and optimised) and the generated parks (``symbiosis.io.park.park_document``,
seeded as ``benchmarks/regional.py``) of 20, 200 and 1,000 companies of both kinds, with the CPU time and
the LPs of each; ``--only`` picks some. ``compare`` matches the rows by path and checks every number to
1e-9 (relative; 1e-6 absolute) and every note; rows whose reach ties to the last bits may swap places
(counted, not an error). Exit code 1 where a figure differs.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

CASES = ["kalundborg", "kalundborg-opt", "hetero-20", "one-price-20", "hetero-20-opt", "hetero-200", "one-price-200",
         "one-price-1000", "hetero-1000"]


def dump(folder: Path, only: list[str]) -> None:
    import symbiosis as sym
    from flows.highs import LinearModel
    from symbiosis.io import network_from_dict
    from symbiosis.io.park import park_document
    from symbiosis.planning.sensitivity import sensitivity

    folder.mkdir(parents=True, exist_ok=True)
    for name in only or CASES:
        kind = "one-price" if name.startswith("one-price") else name.split("-")[0]
        size = next((int(p) for p in name.split("-") if p.isdigit()), 0)
        net = sym.load_network("kalundborg") if name.startswith("kalundborg") else network_from_dict(
            park_document(size, one_price=kind == "one-price", seed=size))
        runs, cpu = LinearModel.runs, time.process_time()
        base, table = sensitivity(net, answer="optimised" if name.endswith("-opt") else "observed")
        print(f"{name}: {time.process_time() - cpu:.2f} s CPU, {len(table)} rows, {LinearModel.runs - runs} LPs",
              flush=True)
        (folder / f"{name}.pkl").write_bytes(pickle.dumps((base, table)))


def compare(before: Path, after: Path) -> int:
    bad = 0
    for f in sorted(after.glob("*.pkl")):
        (b0, t0), (b1, t1) = (pickle.loads(p.read_bytes()) for p in (before / f.name, f))
        errors = [f"headline {k}: {b0[k]} / {b1[k]}" for k in b0 if not np.isclose(b0[k], b1[k], rtol=1e-9)]
        if list(t0.columns) != list(t1.columns) or sorted(t0.path) != sorted(t1.path):
            errors.append("other rows or columns")
        else:
            x, y = t0.set_index("path"), t1.set_index("path").loc[t0.path]
            for col in x.columns:
                if x[col].dtype.kind == "f":
                    same = np.isclose(x[col].to_numpy(), y[col].to_numpy(), rtol=1e-9, atol=1e-6, equal_nan=True)
                else:
                    same = (x[col].astype(str) == y[col].astype(str)).to_numpy()
                if not same.all():
                    errors.append(f"{col}: {int((~same).sum())} rows differ, first {x.index[~same][0]}")
        moved = int((t0.path.to_numpy() != t1.path.to_numpy()).sum()) if len(t0) == len(t1) else 0
        where = f" ({moved} rows at other places)" if moved else ""
        print(f"{f.stem}: {'same' if not errors else 'DIFFERENT'}{where}")
        for e in errors:
            print("   ", e)
        bad += bool(errors)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["dump", "compare"])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--only", default="", help=f"comma-separated, of {', '.join(CASES)}")
    a = ap.parse_args(argv)
    if a.what == "dump":
        dump(a.folders[0], [c for c in a.only.split(",") if c])
    else:
        sys.exit(compare(*a.folders[:2]))


if __name__ == "__main__":
    main()
