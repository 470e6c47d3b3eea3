"""Years x samples: run a scenario, optimise every year, score it, keep tidy results.

For each year the scenario's network is compiled once (the answer and the
counterfactual). A Monte Carlo sample only changes numbers, so it changes the
compiled answer's numbers by name (:func:`symbiosis.engine.vary`) and
re-solves it warm (:func:`symbiosis.engine.warm_solver`), which keeps the
model in HiGHS and changes only those vectors. Results are a tidy table, one
row a number (:mod:`.batch` has its columns).

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
