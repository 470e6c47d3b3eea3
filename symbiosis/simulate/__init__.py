"""Years x samples: run a scenario, optimise every year, score it, keep tidy results.

For each year the scenario's network is compiled once (the answer and the
counterfactual). A Monte Carlo sample only changes numbers, so it changes the
arrays of the compiled :class:`flows.Mistake` (costs, bounds, right-hand
sides, with :func:`dataclasses.replace`) and re-solves with a
:class:`flows.resolve.Resolver`, which keeps the model in HiGHS and changes
only those vectors.

Results are a tidy table, one row a number:

======== ============================================================
year     the simulated year
sample   0 for a run without uncertainty; 0..N-1 for N samples
scope    ``network`` (the indicators of :mod:`symbiosis.scores`, plus
         ``feasible``), ``stream`` (``flow``, in the resource's unit/yr)
         or ``actor`` (``cost_saved`` DKK/yr, ``co2e_avoided`` t/yr)
item     the network, stream or actor id
indicator, value
======== ============================================================

An actor's share of the savings counts the arcs it pays for: its virgin
purchases, its disposal, the transport of the streams it supplies and its
processes; the shares add up to the network's ``cost_saved`` and
``co2e_avoided``.

Executors: ``serial``, ``processes`` (a local pool) and ``dask`` (a local
cluster, or an existing one with ``scheduler="tcp://host:port"``). Samples
go out in batches; every sample draws from its own generator
``default_rng([seed, sample])``, so the results are the same bit for bit
whatever the executor, the number of workers or the batch size.

- :mod:`.plan`: every year compiled, the uncertain numbers' levers and draws.
- :mod:`.batch`: one batch of samples of a year, as tidy rows (what a worker runs).
- :mod:`.executors`: serial, a local process pool, or Dask.
- :mod:`.run`: :func:`run_scenario`, the whole run, stored as it goes.
- :mod:`.summary`: percentiles per year and indicator.
- :mod:`.store`: the SQLite run store.
"""

from symbiosis.simulate.batch import COLUMNS, run_batch
from symbiosis.simulate.executors import EXECUTORS, Executor, batches, connect_dask
from symbiosis.simulate.plan import Plan, YearModel, build_plan, draws
from symbiosis.simulate.run import Interrupted, Run, run_scenario
from symbiosis.simulate.summary import PERCENTILES, summarise

__all__ = ["COLUMNS", "EXECUTORS", "PERCENTILES", "Executor", "Interrupted", "Plan", "Run", "YearModel", "batches",
           "build_plan", "connect_dask", "draws", "run_batch", "run_scenario", "summarise"]
