"""Declared parameters: one declaration per limit, held by the library and the command line alike.

Every option (or argument) of every command that has a range or a list of choices is built from
its declaration in ``symbiosis.parameters``, so the two cannot drift; the declarations refuse what
they should; the public functions refuse a bad argument with a ``ParameterError`` (a ValueError)
naming it, before any work. The adversarial suite's harness checks the same of every case it runs.
"""

from __future__ import annotations

import math

import click
import numpy as np
import pytest

from symbiosis import parameters as P
from symbiosis.cli import main
from symbiosis.cli.common import DeclaredArgument, DeclaredOption, Finite, click_type
from symbiosis.errors import (
    FileError,
    InfeasibleError,
    Mistake,
    ParameterError,
    SymbiosisError,
    UnknownNameError,
    bad_field,
    bad_parameter,
    infeasible,
    unknown_name,
)
from symbiosis.io import load_network
from tests.paths import TINY


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", cmd


COMMANDS = dict(_commands(main))
LIMITED = (click.Choice, click.IntRange, click.FloatRange, Finite)


def _limits(t: click.ParamType) -> tuple:
    if isinstance(t, click.Choice):
        return ("choice", tuple(t.choices))
    if isinstance(t, click.IntRange):
        return ("int", t.min, t.max, t.min_open, t.max_open)
    if isinstance(t, Finite):
        return ("float", t.min, t.max, t.min_open, t.max_open)
    return (type(t).__name__,)


