"""Checking the plain DataFrames that the comparison figures take."""

from __future__ import annotations

import pandas as pd

__all__ = ["require"]


def require(df: pd.DataFrame, columns: tuple[str, ...], figure: str) -> None:
    """Raise ``ValueError`` naming the figure, the missing columns and the ones it needs."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{figure} takes a pandas DataFrame, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{figure}: the table lacks column(s) {missing}; it needs {list(columns)} "
                         f"and has {list(df.columns)}")
