"""The one way to solve a :class:`~flows.problem.Problem`: :func:`solve`, with an engine.

``engine="highs"`` solves the whole problem as one LP in HiGHS (through
:class:`flows.Model`); ``engine="network"`` splits it into independent blocks
and sends the pure min-cost-flow ones to OR-Tools (:func:`flows.blocks.solve_blocks`);
``engine="auto"`` (the default) chooses between them (see :func:`solve`).
:class:`~flows.model.Model` keeps a problem in HiGHS for re-solves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from flows.model import Model
from flows.problem import Problem
from flows.solution import Solution

if TYPE_CHECKING:  # flows.blocks loads SciPy's graph module: only when the network path is tried
    from flows.blocks import Blocks

__all__ = ["AUTO_MIN_ARCS", "ENGINES", "Model", "Solution", "solve"]


#: The engines :func:`solve` takes.
ENGINES = ("auto", "highs", "network")
#: ``engine="auto"`` tries the network-flow path only from this many arcs in pure blocks (below, one HiGHS LP is
#: as fast or faster: see docs/benchmarks.md).
AUTO_MIN_ARCS = 1_000


def solve(problem: Problem, objective: str | dict[str, float] = "cost", *, engine: str = "auto",
          potentials: bool = True, workers: int = 1, parallel_min: int = 20_000, **options: Any) -> Solution:
    """Minimise a named cost (or a weighted sum ``{"cost": 1, "co2e": 750}``): the one way to solve.

    Parameters
    ----------
    problem : Problem
        The flow problem.
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    engine : {"auto", "highs", "network"}, default "auto"
        ``highs``: the whole problem as one LP in HiGHS (SciPy's bindings).
        ``network``: :func:`flows.blocks.solve_blocks`: independent blocks, the
        pure min-cost-flow ones (no conversions, every gain 1) by OR-Tools'
        min-cost flow, the others by HiGHS (by sifting where they have many arcs
        per node, :mod:`flows.sifting`; a large block of resources that only
        conversions join resource by resource first, :mod:`flows.linked`); data
        with more than six decimals are rounded at 10^-6 of a unit on the pure
        blocks (see :mod:`flows.netflow`). Needs OR-Tools (the ``network``
        extra). ``auto``: ``network`` when OR-Tools can be imported, pure blocks
        (or, where conversions join them, pure resources) hold at least
        :data:`AUTO_MIN_ARCS` arcs and half of all arcs, and the pure blocks'
        data go to integers without rounding; else ``highs``. Both engines give
        the optimum of the data as given; ``info`` says which ran (``engine``)
        and, for ``auto``, why (``auto``).
    potentials, workers, parallel_min
        Options of the network engine (see :func:`flows.blocks.solve_blocks`):
        node duals on the network-flow path, threads for the HiGHS blocks (beside
        the OR-Tools calls and each other) and the size from which a block gets
        a thread of its own. HiGHS alone ignores them.
    **options
        HiGHS options (``time_limit`` in s, ``threads``...); on the network
        engine they apply to each HiGHS block.

    Returns
    -------
    Solution
        ``status`` says how it ended (:data:`flows.STATUSES`);
        :meth:`Solution.raise_for_status` raises when it is not ``optimal``.

    Raises
    ------
    ValueError
        An unknown engine, or an unknown HiGHS option.
    ImportError
        ``engine="network"`` without OR-Tools (the message names the extra).
    KeyError
        The objective names a cost the problem does not have.

    Examples
    --------
    >>> import numpy as np
    >>> from flows import Problem, solve
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0],
    ...             costs={"cost": [2.0, 3.0]}, upper=[4.0, np.inf])
    >>> s = solve(p)
    >>> s.flow.tolist(), s.info["engine"], s.info["auto"]
    ([4.0, 1.0], 'highs', 'fewer than 1,000 arcs')
    >>> solve(p, engine="network").objective
    11.0
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
    network: dict[str, Any] = dict(potentials=potentials, workers=workers, parallel_min=parallel_min)
    if engine == "highs":
        return Model(problem, objective, **options).solve()
    if engine == "network":
        from flows import netflow
        from flows.blocks import solve_blocks  # SciPy's graph module: about 0.2 s the first time

        if not netflow.available():
            netflow._min_cost_flow()  # raises the ImportError that names the extra
        return solve_blocks(problem, objective, **network, **options)
    return _solve_auto(problem, objective, network, options)


def _solve_auto(problem: Problem, objective: str | dict[str, float], network: dict[str, Any],
                options: dict[str, Any]) -> Solution:
    """``engine="auto"``: the network engine where it pays and the data need no rounding, else HiGHS."""
    if problem.n_arcs < AUTO_MIN_ARCS:  # before any import the network path needs
        sol = Model(problem, objective, **options).solve()
        sol.info["auto"] = f"fewer than {AUTO_MIN_ARCS:,} arcs"
        return sol
    from flows import netflow
    from flows.blocks import solve_blocks  # SciPy's graph module: about 0.2 s the first time

    blocks, why, pure = _auto_blocks(problem)
    if why is None:
        try:
            sol = solve_blocks(problem, objective, blocks=blocks, exact=True, **network, **options)
            sol.info["auto"] = pure
            return sol
        except netflow.Inexact as exc:
            why = str(exc)
    sol = Model(problem, objective, **options).solve()
    sol.info["auto"] = why
    return sol


def _auto_blocks(problem: Problem) -> tuple[Blocks | None, str | None, str]:
    """What ``engine="auto"`` sees: the blocks, why not the network engine (None: go), how many arcs are pure."""
    from flows import netflow
    from flows.blocks import find_blocks

    if not netflow.available():
        return None, "OR-Tools is not installed", ""
    blocks = find_blocks(problem)
    pure_arcs = int(np.count_nonzero(blocks.pure[blocks.arc])) if problem.n_arcs else 0
    where = "pure blocks"
    if problem.n_conversions and (pure_arcs < AUTO_MIN_ARCS or 2 * pure_arcs < problem.n_arcs):
        # conversions may join pure resources into one block: count the pure arcs with them held
        # (flows.linked solves such a block resource by resource, then finishes it as one LP)
        apart = find_blocks(problem.arcs_only())
        pure_arcs = int(np.count_nonzero(apart.pure[apart.arc])) if problem.n_arcs else 0
        where = "pure resources" if problem.n_conversions else where
    pure = f"{pure_arcs:,} of {problem.n_arcs:,} arcs in {where}"
    if pure_arcs < AUTO_MIN_ARCS or 2 * pure_arcs < problem.n_arcs:
        return blocks, pure, pure
    return blocks, None, pure