def test_the_commands_are_found():
    expected = {"simulate", "design", "stress", "pareto", "sensitivity", "score", "runs show", "runs prune"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_limited_option_takes_its_limits_from_a_declaration(name):
    for param in COMMANDS[name].params:
        if not isinstance(param.type, LIMITED):
            continue
        where = f"`symbiosis {name}` {param.opts[0] if param.opts else param.name}"
        assert isinstance(param, DeclaredOption | DeclaredArgument), (
            f"{where} writes its range or choices by hand; declare it in symbiosis/parameters.py and use "
            "@declared(...)")
        decl = param.declaration
        assert _limits(param.type) == _limits(click_type(decl)), where
        if decl.default is not None and isinstance(param, click.Option):
            assert param.default == decl.default, where


def test_a_declared_option_is_held_to_its_declaration_even_if_edited():
    # the drift the test above catches: an option whose type says another range than its declaration
    cmd = click.Command("x", params=[DeclaredOption(["--gap"], declaration=P.GAP, type=Finite(0, 2))])
    assert _limits(cmd.params[0].type) != _limits(click_type(P.GAP))


@pytest.mark.parametrize(("param", "good", "bad"), [
    (P.SAMPLES, [0, 1, 100_000, np.int64(5)], [-1, 100_001, 10**12, 1.0, 2.5, True, "5", None]),
    (P.SEED, [0, 2**63 - 1], [-1, 2**63, 2**80]),
    (P.YEAR, [1900, 2020, 2100], [1899, 2101]),
    (P.POINTS, [2, 1000], [1, 1001]),
    (P.DISCOUNT_RATE, [0, 0.0, 0.035, 0.999], [1, 1.0, -0.01, 3.5, math.nan, math.inf, False]),
    (P.GAP, [0.0, 1e-4], [1.0, -1e-9, math.nan]),
    (P.SPREAD, [0.25, 1e-9], [0.0, 1.0, math.inf]),
    (P.TIME_LIMIT, [1e-3, 3600], [0, -5, math.inf]),
    (P.MIN_HOURS, [0, 0.0, 1e12], [-5, 1e300, math.inf]),
    (P.LIFETIME, [1, 40], [0, -1, 1.5]),
    (P.OBJECTIVE, ["cost", "co2e", "weighted"], ["tbl", "joy", 1, None]),
    (P.LANG, ["en", "da"], ["de", ""]),
])
def test_a_declaration_takes_what_it_says_and_refuses_the_rest(param, good, bad):
    for v in good:
        assert param.check(v) is v
    for v in bad:
        with pytest.raises(ParameterError) as err:
            param.check(v)
        assert err.value.problems[0].path == param.name
        assert str(err.value).startswith(f"{param.name}: "), str(err.value)
        assert isinstance(err.value, ValueError)


def test_a_message_says_what_is_valid_from_the_declared_range():
    with pytest.raises(ParameterError, match=r"^samples: -3 is not a number of samples; give 0 \(no uncertainty\) "
                                             r"to 100,000 "):
        P.SAMPLES.check(-3)
    with pytest.raises(ParameterError, match=r"^seed: \d+ is not a seed; give a whole number from 0 to "
                                             r"9223372036854775807$"):
        P.SEED.check(2**80)
    with pytest.raises(ParameterError, match=r"^years: 1800 is not a year; give a year from 1900 to 2100$"):
        P.YEAR.check(1800, "years")
    with pytest.raises(ParameterError, match=r"^objective: 'joy' is not an objective; valid: cost, co2e, weighted$"):
        P.OBJECTIVE.check("joy")


# -- the library's public functions, called with a bad argument: a ParameterError naming it, no work --

@pytest.fixture(scope="module")
def tiny():
    return load_network(str(TINY))


def _design(net, **kw):
    from symbiosis.planning.design import design_links

    return design_links(net, **kw)


def _stress(net, **kw):
    from symbiosis.planning.stress import stress

    return stress(net, **kw)


def _failures(net, **kw):
    from symbiosis.planning.stress import random_failures

    return random_failures(net, **{"k": 1, "samples": 10, **kw})


def _pareto(net, **kw):
    from symbiosis.planning.pareto import pareto

    return pareto(net, **kw)


def _sensitivity(net, **kw):
    from symbiosis.planning.sensitivity import sensitivity

    return sensitivity(net, **kw)


def _by_year(net, **kw):
    from symbiosis.metrics.compute import by_year

    return by_year(net, **kw)


def _tbl(net, **kw):
    from symbiosis.scoring import tbl_report

    return tbl_report(net, **kw)


def _executor(net, **kw):
    from symbiosis.simulate.executors import Executor

    return Executor(**kw)


def _lever(net, **kw):
    from symbiosis.engine import compile_network
    from symbiosis.engine.levers import lever

    return lever(compile_network(net, "optimised"), "factor", resource="steam", **kw)


@pytest.mark.parametrize(("call", "kwargs", "named"), [
    (_design, {"discount_rate": 3.5}, "discount_rate"),
    (_design, {"lifetime": 0}, "lifetime"),
    (_design, {"time_limit": -5.0}, "time_limit"),
    (_design, {"gap": 1.0}, "gap"),
    (_design, {"objective": "joy"}, "objective"),
    (_design, {"weights": {"cost": math.nan}}, "weights"),
    (_stress, {"by": "resource"}, "by"),
    (_stress, {"top": -1}, "top"),
    (_failures, {"k": 0}, "k"),
    (_failures, {"k": 100}, "k"),
    (_failures, {"samples": 0}, "samples"),
    (_failures, {"samples": 10**12}, "samples"),
    (_pareto, {"points": 1}, "points"),
    (_pareto, {"points": 100_000}, "points"),
    (_pareto, {"x": "joy"}, "x"),
    (_sensitivity, {"spread": 0.0}, "spread"),
    (_sensitivity, {"spread": math.nan}, "spread"),
    (_sensitivity, {"answer": "counterfactual"}, "answer"),
    (_by_year, {"years": [1800]}, "years"),
    (_tbl, {"min_hours": -5.0}, "min_hours"),
    (_tbl, {"min_hours": 1e300}, "min_hours"),
    (_executor, {"workers": 0}, "workers"),
    (_executor, {"kind": "gpu"}, "executor"),
    (_lever, {"factor": "joy"}, "factor"),
])
def test_a_public_function_names_its_bad_parameter(tiny, call, kwargs, named):
    with pytest.raises(ParameterError) as err:
        call(tiny, **kwargs)
    assert isinstance(err.value, ValueError)
    assert [m.path for m in err.value.problems] == [named], str(err.value)


def test_an_unknown_metric_is_an_unknown_name_and_still_a_key_error(tiny):
    from symbiosis.metrics.compute import compute

    m = compute(tiny)
    with pytest.raises(KeyError) as err:
        m.value("links", "joy")
    assert isinstance(err.value, UnknownNameError) and isinstance(err.value, ValueError)
    assert str(err.value) == "metric: no metric 'joy' for scope 'links'"  # not quoted as a KeyError would


# -- the error types ------------------------------------------------------------------------------

@pytest.mark.parametrize(("made", "kind", "text"), [
    (bad_parameter("gap", "1 is not a relative gap"), ParameterError, "gap: 1 is not a relative gap"),
    (bad_field("streams[0].flow", "must be a number", "net.yaml"), FileError,
     "net.yaml: streams[0].flow: must be a number"),
    (bad_field("", "no such file", "net.yaml"), FileError, "net.yaml: no such file"),
    (unknown_name("scope", "no scope 'x'; valid: mass"), UnknownNameError, "scope: no scope 'x'; valid: mass"),
    (infeasible("the network cannot balance", file="net"), InfeasibleError, "net: the network cannot balance"),
])
def test_each_kind_of_mistake_is_a_value_error_with_its_place(made, kind, text):
    assert type(made) is kind and isinstance(made, SymbiosisError) and isinstance(made, ValueError)
    assert str(made) == text
    located = made.with_file("other.yaml", {"streams[0]": 7})
    assert type(located) is kind  # naming the file keeps the kind


def test_a_mistake_with_several_problems_lists_each():
    err = FileError([Mistake("a", "one"), Mistake("b[2].c", "two")], "f.yaml", summary="2 problems:")
    assert str(err) == "2 problems:\nf.yaml: a: one\nf.yaml: b[2].c: two"


def test_a_validator_mistake_leaves_pydantic_as_itself(tiny):
    # a SymbiosisError is a ValueError, which pydantic would fold into its ValidationError
    from symbiosis.model import Network
    from tests.conftest import tiny_dict

    d = tiny_dict()
    d["streams"][0]["supplier"] = "ghost"
    with pytest.raises(FileError) as err:
        Network.model_validate(d)
    assert [m.path for m in err.value.problems] == ["streams[0].supplier"]
    with pytest.raises(FileError):
        Network(**d)
