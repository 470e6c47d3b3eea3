"""Solving a compiled answer, and naming what is wrong when it cannot balance."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
from threadpoolctl import threadpool_limits

import flows
from flows.diagnose import diagnose_bounds, diagnose_infeasible
from flows.faces import may_move
from flows.ranging import nearest_optimum
from symbiosis.engine.compiled import Compiled, compile_network
from symbiosis.engine.reading import read_solution
from symbiosis.errors import InfeasibleError, Mistake, SymbiosisError
from symbiosis.model import Network
from symbiosis.results import Answer, Result

__all__ = ["Shortfall", "Solution", "carry_over", "infeasible_error", "one_blas_thread", "shortfalls",
           "solve_compiled", "solve_near", "solve_network", "stopped_error", "try_solve", "variable_keys"]

Solution = flows.Solution


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """OpenBLAS on one thread while an evaluation runs: its products here are of vectors (a total, a dot of
    costs and flows), which a second thread only slows (``x @ y`` of 53,000 values took 1.7 ms of CPU on two
    threads, 20 us on one; the waiting thread spins on the other core)."""
    with threadpool_limits(1, user_api="blas"):
        yield


def try_solve(c: Compiled, objective: str | dict[str, float] = "cost") -> Solution:
    """The solver's answer for ``c``, whatever its status (``.ok`` says whether it is optimal).

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    objective : str or dict of str to float
        A named cost (``cost``, ``co2e``, ``groundwater``) or weights per named cost.

    Returns
    -------
    Solution
        The solver's answer, optimal or not.
    """
    return flows.solve(c.problem, objective)


def solve_compiled(c: Compiled, objective: str | dict[str, float] = "cost") -> Solution:
    """Solve a compiled network; an infeasible or unsolved one raises :class:`SymbiosisError`.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    objective : str or dict of str to float
        A named cost (``cost``, ``co2e``, ``groundwater``) or weights per named cost.

    Returns
    -------
    Solution
        The optimum.

    Raises
    ------
    SymbiosisError
        If the answer cannot balance or the solver stops without an optimum.
    """
    try:
        return flows.solve(c.problem, objective).raise_for_status()
    except flows.Infeasible:
        raise infeasible_error(c) from None
    except flows.SolveError as exc:
        raise stopped_error(c, exc) from None


def stopped_error(c: Compiled, exc: flows.SolveError) -> SymbiosisError:
    """The solver stopped without an optimum for a reason other than infeasibility (unbounded, a limit...)."""
    return InfeasibleError([Mistake("", f"the solver stopped without an optimum ({exc.status}: {exc.message})")],
                          summary=f"network '{c.network.id}', {c.answer} flows:")


def solve_network(net: Network, answer: Answer = "optimised", objective: str | dict[str, float] = "cost") -> Result:
    """Compile, solve and name one answer; an infeasible network raises :class:`SymbiosisError`.

    Parameters
    ----------
    net : Network
        The network, in its own year.
    answer : Answer
        ``observed``, ``counterfactual`` or ``optimised``.
    objective : str or dict of str to float
        A named cost (``cost``, ``co2e``, ``groundwater``) or weights per named cost.

    Returns
    -------
    Result
        The answer's named tables.
    """
    c = compile_network(net, answer)
    return read_solution(c, solve_compiled(c, objective), objective)


def solve_near(c: Compiled, objective: str | dict[str, float], target: np.ndarray,
               sol: Solution | None = None) -> Solution:
    """An optimal solution of ``c``, the one closest to ``target`` (one value per variable: arcs, then
    processes) among all optimal solutions; duals are those of the optimum (they hold for every optimal
    solution). ``sol``: an optimum of ``c`` already solved (else ``c`` is solved here). Falls back to the
    solver's own optimum if the second pass fails.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    objective : str or dict of str to float
        A named cost (``cost``, ``co2e``, ``groundwater``) or weights per named cost.
    target : numpy.ndarray
        One value per variable, units/yr.
    sol : Solution, optional
        An optimum of ``c`` already solved.

    Returns
    -------
    Solution
        The optimum nearest ``target``.
    """
    sol = solve_compiled(c, objective) if sol is None else sol
    held, at = _pinned(c, sol, objective)
    x = nearest_optimum(c.problem, objective, target, sol.objective, held=held, at=at,
                        start=np.concatenate([sol.flow, sol.activity]))
    if x is None:
        return sol
    p, n = c.problem, c.problem.n_arcs
    own = np.concatenate([sol.flow, sol.activity])
    dust = 1e-6 * np.maximum(1.0, np.abs(x))  # the second pass's tolerance: snap to the values it stems from
    x = np.where(np.abs(x - target) <= dust, target, np.where(np.abs(x - own) <= dust, own, x))
    x = np.where(np.abs(x) < 1e-9, 0.0, x)
    totals = {name: float(p.costs[name] @ x[:n] + p.conv_costs[name] @ x[n:]) for name in p.costs}
    return replace(sol, flow=x[:n], activity=x[n:], totals=totals)


def _pinned(c: Compiled, sol: Solution, objective: str | dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The variables the duals pin to a bound for :func:`solve_near`'s second pass, and that bound: at a
    bound with a reduced cost that keeps it there (beyond the solver's tolerance: 1e-6 of the largest cost),
    and, of the rest, those the algebra fixes (:func:`flows.faces.may_move`) at their value. Holding them
    makes that LP as large as the ties, not the network.

    A nonzero reduced cost pins a variable in every optimal solution, not only in this one: for any solution
    ``x'`` that balances, ``objective(x') - objective(x) = sum_j d_j (x'_j - x_j)``, each term at least 0, so
    in an optimum every term is 0 and a variable with ``d_j != 0`` stays at its bound (the dual screen of the
    tie check, :func:`symbiosis.engine.recommend.settled`). Held, it cannot spend the pass's slack (1e-12 x
    the optimum) on moving off its bound either."""
    if sol.reduced_costs is None:
        return np.zeros(0, np.int64), np.zeros(0)
    x = np.concatenate([sol.flow, sol.activity])
    d = np.asarray(sol.reduced_costs, dtype=float)
    lo, hi = c.problem.bounds()
    least = 1e-6 * max(1.0, float(np.abs(c.problem.cost_vector(objective)).max(initial=0.0)))
    at_lo = (np.abs(x - lo) <= 1e-9 * np.maximum(1.0, np.abs(lo))) & (d > least)
    at_hi = np.isfinite(hi) & (np.abs(x - hi) <= 1e-9 * np.maximum(1.0, np.abs(hi))) & (d < -least)
    value = np.where(at_lo, lo, np.where(at_hi, hi, x))
    free = np.flatnonzero(~(at_lo | at_hi))
    fixed = ~(at_lo | at_hi)  # and, of the rest, those no direction of the optimal face can move
    fixed[free] = ~may_move(c.problem.incidence().tocsc()[:, free])
    held = np.flatnonzero(at_lo | at_hi | fixed)
    return held, value[held]


