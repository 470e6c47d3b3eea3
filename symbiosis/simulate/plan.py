"""The plan of a run: every year of a scenario, with its uncertain numbers' levers.

Each network structure is compiled once; a later year of the same structure
is that problem with its own numbers (:mod:`symbiosis.engine.years`). A
worker needs nothing else: the plan is sent to it once, and each sample
changes only numbers (:func:`symbiosis.engine.vary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from symbiosis import parameters as P
from symbiosis.accounting.materials import material_matrix
from symbiosis.engine import Compiled, Lever, SampleSolver, infeasible_error, lever
from symbiosis.engine.years import YearCompiler
from symbiosis.errors import bad_field
from symbiosis.objectives import objective_weights
from symbiosis.scenario import ScenarioSpec, Uncertain
from symbiosis.social import social_totals

__all__ = ["MOST_SAMPLES", "MOST_SEED", "PILOT", "Plan", "YearModel", "build_plan", "draws", "draws_many"]

#: The most Monte Carlo samples of one run (the command line's --samples says the same).
MOST_SAMPLES = int(P.SAMPLES.high or 0)
#: The largest seed: what the run store's 64-bit integers hold.
MOST_SEED = int(P.SEED.high or 0)


@dataclass(frozen=True, eq=False)
class YearModel:
    """One year: the answer's and the counterfactual's problems (one compile per structure), and what samples
    change.

    ``levers`` and ``cf_levers`` hold, per uncertain parameter, where it sits
    in the answer and the counterfactual (None: absent this year);
    ``payer`` the paying actor's number (in ``actors``) of each decision of
    the answer; ``social`` the year's social indicators (samples do not
    change service links); ``materials`` the material and nutrient indicator
    keys and ``material_answer``/``material_cf`` their matrices over each
    problem's decisions (:func:`symbiosis.accounting.materials.material_matrix`);
    ``solvers`` the answer's and the counterfactual's
    :class:`~symbiosis.engine.SampleSolver`, with the optimal bases of a pilot
    of the run's first samples (:data:`PILOT` at most) kept.

    Parameters
    ----------
    year : int
        The year.
    answer : Compiled
        The answer's problem.
    counterfactual : Compiled
        The counterfactual's problem.
    actors : list of str
        The actors' ids.
    payer : numpy.ndarray
        Per decision of the answer, the paying actor's number.
    levers : list of Lever or None
        Per uncertain number, where it sits in the answer.
    cf_levers : list of Lever or None
        Per uncertain number, where it sits in the counterfactual.
    social : dict of str to float
        The year's social indicators.
    materials : list of str
        The material and nutrient indicator keys.
    material_answer : numpy.ndarray, optional
        Their matrix over the answer's decisions.
    material_cf : numpy.ndarray, optional
        Their matrix over the counterfactual's decisions.
    solvers : (SampleSolver, SampleSolver), optional
        The answer's and counterfactual's sample solvers, made on first use.
    """

    year: int
    answer: Compiled
    counterfactual: Compiled
    actors: list[str]
    payer: np.ndarray
    levers: list[Lever | None]
    cf_levers: list[Lever | None]
    social: dict[str, float]
    materials: list[str] = field(default_factory=list)
    material_answer: np.ndarray | None = None
    material_cf: np.ndarray | None = None
    solvers: tuple[SampleSolver, SampleSolver] | None = None


#: The most samples whose optimal bases a plan keeps (an eighth of the run, up to this).
PILOT = 256


@dataclass(frozen=True, eq=False)
class Plan:
    """A scenario compiled for every year, with its uncertain parameters, seed and weights.

    Parameters
    ----------
    name : str
        The scenario's name.
    network_id : str
        The base network's id.
    years : list of YearModel
        Each year, compiled.
    uncertain : list of Uncertain
        The uncertain numbers.
    weights : dict of str to float
        What each answer minimises: weight per named cost.
    seed : int
        Seed of the draws.
    samples : int
        Samples per year (0: the scenario as given, once).
    """

    name: str
    network_id: str
    years: list[YearModel]
    uncertain: list[Uncertain]
    weights: dict[str, float]
    seed: int
    samples: int

    @property
    def sample_ids(self) -> list[int]:
        """The samples' numbers (one, 0, for a run without samples)."""
        return list(range(max(self.samples, 1)))

    @property
    def scale(self) -> list[bool]:
        """Per uncertain parameter: whether its draw multiplies the year's value (else it is the value)."""
        return [u.applies == "scale" for u in self.uncertain]

    def tasks(self) -> list[tuple[int, int]]:
        """Every (year, sample) pair of the run.

        Returns
        -------
        list of (int, int)
            (year, sample) pairs.
        """
        return [(ym.year, k) for ym in self.years for k in self.sample_ids]


