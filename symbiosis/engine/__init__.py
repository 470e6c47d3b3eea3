"""The border between the domain and the engine: the only place that imports :mod:`flows`.

A :class:`~symbiosis.model.Network` goes in, named results come out:

- :func:`compile_network`: a network's answer as a :class:`flows.Problem`, with
  labelled access (:class:`Compiled`: arcs by kind and reference, nodes by
  actor, resource and grade).
- :func:`solve_network`, :func:`solve_compiled`, :func:`read_solution`: solve and
  name the solution (:class:`~symbiosis.results.Result`); :func:`solve_answers`
  compiles and solves the three answers once each (:class:`Answers`: compiled
  problems, solutions, results, and the recommendations when asked for), the
  optimised one nearest the observed flows among all optima; :func:`infeasible_error`
  and :func:`shortfalls` name what cannot balance.
- :func:`lever`, :func:`vary`, :func:`warm_solver`: change numbers by name and
  re-solve warm; :class:`InputSweep` and :class:`Edit`: one input at a time
  (a factor, a quantity, a loss, a distance, a process ratio) on answers
  compiled once, for the sensitivity; :func:`vary_many` and :class:`SampleSolver`: many Monte Carlo
  samples at once, from kept optimal bases.
- :func:`design_candidates`, :func:`trade_off`, :func:`shadow_prices`: link
  design, Pareto fronts and dual values, by name; :func:`annuity` for investments.
- :func:`assign_hours`, :func:`service_problem`: the social-economy service assignment.

The import contract in ``pyproject.toml`` (checked by the tests) says that no
other module of :mod:`symbiosis` imports :mod:`flows`, except the network
metrics' declared door to :mod:`flows.ena` and :mod:`flows.structure`.
"""

from flows.design import annuity
from symbiosis.engine.answers import Answers, solve_answers
from symbiosis.engine.compiled import BOUNDARY_FACTORS, Compiled, compile_network, transport
from symbiosis.engine.levers import FACTORS, Lever, SampleSolver, WarmSolver, lever, vary, vary_many, warm_solver
from symbiosis.engine.planning import CandidateDesign, TradeOff, design_candidates, shadow_prices, trade_off
from symbiosis.engine.reading import read_solution
from symbiosis.engine.recommend import recommendations
from symbiosis.engine.services import ServiceProblem, assign_hours, service_problem
from symbiosis.engine.solving import (
    Shortfall,
    Solution,
    carry_over,
    infeasible_error,
    shortfalls,
    solve_compiled,
    solve_near,
    solve_network,
    try_solve,
)
from symbiosis.engine.sweep import Edit, InputSweep

__all__ = ["BOUNDARY_FACTORS", "Answers", "CandidateDesign", "Compiled", "Edit", "FACTORS", "InputSweep", "Lever",
           "SampleSolver", "ServiceProblem", "Shortfall", "Solution", "TradeOff", "WarmSolver", "annuity",
           "assign_hours", "carry_over", "compile_network", "design_candidates", "infeasible_error", "lever",
           "read_solution", "recommendations", "service_problem", "shadow_prices", "shortfalls", "solve_answers",
           "solve_compiled", "solve_near", "solve_network", "trade_off", "transport", "try_solve", "vary", "vary_many",
           "warm_solver"]