def carry_over(src: Compiled, sol: Solution, dst: Compiled) -> np.ndarray:
    """The values of ``sol`` (a solution of ``src``) on the variables of ``dst``, matched by kind, reference,
    actor, resource and grade; 0 where ``src`` has no such variable.

    Parameters
    ----------
    src : Compiled
        The compiled answer ``sol`` solves.
    sol : Solution
        Its solution.
    dst : Compiled
        The compiled answer to carry it to.

    Returns
    -------
    numpy.ndarray
        One value per variable of ``dst`` (arcs, then processes), units/yr.
    """
    x = np.concatenate([sol.flow, sol.activity])
    if src.arcs is dst.arcs and src.network is dst.network:  # answers of one compile: the same variables
        return x
    at = {k: i for i, k in enumerate(variable_keys(src))}
    return np.array([x[at[k]] if k in at else 0.0 for k in variable_keys(dst)], dtype=float)


def variable_keys(c: Compiled) -> list[tuple]:
    """The label of each decision of ``c``: (kind, reference, actor, resource, grade), in variable order."""
    v = c.variables
    return list(zip(*(v[col].tolist() for col in ("kind", "ref", "actor", "resource", "grade")), strict=True))


@dataclass(frozen=True)
class Shortfall:
    """A need that nothing can cover: ``quantity`` units of ``resource`` short at ``actor``.

    Parameters
    ----------
    actor : str
        The actor's id.
    resource : str
        The resource's id.
    unit : str
        The resource's unit.
    quantity : float
        How much is short, units/yr.
    """

    actor: str
    resource: str
    unit: str
    quantity: float


def shortfalls(c: Compiled, tol: float = 1e-6) -> list[Shortfall]:
    """The needs of an infeasible answer that nothing can cover (least total shortfall).

    Parameters
    ----------
    c : Compiled
        The compiled answer that cannot balance.
    tol : float
        The smallest shortfall that counts, units/yr.

    Returns
    -------
    list of Shortfall
        The needs short, per actor and resource.
    """
    return [Shortfall(c.nodes.actor[i.node], c.nodes.resource[i.node], c.nodes.unit[i.node], i.shortage)
            for i in diagnose_infeasible(c.problem) if i.shortage > tol]


