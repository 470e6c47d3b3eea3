"""One vocabulary for how a solve ended, and an exception type for each way it can fail.

Every solver path of :mod:`flows` (HiGHS, the network-flow path, the block
path, the design MILP) reports its outcome as one of the strings of
:data:`STATUSES`:

================  ==============================================================
``optimal``       an optimum was found (the only status with a solution to read)
``feasible``      a MILP stopped at a limit with a design but no proof of optimality, or a
                  design whose big-M bound is a guess (:func:`flows.bigm.big_m`)
``infeasible``    no flow meets every balance and bound
``unbounded``     the objective falls without limit (a cycle or an import/export
                  pair that pays and has no capacity)
``time_limit``    stopped at the time limit with nothing to report
``iteration_limit``  stopped at the iteration limit
``solution_limit``   a MILP stopped at its limit of improving solutions
``error``         the solver failed (bad numbers, memory, an internal error)
================  ==============================================================

:meth:`flows.Solution.raise_for_status` turns anything but ``optimal`` into an
exception: :class:`Infeasible`, :class:`Unbounded`, :class:`LimitReached`
(the three ``*_limit`` statuses), else :class:`SolveError`, their common
base class. Each carries the status and the solution.

>>> error_for("unbounded").__name__, issubclass(Unbounded, SolveError)
('Unbounded', True)
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["ERROR", "FEASIBLE", "INFEASIBLE", "ITERATION_LIMIT", "OPTIMAL", "SOLUTION_LIMIT", "STATUSES",
           "TIME_LIMIT", "UNBOUNDED", "Infeasible", "LimitReached", "SolveError", "Status", "Unbounded",
           "error_for"]

#: How a solve ended (see the module notes).
Status = Literal["optimal", "feasible", "infeasible", "unbounded", "time_limit", "iteration_limit",
                 "solution_limit", "error"]

OPTIMAL: Status = "optimal"
FEASIBLE: Status = "feasible"
INFEASIBLE: Status = "infeasible"
UNBOUNDED: Status = "unbounded"
TIME_LIMIT: Status = "time_limit"
ITERATION_LIMIT: Status = "iteration_limit"
SOLUTION_LIMIT: Status = "solution_limit"
ERROR: Status = "error"

#: Every status a solve can end with.
STATUSES: tuple[Status, ...] = (OPTIMAL, FEASIBLE, INFEASIBLE, UNBOUNDED, TIME_LIMIT, ITERATION_LIMIT,
                                SOLUTION_LIMIT, ERROR)


class SolveError(RuntimeError):
    """A solve that ended without an optimum.

    Parameters
    ----------
    status : str
        One of :data:`STATUSES` (not ``optimal``).
    message : str
        The solver's own words.
    solution : object, optional
        What the solver returned (a :class:`flows.Solution`, a design...).

    Attributes
    ----------
    status, message, solution
        As given.
    """

    def __init__(self, status: str, message: str = "", solution: Any = None) -> None:
        super().__init__(f"{status}: {message}" if message and message != status else status)
        self.status = status
        self.message = message
        self.solution = solution


class Infeasible(SolveError):
    """No flow meets every balance and bound (status ``infeasible``); :func:`flows.diagnose_infeasible` says where.

    Parameters
    ----------
    status : str
        One of :data:`STATUSES` (not ``optimal``).
    message : str
        The solver's own words.
    solution : object, optional
        What the solver returned (a :class:`flows.Solution`, a design...).
    """


class Unbounded(SolveError):
    """The objective falls without limit (status ``unbounded``).

    Parameters
    ----------
    status : str
        One of :data:`STATUSES` (not ``optimal``).
    message : str
        The solver's own words.
    solution : object, optional
        What the solver returned (a :class:`flows.Solution`, a design...).
    """


class LimitReached(SolveError):
    """The solver stopped at a time, iteration or solution limit before it had an optimum.

    Parameters
    ----------
    status : str
        One of :data:`STATUSES` (not ``optimal``).
    message : str
        The solver's own words.
    solution : object, optional
        What the solver returned (a :class:`flows.Solution`, a design...).
    """


_ERRORS: dict[str, type[SolveError]] = {INFEASIBLE: Infeasible, UNBOUNDED: Unbounded, TIME_LIMIT: LimitReached,
                                        ITERATION_LIMIT: LimitReached, SOLUTION_LIMIT: LimitReached}


def error_for(status: str) -> type[SolveError]:
    """The exception type for a status other than ``optimal``.

    Parameters
    ----------
    status : str
        One of :data:`STATUSES`.

    Returns
    -------
    type
        :class:`Infeasible`, :class:`Unbounded`, :class:`LimitReached` or :class:`SolveError`.
    """
    return _ERRORS.get(status, SolveError)