def _levers(c: Compiled, uncertain: list[Uncertain]) -> list[Lever | None]:
    return [lever(c, u.quantity, actor=u.actor, resource=u.resource, stream=u.stream, factor=u.factor)
            for u in uncertain]


def build_plan(spec: ScenarioSpec, samples: int = 0, seed: int = 0, objective: str | None = None,
               weights: dict[str, float] | None = None) -> Plan:
    """Compile ``spec``'s years, once per network structure, and check each year solves without uncertainty
    (a warm re-solve of its structure's problem).

    Raises
    ------
    SymbiosisError
        Naming the year and the balances that cannot close, before anything
        is run or stored.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario.
    samples : int
        Samples per year.
    seed : int
        Seed of the draws.
    objective : str, optional
        What each answer minimises: ``cost``, ``co2e`` or ``weighted`` (default: the scenario's).
    weights : dict of str to float, optional
        Weights over the named costs, replacing the objective's own.

    Returns
    -------
    Plan
        The compiled scenario.
    """
    P.SAMPLES.check(samples)
    P.SEED.check(seed)
    if samples > 0 and not spec.scenario.uncertain:
        raise bad_field("uncertain", "samples need uncertain parameters in the scenario: "
                        "add an 'uncertain' list (see `symbiosis schema`)", spec.label)
    objective = objective or spec.scenario.objective
    uncertain = list(spec.scenario.uncertain)
    years: list[YearModel] = []
    w = None
    compiler = YearCompiler((spec.scenario.answer, "counterfactual"))
    shared: dict[int, tuple] = {}  # per structure: its levers, and the last year's material inputs and matrices
    structure: list[int] = []  # each year's
    for year in spec.scenario.years:
        net = spec.network(year)
        w = objective_weights(net, objective, weights) if w is None else w
        k, compiled = compiler.compile(net)
        structure.append(k)
        answer, cf = compiled[spec.scenario.answer], compiled["counterfactual"]
        actors = sorted(net.actor)
        code = {a: i for i, a in enumerate(actors)}
        payer = np.array([code[a] for a in answer.variables.actor.tolist()], dtype=np.int64)
        for c in (answer, cf):
            if compiler.status(k, c, w) == "infeasible":
                err = infeasible_error(c)
                raise type(err)(err.problems, spec.label, f"scenario '{spec.scenario.name}', year {year}: "
                                     f"{err.summary}")
        if k not in shared:  # a new structure: where the uncertain numbers sit in it
            shared[k] = (_levers(answer, uncertain), _levers(cf, uncertain), None, None)
        levers, cf_levers, last, materials = shared[k]
        inputs = _material_inputs(net)
        if materials is None or inputs != last:
            materials = _materials(net, answer, cf)
        shared[k] = (levers, cf_levers, inputs, materials)
        years.append(YearModel(year, answer, cf, actors, payer, levers, cf_levers, social_totals(net), *materials))
    assert w is not None  # for the type checker: a horizon has at least one year
    plan = Plan(spec.scenario.name, spec.base.id, _same_materials(years), uncertain, w, int(seed), int(samples))
    pilot = draws_many(plan, list(range(min(PILOT, samples // 8)))) if samples else None
    scale = plan.scale
    solved: list[YearModel] = []
    kin: dict[int, SampleSolver] = {}  # per structure, a solver of it: bases inverted once per structure
    for ym, k in zip(plan.years, structure, strict=True):
        a = SampleSolver(ym.answer, w, ym.levers, scale, pilot, bases=samples > 0, like=kin.get(k))
        kin[k] = SampleSolver(ym.counterfactual, w, ym.cf_levers, scale, pilot, bases=samples > 0, like=a)
        solved.append(replace(ym, solvers=(a, kin[k])))
    return replace(plan, years=solved)


def _material_inputs(net) -> tuple:
    """What of a year's network its material matrices read besides the decisions (the same in years of one
    structure): the resources, and the disposal routes (whose fate says what a tonne disposed of counts for)."""
    return net.resources, tuple(f for f in net.factors if f.factor == "disposal_cost")


def _materials(net, answer: Compiled, cf: Compiled) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The material indicator keys of both problems, and each problem's matrix over them."""
    parts = [material_matrix(net, c.variables.kind.tolist(), c.variables.resource.tolist(),
                             c.variables.actor.tolist()) for c in (answer, cf)]
    keys = sorted(set(parts[0][0]) | set(parts[1][0]))

    def aligned(own_keys, m, n):
        return np.array([m[own_keys.index(k)] if k in own_keys else np.zeros(n) for k in keys]).reshape(len(keys), n)

    return keys, aligned(*parts[0], len(answer.variables)), aligned(*parts[1], len(cf.variables))


def _same_materials(years: list[YearModel]) -> list[YearModel]:
    """Every year reports the same material keys (a material that ends reads 0, not missing)."""
    keys = sorted({k for ym in years for k in ym.materials})

    def widen(ym: YearModel, m: np.ndarray | None) -> np.ndarray:
        assert m is not None  # for the type checker: every year is compiled with its matrices
        return np.array([m[ym.materials.index(k)] if k in ym.materials else np.zeros(m.shape[1])
                         for k in keys]).reshape(len(keys), m.shape[1])

    return [replace(ym, materials=keys, material_answer=widen(ym, ym.material_answer),
                    material_cf=widen(ym, ym.material_cf)) for ym in years]


def draws(plan: Plan, sample: int) -> np.ndarray:
    """The uncertain parameters' draws for one sample: a multiplier or a value each (``plan``: a
    :class:`Plan`, or anything with its ``samples``, ``seed`` and ``uncertain``, such as a finished run).

    Parameters
    ----------
    plan : Plan
        The plan (or a run).
    sample : int
        The sample's number.

    Returns
    -------
    numpy.ndarray
        One draw per uncertain number.
    """
    if plan.samples == 0:
        return np.array([])
    rng = np.random.default_rng([plan.seed, sample])
    return np.array([u.draw(rng) for u in plan.uncertain])


def draws_many(plan: Plan, samples: list[int]) -> np.ndarray:
    """:func:`draws` of each sample, one row each (``samples x uncertain``; no columns without uncertainty).

    The same numbers as :func:`draws`, bit for bit: a run of parameters of one
    distribution is drawn in one call with array parameters, which takes the
    generator's numbers in the same order as one call each.
    """
    if plan.samples == 0:
        return np.zeros((len(samples), 0))
    runs = _runs(plan.uncertain)
    out = np.empty((len(samples), len(plan.uncertain)))
    for i, k in enumerate(samples):
        rng = np.random.default_rng([plan.seed, k])
        for run in runs:
            out[i, run.start:run.stop] = run(rng)
    return out


@dataclass(frozen=True)
class _Run:
    """Consecutive parameters of one distribution, drawn in one call (``fixed``: a triangular of no spread,
    which draws nothing)."""

    start: int
    stop: int
    kind: str
    a: np.ndarray
    b: np.ndarray
    c: np.ndarray

    def __call__(self, rng: np.random.Generator) -> np.ndarray:
        if self.kind == "fixed":
            return self.a
        if self.kind == "uniform":
            return rng.uniform(self.a, self.b)
        if self.kind == "triangular":
            return rng.triangular(self.a, self.b, self.c)
        if self.kind == "normal":
            return rng.normal(self.a, self.b)
        return self.a * np.exp(rng.normal(np.zeros(self.b.size), self.b))


_PARAMETERS = {"fixed": ("low", "low", "low"), "uniform": ("low", "high", "high"),
               "triangular": ("low", "mode", "high"), "normal": ("mean", "sd", "sd"),
               "lognormal": ("median", "sigma", "sigma")}


def _runs(uncertain: list[Uncertain]) -> list[_Run]:
    """The parameters in runs of one distribution (see :func:`draws_many`)."""
    def kind(u: Uncertain) -> str:
        return "fixed" if u.distribution == "triangular" and u.high == u.low else u.distribution

    runs, start = [], 0
    for j in range(1, len(uncertain) + 1):
        if j < len(uncertain) and kind(uncertain[j]) == kind(uncertain[start]) != "fixed":
            continue
        d = kind(uncertain[start])
        a, b, c = (np.array([getattr(u, name) for u in uncertain[start:j]], dtype=float) for name in _PARAMETERS[d])
        runs.append(_Run(start, j, d, a, b, c))
        start = j
    return runs
