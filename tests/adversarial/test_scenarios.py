"""Bad scenario files: every one exits 2 naming its place, and no run store, run or output appears."""

from __future__ import annotations

import pytest

from tests.adversarial.harness import TINY_TEXT, Case, both, check, put, scenario, scenario_files

RUN = ("simulate", "sc.yaml", "--samples", "3", "-o", "out")  # would record a run in ./symbiosis-runs.sqlite


def change(**fields):
    """An extra event of 2022: a change of the plant's steam supply with ``fields``."""
    def add(d):
        d["events"].append({"year": 2022, "type": "change", "quantity": "supply", "actor": "plant",
                            "resource": "steam", **fields})
    return add


def uncertain(**fields):
    """An extra uncertain number: the steam price with ``fields``."""
    def add(d):
        d["uncertain"].append({"quantity": "factor", "factor": "virgin_price", "resource": "steam", **fields})
    return add


def event(**fields):
    return lambda d: d["events"].append({"year": 2022, **fields})


def run(fix, *names: str, args=RUN) -> Case:
    return Case(args, ("sc.yaml", *names), scenario_files(fix))


def set_(key, value):
    return lambda d: d.__setitem__(key, value)


CASES = {
    "change-value-inf": run(change(value=float("inf")), "events[2].value", "finite"),
    "change-value-nan": run(change(value=float("nan")), "events[2].value", "finite"),
    "change-value-1e300": run(change(value=1e300), "events[2].value", "larger than any real number"),
    "change-value-true": run(change(value=True), "events[2].value", "yes/no"),
    "change-value-negative": run(change(value=-5), "events[2]", "is negative"),
    "change-scale-overflows": run(change(scale=1e11), "events[2].scale", "larger than any real number"),
    "change-growth-overflows": run(change(growth=1e11), "events[2].growth", "larger than any real number"),
    "change-two-kinds": run(change(value=1, scale=2), "events[2]", "exactly one of value, scale or growth"),
    "change-growth-minus-1": run(change(growth=-1), "events[2].growth", "greater than -1"),
    "change-unknown-actor": run(lambda d: d["events"].append({"year": 2022, "type": "change", "quantity": "supply",
                                                              "actor": "ghost", "resource": "steam", "value": 1}),
                                "events[2].actor", "unknown actor 'ghost'"),
    "uniform-nan": run(uncertain(distribution="uniform", low=float("nan"), high=1), "uncertain[1].low", "finite"),
    "uniform-inverted": run(uncertain(distribution="uniform", low=2, high=1), "uncertain[1]", "below low"),
    "triangular-mode-outside": run(uncertain(distribution="triangular", low=1, mode=3, high=2), "uncertain[1]",
                                   "must lie between"),
    "normal-sd-inf": run(uncertain(distribution="normal", mean=1, sd=float("inf")), "uncertain[1].sd", "finite"),
    "normal-sd-overflows": run(uncertain(distribution="normal", mean=1, sd=1e12), "uncertain[1]", "narrow it"),
    "lognormal-sigma-overflows": run(uncertain(distribution="lognormal", median=1, sigma=1000), "uncertain[1]",
                                     "narrow it"),
    "lognormal-median-0": run(uncertain(distribution="lognormal", median=0, sigma=1), "uncertain[1]", "median > 0"),
    "normal-missing-sd": run(uncertain(distribution="normal", mean=1), "uncertain[1]", "missing sd"),
    "unknown-distribution": run(uncertain(distribution="cauchy", low=0, high=1), "uncertain[1].distribution"),
    "uncertain-unknown-target": run(lambda d: d["uncertain"].append({
        "quantity": "supply", "actor": "plant", "resource": "gold", "distribution": "uniform", "low": 0, "high": 1}),
        "uncertain[1].resource", "no supply of 'gold'"),
    "horizon-text": run(set_("horizon", "soon"), "horizon", "is not a horizon"),
    "horizon-reversed": run(set_("horizon", "2024-2020"), "horizon", "before start"),
    "horizon-1800": run(set_("horizon", "1800-1810"), "horizon"),
    "events-not-a-list": run(set_("events", "x"), "events", "must be a list"),
    "event-without-type": run(event(), "events[2].type", "every event needs a type"),
    "event-unknown-type": run(event(type="meteor"), "events[2].type", "unknown event type"),
    "event-after-horizon": run(lambda d: d["events"].append({"year": 2030, "type": "stream_ends",
                                                              "stream": "steam-to-pharma"}),
                               "events[2].year", "after the horizon's end"),
    "event-year-text": run(event(type="stream_ends", stream="steam-to-pharma", year="soon"), "events[2].year"),
    "event-unknown-field": run(event(type="stream_ends", stream="steam-to-pharma", colour="red"),
                               "events[2].colour", "unknown field"),
    "actor-leaves-unknown": run(event(type="actor_leaves", actor="ghost"), "events[2].actor", "unknown actor"),
    "stream-starts-unknown": run(event(type="stream_starts", stream="nope"), "events[2].stream", "unknown stream"),
    "stream-ends-unknown": run(event(type="stream_ends", stream="nope"), "events[2].stream", "unknown stream"),
    "actor-joins-incomplete": run(event(type="actor_joins", actor={"id": "x"}), "events[2].actor.name", "missing"),
    "actor-joins-twice": run(event(type="actor_joins", actor={
        "id": "plant", "name": "Plant", "kind": "utility",
        "location": {"lat": 55, "lon": 11, "source": "@test", "basis": "published"}}), "events[2].actor.id",
        "already in the network"),
    "convert-unknown-supply": run(event(type="convert", actor="plant", ends=["gold"]), "events[2].ends[0]",
                                  "supplies no 'gold'"),
    "contradicting-events": run(lambda d: d["events"].extend([
        {"year": 2024, "type": "stream_ends", "stream": "steam-to-pharma"},
        {"year": 2024, "type": "stream_starts", "stream": "steam-to-pharma"}]), "events[3]", "contradicts"),
    "capacity-scaled-to-0": run(lambda d: d["events"].append({"year": 2022, "type": "change", "quantity": "capacity",
                                                              "stream": "gypsum-to-boards", "scale": 0}),
                                "streams[1].observed", "exceeds capacity"),
    "network-missing": Case(RUN, ("sc.yaml", "network", "no network file 'nowhere.yaml'"),
                            put("sc.yaml", lambda: scenario(network="nowhere.yaml"))),
    "network-bad": Case(RUN, ("net.yaml", "supplies[0].quantity.value"),
                        both(put("net.yaml", TINY_TEXT.replace("value: 100, unit: t", "value: .inf, unit: t")),
                             put("sc.yaml", scenario()))),
    "scenario-key-twice": Case(RUN, ("sc.yaml", "horizon", "given twice"),
                               both(put("net.yaml", TINY_TEXT),
                                    put("sc.yaml", "name: x\nnetwork: net.yaml\nhorizon: 2020-2021\n"
                                                   "horizon: 2020-2024\n"))),
    "samples-without-uncertainty": run(set_("uncertain", []), "uncertain", "samples need uncertain parameters"),
    "scenario-for-report": run(change(value=float("inf")), "events[2].value", args=("report", "sc.yaml")),
    "scenario-for-metrics": run(set_("horizon", "soon"), "horizon", args=("metrics", "sc.yaml", "--by", "year")),
    "scenario-year-outside-horizon": Case(("stress", "sc.yaml", "--year", "2030"), ("--year", "outside the horizon"),
                                          scenario_files(None)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_scenario(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)
