"""A run's results out of the run store: two runs compared, one exported to CSV or Parquet."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from symbiosis.errors import bad_parameter
from symbiosis.extras import install_hint
from symbiosis.io import write_atomic
from symbiosis.simulate import summarise

__all__ = ["compare", "export"]


def compare(reg, a: int, b: int) -> pd.DataFrame:
    """Network indicators of two runs side by side: mean per year and indicator, and B - A."""
    sa = summarise(reg.results(a, "network"))[["year", "indicator", "mean"]].rename(columns={"mean": f"run {a}"})
    sb = summarise(reg.results(b, "network"))[["year", "indicator", "mean"]].rename(columns={"mean": f"run {b}"})
    both = sa.merge(sb, on=["year", "indicator"], how="outer")
    both["difference"] = both[f"run {b}"] - both[f"run {a}"]
    return both.sort_values(["indicator", "year"]).reset_index(drop=True)


def export(reg, run_id: int, path: str | os.PathLike) -> Path:
    """Write a run's tidy results to CSV or Parquet (by suffix), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise bad_parameter("path", f"'{path}': write .csv or .parquet")
    table = reg.results(run_id)
    if suffix == ".csv":
        write_atomic(path, table.to_csv(index=False))
    else:
        import io

        try:
            buf = io.BytesIO()
            table.to_parquet(buf, index=False)
        except ImportError:
            raise bad_parameter("path", f"Parquet needs pyarrow: {install_hint('parquet')}, "
                                "or write .csv") from None
        write_atomic(path, buf.getvalue())
    return path
