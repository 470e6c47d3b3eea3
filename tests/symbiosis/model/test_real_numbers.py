"""Every number in a network or scenario is a real one, by field path, at load time; nothing is made from nothing."""

from __future__ import annotations

import datetime

import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.io import network_from_dict
from symbiosis.model.base import LARGEST
from tests.conftest import problem_at, problems_of, tiny_dict


def _set(path: str, value):
    def change(d):
        keys = path.replace("[", ".").replace("]", "").split(".")
        target = d
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        target[keys[-1]] = value
    return change


@pytest.mark.parametrize(("path", "value", "fragment"), [
    ("streams[0].observed.value", 1e308, "1e+308 is larger than any real number here"),
    ("streams[0].capacity.value", 1e13, "1e+13 is larger than any real number here"),
    ("supplies[0].quantity.value", float("inf"), "must be a finite number, not inf"),
    ("supplies[0].quantity.value", float("nan"), "must be a finite number, not nan"),
    ("demands[0].quantity.value", "1e300", "1e+300 is larger than any real number"),
    ("streams[1].transport_cost", float("inf"), "must be a finite number, not inf"),
    ("streams[1].transport_cost", True, "must be a number, not true (a yes/no)"),
    ("streams[0].observed.value", True, "must be a number, not true (a yes/no)"),
    ("streams[0].start", False, "must be a number, not false (a yes/no)"),
    ("factors[0].value", -1e20, "-1e+20 is larger than any real number"),
    ("factors[0].value", float("-inf"), "must be a finite number"),
    ("actors[0].location.lat", float("nan"), "must be a finite number, not nan"),
    ("streams[0].observed.value", datetime.date(2020, 1, 1), "must be a number, not 2020-01-01 (a date)"),
    ("streams[0].observed", 70, "must be a mapping of fields (source, basis, method, year"),
    ("actors[0].location", "here", "must be a mapping of fields"),
    ("actors", "x", "must be a list, not 'x'"),
    ("year", "twenty", "must be a whole number, not 'twenty'"),
])
def test_numbers_that_no_real_network_has_are_refused_by_field(path, value, fragment):
    d = tiny_dict()
    _set(path, value)(d)
    problem_at(d, path, fragment)


def test_messages_never_show_python_internals():
    d = tiny_dict()
    d["streams"][0]["observed"] = [1, 2]
    d["streams"][1]["observed"]["value"] = datetime.datetime(2020, 1, 1)
    text = "\n".join(p.render() for p in problems_of(d))
    for leak in ("datetime.", "instance of", "Input should be a valid dictionary", "Quantity"):
        assert leak not in text, text


def test_the_largest_real_number_is_still_fine():
    d = tiny_dict()
    d["supplies"][0]["quantity"]["value"] = LARGEST
    d["streams"][0]["capacity"]["value"] = LARGEST
    network_from_dict(d, "x.yaml")


def test_a_missing_table_is_one_mistake_not_a_page_of_follow_ons():
    d = tiny_dict()
    del d["actors"]
    problems = problems_of(d)
    assert [p.path for p in problems] == ["actors"] and "missing" in problems[0].message


def _process(pid, inputs, outputs):
    return {"id": pid, "actor": "plant", "name": pid, "activity_unit": "t", "inputs": inputs, "outputs": outputs,
            "capacity": {"value": 1000, "source": "@test", "basis": "published"},
            "ratios": {"source": "@test", "basis": "published"}}


def test_a_process_that_makes_its_own_input_is_refused():
    d = tiny_dict()
    d["processes"] = [_process("loop", {"steam": 1}, {"steam": 2})]
    problem_at(d, "processes[0].outputs.steam", "'steam' is both an input (1) and an output (2)", "from nothing")


def test_a_chain_of_processes_that_gains_is_refused_and_one_that_loses_is_fine():
    d = tiny_dict()
    d["processes"] = [_process("a", {"steam": 1}, {"gypsum": 2}), _process("b", {"gypsum": 1}, {"steam": 0.6})]
    problem_at(d, "processes[0].outputs", "'a' -> 'b'", "back into 1.2 units")
    d["processes"][1]["outputs"]["steam"] = 0.4
    network_from_dict(d, "x.yaml")


def test_a_loop_of_steam_cannot_deliver_more_than_was_supplied():
    """The outside test's case: 1 t of steam in, 2 t out, delivered 500 t of steam from a 100 t supply."""
    d = tiny_dict()
    d["processes"] = [_process("loop", {"steam": 1}, {"steam": 2})]
    d["demands"][0]["quantity"]["value"] = 500
    with pytest.raises(SymbiosisError):
        network_from_dict(d, "x.yaml")


@pytest.mark.parametrize(("kind", "value", "fragment"), [
    ("discount_rate", 5, "5 is not a yearly rate between 0 and 1"),
    ("discount_rate", 1, "1 is not a yearly rate"),
    ("sroi_deadweight", 1.5, "1.5 is not a share between 0 and 1"),
])
def test_rates_and_shares_stay_in_their_range(kind, value, fragment):
    d = tiny_dict()
    d["factors"].append({"factor": kind, "value": value, "unit": "share", "source": "@test", "basis": "published"})
    problem_at(d, f"factors[{len(d['factors']) - 1}].value", fragment)
