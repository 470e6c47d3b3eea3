"""The one JSON encoder: results as plain JSON data for machines.

NaN and infinity become ``null`` (JSON has neither), numpy numbers plain
numbers, tables lists of records, tuples lists, dataclasses and pydantic
models their fields. Numbers keep :data:`SIGNIFICANT` significant digits, in
JSON and in CSV (:func:`csv_text`): the digits beyond are the noise of float
sums and of the solver's tolerances (201353950.59999996 is 201353950.6).

>>> import math, numpy as np, pandas as pd
>>> plain({"a": math.nan, "b": np.int64(3), "c": (1.5, np.inf), "d": 201353950.59999996})
{'a': None, 'b': 3, 'c': [1.5, None], 'd': 201353950.6}
>>> records(pd.DataFrame({"x": [1.0, None]}))
[{'x': 1.0}, {'x': None}]
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SIGNIFICANT", "csv_text", "dumps", "plain", "records"]

#: Significant digits of a number written for machines (JSON, CSV).
SIGNIFICANT = 12


def plain(x: Any) -> Any:
    """``x`` as plain JSON data (see the module notes)."""
    if type(x) is str or isinstance(x, bool | str) or x is None:  # a name, the most common value, first
        return x
    if type(x) is tuple or type(x) is list:  # e.g. a cell of names (the conventions that agree): no more checks
        return [v if type(v) is str else plain(v) for v in x]
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, int | np.integer):
        return int(x)
    if isinstance(x, float | np.floating):
        x = float(x)
        return None if math.isnan(x) or math.isinf(x) else float(f"{x:.{SIGNIFICANT}g}")
    if isinstance(x, dict):
        return {str(k): v if type(v) is str else plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set | frozenset | np.ndarray | pd.Series | pd.Index):
        return [v if type(v) is str else plain(v) for v in (sorted(x) if isinstance(x, set | frozenset) else x)]
    if isinstance(x, pd.DataFrame):
        return records(x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return plain({f.name: getattr(x, f.name) for f in dataclasses.fields(x)})
    if hasattr(x, "model_dump"):
        return plain(x.model_dump(mode="json", exclude_none=True))
    if isinstance(x, pd.Timestamp):
        return x.isoformat()
    return str(x)


def records(df: pd.DataFrame) -> list[dict]:
    """A table as a list of records (one dict a row), missing values as None.

    Column by column (a float column's numbers rounded in one pass), not cell by cell: a 5,000-company
    park's tables have a million cells.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.

    Returns
    -------
    list of dict
        One dict per row, column -> plain JSON value.
    """
    keys = [str(k) for k in df.columns]
    return [dict(zip(keys, row, strict=True)) for row in zip(*(_column(df.iloc[:, j]) for j in range(len(keys))),
                                                              strict=True)] if keys else [{} for _ in range(len(df))]


def _column(s: pd.Series) -> list:
    """One column as plain values (see :func:`plain`)."""
    missing = s.isna().to_numpy()
    if pd.api.types.is_float_dtype(s.dtype):
        v = s.to_numpy(dtype=float, na_value=np.nan)
        ok = np.isfinite(v).tolist()
        return [x if x == 0.0 else float(f"{x:.{SIGNIFICANT}g}") if good else None  # 0 and -0 are their digits
                for x, good in zip(v.tolist(), ok, strict=True)]
    if (pd.api.types.is_integer_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype)) and not missing.any():
        return s.tolist()
    return [None if gone else x if type(x) is str else plain(x)  # most cells are names: plain as they are
            for x, gone in zip(s.tolist(), missing.tolist(), strict=True)]


def dumps(x: Any, indent: int | None = 2) -> str:
    """``x`` as JSON text (UTF-8 characters kept), through :func:`plain`; indented by 2 (orjson) or not at all.

    A number's digits are the shortest that read back the same; very small and very large numbers are
    written with an exponent without a sign or leading zero (``1e-5``, ``1e16``), or, below 1e-4,
    as a plain decimal (orjson's way).

    Parameters
    ----------
    x : Any
        Plain data, numpy and pandas values, dataclasses and pydantic models (NaN becomes null).
    indent : int or None, default 2
        2 to indent by two spaces; None for one line.

    Returns
    -------
    str
        The JSON text.
    """
    import orjson

    data = plain(x)
    if indent not in (None, 2):
        return json.dumps(data, indent=indent, ensure_ascii=False)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()


def csv_text(df: pd.DataFrame) -> str:
    """A table as CSV text, numbers with :data:`SIGNIFICANT` significant digits (no float noise).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its columns keep their names and units.

    Returns
    -------
    str
        The CSV text, a header line first.
    """
    return df.to_csv(index=False, float_format=f"%.{SIGNIFICANT}g")
