"""Declared parameters: each public parameter's kind, range and default, written once.

The library checks an argument with :meth:`Param.check` (a
:class:`~symbiosis.errors.ParameterError` naming the parameter), and the
command line builds the option of the same parameter from the same
declaration (``symbiosis.cli.common.declared``: its click type, range,
choices and shown default), so a limit cannot say one thing in Python and
another on the command line. In the spirit of scikit-learn's
``_parameter_constraints``; ``tests/code/test_parameters.py`` holds every
range-checked option to its declaration.

To add a parameter: declare it here, call ``NAME.check(value)`` at the top of
the public function, and give the command ``@declared(NAME, "--flag")``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from symbiosis.errors import bad_parameter

__all__ = ["ANSWER", "BATCH", "CHOICES", "DISCOUNT_RATE", "EXECUTOR", "EXPORT_FORMAT", "FAILURES", "FAILURE_SAMPLES",
           "FILE_FORMAT", "FORMAT", "FORMAT_TABLE_CSV", "FORMAT_TABLE_JSON", "GAP", "KEEP", "LANG", "LARGEST",
           "LIFETIME", "METRICS_ANSWER", "METRICS_BY", "MIN_HOURS", "NORMALISE", "NUMBERS", "OBJECTIVE", "POINTS",
           "Param", "RUN_ID", "SAMPLES", "SCORE_OBJECTIVE", "SEED", "SENSITIVITY_BY", "SENSITIVITY_TOP",
           "SIMULATE_OBJECTIVE", "SPREAD", "STRESS_BY", "STRESS_TOP", "TIME_LIMIT", "WORKERS", "YEAR"]


@dataclass(frozen=True)
class Param:
    """One parameter: its name, kind (``int``, ``float`` or ``str`` with ``choices``), range and default.

    Parameters
    ----------
    name : str
        The library's name of the parameter (the command line's flag is named
        from its option).
    kind : type
        ``int`` (a whole number, not a bool), ``float`` (a finite real
        number) or ``str`` (one of ``choices``).
    low, high : float, optional
        The range's ends (None: unbounded); ``low_open``/``high_open``
        exclude the end itself.
    choices : tuple of str, optional
        The valid values of a ``str`` parameter.
    default : object, optional
        The library's default, shown by the command line.
    what : str
        What a value is, for the message: ``"a seed"`` gives ``"-1 is not a
        seed; give ..."``.
    give : str, optional
        What to give instead, with ``{low}`` and ``{high}`` for the ends
        (default: said from the range).
    """

    name: str
    kind: type
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] | None = None
    default: Any = None
    what: str = "a valid value"
    give: str | None = None

    def why_not(self, value: object) -> str | None:
        """What is wrong with ``value``, in words (None: nothing).

        Parameters
        ----------
        value : object
            The argument given.

        Returns
        -------
        str or None
            ``"<value> is not <what>; give <range>"`` (or ``valid: <choices>``).
        """
        if self.kind is str:
            if value in (self.choices or ()):
                return None
            return f"{value!r} is not {self.what}; valid: {', '.join(self.choices or ())}"
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return f"{value!r} is not {self.what}; give {self.range_text()}"
        if self.kind is int and not isinstance(value, numbers.Integral):
            return f"{value!r} is not {self.what}; give {self.range_text()}"
        x: float = int(value) if isinstance(value, numbers.Integral) else float(value)  # an int exactly
        if not math.isfinite(x) or not self.within(x):
            shown = f"{x:g}" if self.kind is float else str(x)
            return f"{shown} is not {self.what}; give {self.range_text()}"
        return None

    def within(self, x: float) -> bool:
        """Whether the number ``x`` is in the declared range.

        Parameters
        ----------
        x : float
            A finite number (an int is compared exactly).

        Returns
        -------
        bool
            Within ``low``..``high``, the open ends excluded.
        """
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        return self.high is None or not (x > self.high or (self.high_open and x == self.high))

    def range_text(self) -> str:
        """What to give, in words: ``a whole number from 0 to 100,000``, ``a number above 0``.

        Returns
        -------
        str
            ``give`` with the range's ends, or words said from the range.
        """
        if self.give is not None:
            return self.give.format(low=self.low, high=self.high)
        noun = "a whole number" if self.kind is int else "a number"
        lo, hi = _shown(self.low), _shown(self.high)
        if self.low is not None and self.high is not None:
            return f"{noun} from {lo}{' (excluded)' * self.low_open} to {'below ' * self.high_open}{hi}"
        if self.low is not None:
            return f"{noun} above {lo}" if self.low_open else f"{noun} of {lo} or more"
        if self.high is not None:
            return f"{noun} below {hi}" if self.high_open else f"{noun} of {hi} or less"
        return noun if self.kind is int else "a finite number"

    def check(self, value: Any, name: str | None = None) -> Any:
        """``value`` if it is valid, else a :class:`~symbiosis.errors.ParameterError` naming the parameter.

        Parameters
        ----------
        value : object
            The argument given.
        name : str, optional
            The name to report, where a function calls the parameter otherwise.

        Returns
        -------
        object
            ``value``, unchanged.

        Raises
        ------
        ParameterError
            ``name: <value> is not <what>; give <range>``.
        """
        why = self.why_not(value)
        if why is not None:
            raise bad_parameter(name or self.name, why)
        return value


#: The largest magnitude of any number in a network, scenario or parameter: a million million. No real
#: yearly stream, capacity, price or investment comes near it in its own unit; a larger number is a typo
#: or a unit slip, and would only reach the solver as an overflow.
LARGEST = 1e12


def _shown(x: float | None) -> str:
    """A range's end as written: a whole number in full (2**63 - 1 is not 9.22337e+18), else ``:g``."""
    return str(x) if isinstance(x, int) or x is None else f"{x:g}"