def infeasible_error(c: Compiled) -> SymbiosisError:
    """Name the (actor, resource) balances that cannot close, and what would fix them.

    Parameters
    ----------
    c : Compiled
        The compiled answer that cannot balance.

    Returns
    -------
    SymbiosisError
        The error to raise, one mistake per balance.
    """
    net = c.network
    findings = []
    streams = net.streams_in_year()
    for imb in diagnose_infeasible(c.problem):
        actor, resource, grade = c.nodes.actor[imb.node], c.nodes.resource[imb.node], c.nodes.grade[imb.node]
        unit = c.nodes.unit[imb.node]
        what = f"'{resource}'" + (f" of grade '{grade}'" if grade else "")
        name = net.actor[actor].name
        inbound = [f"streams[{net.streams.index(s)}]" for s in streams
                   if s.receiver == actor and s.target_resource == resource and not grade]
        outbound = [f"streams[{net.streams.index(s)}]" for s in streams
                    if s.supplier == actor and s.resource == resource and s.grade == grade]
        if imb.shortage > 0 and grade:  # a graded balance: only its supply and process outputs fill it
            findings.append(Mistake(outbound[0] if outbound else "supplies", f"{name} ({actor}) lacks "
                                    f"{_num(imb.shortage)} {unit} of {what} that nothing can provide; lower the "
                                    f"observed flows {', '.join(outbound) or '(none)'} or raise the supply or "
                                    "process output of that grade"))
        elif imb.shortage > 0:
            d = _index(net.demands, actor, resource)
            where = f"demands[{d}]" if d is not None else (outbound[0] if outbound else "factors")
            fix = (f"lower {where}, add a virgin_price factor for '{resource}' so it can be bought"
                   if net.factor_value("virgin_price", resource, actor=actor) is None
                   else f"lower the observed flows {', '.join(outbound)} or raise the supply")
            findings.append(Mistake(where, f"{name} ({actor}) lacks {_num(imb.shortage)} {unit} of {what} "
                                    f"that nothing can provide; {fix}"))
        else:
            d = _index(net.demands, actor, resource)
            where = inbound[0] if inbound else "supplies"
            need = f"its demand of {_num(net.demands[d].quantity.value)} {unit}" if d is not None else "its needs"
            route = ("" if net.factor_row("disposal_cost", resource, actor=actor) is not None else
                     f", or give it a real route: a disposal_cost factor for '{resource}' naming it (e.g. 'route: "
                     "returned to the river')")
            findings.append(Mistake(where, f"{name} ({actor}) receives {_num(imb.surplus)} {unit} of '{resource}' "
                                    f"more than {need} and its processes can take; lower the observed flows "
                                    f"{', '.join(inbound) or '(none)'} or raise the demand{route}"))
    changes = _bound_changes(c)
    if findings and changes:  # the same conflict seen from the bounds: the least change that balances
        hint = "; ".join(f"{path} from {_num(bound)} to {_num(needed)}" for path, _, bound, needed in changes)
        findings[0] = Mistake(findings[0].path, f"{findings[0].message} (or change {hint})", findings[0].line)
    elif changes:
        findings = [Mistake(path, message) for path, message, _, _ in changes]
    if not findings:
        findings.append(Mistake("streams", "the stream and process bounds contradict each other "
                                "(check capacities against observed flows)"))
    err = InfeasibleError(findings, summary=f"network '{net.id}' cannot balance ({c.answer} flows):")
    return err.with_file(*net.origin) if net.origin else err


def _num(x: float) -> str:
    """An amount for a message: six significant digits, solver dust (below 1e-9) and a minus zero as 0."""
    return f"{(0.0 if abs(x) < 1e-9 else x) + 0.0:,.6g}"


def _index(rows, actor: str, resource: str) -> int | None:
    return next((i for i, r in enumerate(rows) if r.actor == actor and r.resource == resource), None)


def _bound_changes(c: Compiled) -> list[tuple[str, str, float, float]]:
    """The stream and process bounds to move, by the least total amount, for the balances to close:
    (field path, message, bound, needed value) each (see flows.diagnose_bounds)."""
    net = c.network
    index = {s.id: i for i, s in enumerate(net.streams)}
    out = []
    n = c.problem.n_arcs
    for b in diagnose_bounds(c.problem):
        if b.var >= n:
            j = b.var - n
            out.append((f"processes[{j}].capacity", f"process '{c.process_ids[j]}' would need to run at "
                        f"{_num(b.needed)} but its {b.side} bound is {_num(b.bound)}", b.bound, b.needed))
        elif c.arcs.kind[b.var] == "stream":
            ref = c.arcs.ref[b.var]
            field = "observed" if c.answer == "observed" else "capacity"
            out.append((f"streams[{index[ref]}].{field}", f"stream '{ref}' would need to carry {_num(b.needed)} "
                        f"but its {b.side} bound is {_num(b.bound)}; change the {field}", b.bound, b.needed))
    return out