def _choices(name: str, choices: Sequence[str], default: str | None, what: str) -> Param:
    return Param(name, str, choices=tuple(choices), default=default, what=what)


# -- numbers ----------------------------------------------------------------------------------------

SAMPLES = Param("samples", int, 0, 100_000, default=0, what="a number of samples",
                give="0 (no uncertainty) to {high:,} (percentiles settle long before; split a larger study "
                     "into runs)")
SEED = Param("seed", int, 0, 2**63 - 1, default=0, what="a seed", give="a whole number from 0 to {high}")
YEAR = Param("year", int, 1900, 2100, what="a year", give="a year from {low} to {high}")
FAILURES = Param("k", int, 1, what="a number of actors failing at once")
FAILURE_SAMPLES = Param("samples", int, 1, 100_000, default=100, what="a number of samples",
                        give="1 to {high:,} samples")
STRESS_TOP = Param("top", int, 0, default=20, what="a number of removals to re-solve exactly",
                   give="a whole number, 0 or more (or None for all)")
SENSITIVITY_TOP = Param("top", int, 1, default=15, what="a number of rows")
POINTS = Param("points", int, 2, 1000, default=11, what="a number of points on the front",
               give="2 to {high} (each point is a solve, and a front is smooth long before)")
DISCOUNT_RATE = Param("discount_rate", float, 0, 1, high_open=True, default=0.035, what="a yearly rate",
                      give="a share from 0 to below 1 (e.g. 0.035 for 3.5 %)")
LIFETIME = Param("lifetime", int, 1, default=20, what="a number of years", give="a whole number of years, 1 or more")
TIME_LIMIT = Param("time_limit", float, 0, low_open=True, what="a time", give="seconds above 0")
GAP = Param("gap", float, 0, 1, high_open=True, default=1e-4, what="a relative gap",
            give="a share from 0 to below 1 (1e-4 = 0.01 %)")
SPREAD = Param("spread", float, 0, 1, low_open=True, high_open=True, default=0.25, what="a share",
               give="a share between 0 and 1, both excluded (0.25 moves +-25%)")
MIN_HOURS = Param("min_hours", float, 0, LARGEST, default=0.0, what="a number of hours",
                  give="0 or more (at most {high:g})")
WORKERS = Param("workers", int, 1, what="a number of workers", give="1 or more")
BATCH = Param("batch", int, 1, what="a number of samples per task", give="1 or more")
RUN_ID = Param("run_id", int, 1, what="a run id", give="the run's number, 1 or more")
KEEP = Param("keep", int, 0, what="a number of runs to keep", give="0 or more")

# -- choices ----------------------------------------------------------------------------------------

OBJECTIVE = _choices("objective", ("cost", "co2e", "weighted"), "cost", "an objective")
SCORE_OBJECTIVE = _choices("objective", ("cost", "co2e", "weighted", "tbl"), "tbl", "an objective")
SIMULATE_OBJECTIVE = _choices("objective", ("cost", "co2e", "weighted", "tbl"), "cost", "an objective")
ANSWER = _choices("answer", ("observed", "optimised"), "observed", "an answer with savings")
METRICS_ANSWER = _choices("answer", ("recorded", "observed", "optimised"), "recorded", "an answer")
STRESS_BY = _choices("by", ("actor", "stream"), "actor", "what to remove (each actor or each stream)")
SENSITIVITY_BY = _choices("by", ("cost_saved", "co2e_avoided", "groundwater_saved"), "cost_saved",
                          "a saving to rank by")
METRICS_BY = _choices("by", ("year",), None, "a breakdown")
NORMALISE = _choices("normalise", ("target", "minmax"), "target", "a normalisation")
LANG = _choices("lang", ("en", "da"), "en", "a language")
EXECUTOR = _choices("executor", ("serial", "processes", "dask"), "serial", "an executor")
FORMAT = _choices("format", ("table", "json", "csv"), "table", "an output format")
FORMAT_TABLE_JSON = _choices("format", ("table", "json"), "table", "an output format")
FORMAT_TABLE_CSV = _choices("format", ("table", "csv"), "table", "an output format")
FILE_FORMAT = _choices("format", ("yaml", "json", "csv", "xlsx"), "yaml", "a file format")
EXPORT_FORMAT = _choices("to", ("yaml", "json", "csv", "xlsx", "graphml", "gexf"), None, "an export format")

#: Every declaration, for the test that holds the command line to them.
NUMBERS = (SAMPLES, SEED, YEAR, FAILURES, FAILURE_SAMPLES, STRESS_TOP, SENSITIVITY_TOP, POINTS, DISCOUNT_RATE,
           LIFETIME, TIME_LIMIT, GAP, SPREAD, MIN_HOURS, WORKERS, BATCH, RUN_ID, KEEP)
CHOICES = (OBJECTIVE, SCORE_OBJECTIVE, SIMULATE_OBJECTIVE, ANSWER, METRICS_ANSWER, STRESS_BY, SENSITIVITY_BY,
           METRICS_BY, NORMALISE, LANG, EXECUTOR, FORMAT, FORMAT_TABLE_JSON, FORMAT_TABLE_CSV, FILE_FORMAT,
           EXPORT_FORMAT)
