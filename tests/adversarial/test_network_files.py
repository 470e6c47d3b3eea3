"""Bad network files (YAML and JSON): every one exits 2 naming its place, and nothing is written."""

from __future__ import annotations

import json

import pytest

from tests.adversarial.harness import TINY_TEXT, Case, check, put, tiny


def _set(path: str, value):
    """A change setting the field at ``path`` (``streams[0].observed.value``) to ``value``."""
    def change(d):
        keys = path.replace("[", ".").replace("]", "").split(".")
        target = d
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return change


def _drop(path: str):
    def change(d):
        keys = path.split(".")
        target = d
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        del target[keys[-1]]
    return change


def _process(pid, inputs, outputs):
    return {"id": pid, "actor": "plant", "name": pid, "activity_unit": "t", "inputs": inputs, "outputs": outputs,
            "capacity": {"value": 1000, "source": "@test", "basis": "published"},
            "ratios": {"source": "@test", "basis": "published"}}


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n" + TINY_TEXT


def _json(change=None) -> str:
    return json.dumps(tiny(change), indent=1)


def validate(change, *names: str, file: str = "net.yaml") -> Case:
    """``symbiosis validate FILE`` of the tiny network changed by ``change`` (a function, or the file's text)."""
    content = change if isinstance(change, str | bytes) else (lambda: tiny(change))
    return Case(("validate", file), (file, *names), put(file, content))


def simulate(change, *names: str, file: str = "net.yaml") -> Case:
    """``symbiosis simulate FILE -o out -o r.html``: refused, and neither output appears."""
    content = change if isinstance(change, str | bytes) else (lambda: tiny(change))
    return Case(("simulate", file, "-o", "out", "-o", "r.html"), (file, *names), put(file, content))


CASES = {
    # the file itself
    "yaml-malformed": validate("id: x\nname: a: b\nyear: 2020\n", "not valid YAML"),
    "yaml-alias-bomb": validate(_alias_bomb(), "YAML aliases", "expand to more than"),
    "yaml-alias-loop": validate("a: &a [1, *a]\n" + TINY_TEXT, "refers to the list or mapping it sits in"),
    "yaml-nesting": validate("id: " + "[" * 5000 + "]" * 5000 + "\n", "nesting depth"),
    "yaml-duplicate-key": validate(TINY_TEXT.replace("    start: 1982\n", "    start: 1982\n    start: 1990\n"),
                                   "streams[0].start", "given twice"),
    "yaml-duplicate-top-key": validate(TINY_TEXT + "year: 2021\n", "year", "given twice"),
    "yaml-a-list": validate("- 1\n- 2\n", "must hold a mapping of fields"),
    "yaml-empty": validate("", "must hold a mapping of fields"),
    "yaml-not-utf8": validate(b"id: \xff\xfe\x00bad\n", "cannot read the file"),
    "json-malformed": validate('{"id": "x",', "not valid JSON", file="net.json"),
    "json-duplicate-key": validate(_json().replace('"year": 2020', '"year": 2020, "year": 2021'), "year",
                                   "given twice", file="net.json"),
    "json-nesting": validate('{"id": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply", file="net.json"),
    "json-nan": validate(_json(_set("supplies[0].quantity.value", float("nan"))), "supplies[0].quantity.value",
                         "finite", file="net.json"),
    "no-such-file": Case(("validate", "nowhere.yaml"), ("nowhere.yaml", "no such file")),
    "unknown-bundled-name": Case(("simulate", "no-such-network"), ("'no-such-network' is neither a file",)),
    "a-folder-named-yaml": Case(("validate", "dir.yaml"), ("dir.yaml", "no CSV files here"),
                                lambda d: (d / "dir.yaml").mkdir()),
    # fields
    "unknown-top-field": validate(_set("colour", "red"), "colour", "unknown field"),
    "unknown-stream-field": validate(_set("streams[0].colour", "red"), "streams[0].colour", "unknown field"),
    "missing-actors": validate(_drop("actors"), "actors", "missing"),
    "actors-not-a-list": validate(_set("actors", "plant"), "actors", "must be a list"),
    "resources-missing": validate(_drop("resources"), "resources", "missing"),
    "missing-kind": validate(_drop("actors.0.kind"), "actors[0].kind", "required"),
    "unknown-actor": validate(_set("streams[1].receiver", "bords"), "streams[1].receiver", "unknown actor 'bords'"),
    "unknown-resource": validate(_set("supplies[0].resource", "stem"), "supplies[0].resource", "unknown resource"),
    "duplicate-actor-id": validate(lambda d: d["actors"].append(dict(d["actors"][0])), "actors[3].id", "duplicate"),
    "id-upper-case": validate(_set("actors[0].id", "Plant"), "actors[0].id", "lower-case"),
    "id-a-number": validate(_set("streams[0].id", 5), "streams[0].id", "must be text"),
    "negative-supply": validate(_set("supplies[0].quantity.value", -5), "supplies[0].quantity.value",
                                "greater than or equal to 0"),
    "supply-inf": validate(_set("supplies[0].quantity.value", float("inf")), "supplies[0].quantity.value", "finite"),
    "supply-nan": validate(_set("supplies[0].quantity.value", float("nan")), "supplies[0].quantity.value", "finite"),
    "supply-1e308": simulate(_set("supplies[0].quantity.value", 1e308), "supplies[0].quantity.value",
                             "larger than any real number"),
    "observed-capacity-1e308": simulate(lambda d: (_set("streams[0].observed.value", 1e308)(d),
                                                   _set("streams[0].capacity.value", 1e308)(d)),
                                        "streams[0].observed.value", "streams[0].capacity.value"),
    "demand-1e13": validate(_set("demands[0].quantity.value", 1e13), "demands[0].quantity.value", "1e+13"),
    "demand-text-1e300": validate(_set("demands[0].quantity.value", "1e300"), "demands[0].quantity.value"),
    "observed-true": validate(_set("streams[0].observed.value", True), "streams[0].observed.value", "yes/no"),
    "transport-cost-true": validate(_set("streams[1].transport_cost", True), "streams[1].transport_cost", "yes/no"),
    "start-false": validate(_set("streams[0].start", False), "streams[0].start", "yes/no"),
    "observed-a-date": validate(TINY_TEXT.replace("observed: {value: 70,", "observed: {value: 2020-01-01,"),
                                "streams[0].observed.value", "2020-01-01 (a date)"),
    "observed-a-number": validate(_set("streams[0].observed", 70), "streams[0].observed", "must be a mapping"),
    "location-text": validate(_set("actors[0].location", "here"), "actors[0].location", "must be a mapping"),
    "latitude-200": validate(_set("actors[0].location.lat", 200), "actors[0].location.lat", "less than or equal to 90"),
    "latitude-nan": validate(_set("actors[0].location.lat", float("nan")), "actors[0].location.lat", "finite"),
    "year-1800": validate(_set("year", 1800), "year", "greater than or equal to 1900"),
    "year-text": validate(_set("year", "twenty"), "year", "whole number"),
    "year-fraction": validate(_set("year", 2020.5), "year", "whole number"),
    "wrong-unit-kind": validate(_set("supplies[0].quantity.unit", "MWh"), "supplies[0].quantity.unit",
                                "write the value in t"),
    "unknown-unit": validate(_set("supplies[0].quantity.unit", "furlongs"), "supplies[0].quantity.unit"),
    "decimal-comma": validate(_set("supplies[0].quantity.value", "3,5 t"), "supplies[0].quantity.value", "comma"),
    "unit-twice": validate(lambda d: d["supplies"][0]["quantity"].update(value="3 kt", unit="t"),
                           "supplies[0].quantity.unit", "give the unit once"),
    "loss-1": validate(_set("streams[0].loss", 1.0), "streams[0].loss", "less than 1"),
    "end-before-start": validate(_set("streams[0].end", 1970), "streams[0].end", "before start"),
    "stream-to-itself": validate(_set("streams[0].receiver", "plant"), "streams[0].receiver", "another actor"),
    "observed-over-capacity": validate(_set("streams[0].observed.value", 95), "streams[0].observed",
                                       "exceeds capacity"),
    "active-but-ended": validate(_set("streams[0].end", 2000), "streams[0].status", "'active' but its years"),
    "substitution-ratio-0": validate(_set("streams[0].substitution_ratio", 0), "streams[0].substitution_ratio"),
    "lifetime-0": validate(_set("streams[1].lifetime", 0), "streams[1].lifetime"),
    "flows-cannot-balance": validate(lambda d: (_set("supplies[1].quantity.value", 80)(d),
                                                _set("streams[1].observed.value", 70)(d)),
                                     "streams[1]", "receives 10 t"),
    "estimated-without-method": validate(_set("supplies[0].quantity.basis", "estimated"),
                                         "supplies[0].quantity", "must say how it was estimated"),
    "unknown-source-key": validate(_set("supplies[0].quantity.source", "@nope"), "supplies[0].quantity.source",
                                   "unknown source key"),
    "range-reversed": validate(_set("supplies[0].quantity.range", [2, 1]), "supplies[0].quantity", "not a range"),
    "range-nan": validate(_set("supplies[0].quantity.range", [float("nan"), 1]), "supplies[0].quantity.range[0]",
                          "finite"),
    "range-yes-no": validate(_set("supplies[0].quantity.range", [True, 200]), "supplies[0].quantity.range[0]",
                             "yes/no"),
    "range-1e300": validate(_set("supplies[0].quantity.range", [0, 1e300]), "supplies[0].quantity.range[1]",
                            "larger than any real number"),
    "range-three-numbers": validate(_set("supplies[0].quantity.range", [0, 1, 2]), "supplies[0].quantity.range",
                                    "at most 2 items"),
    "range-not-holding-the-value": validate(_set("supplies[0].quantity.range", [1, 2]), "supplies[0].quantity.range",
                                            "outside its stated range"),
    # processes
    "process-makes-its-input": simulate(lambda d: d.update(processes=[_process("loop", {"steam": 1},
                                                                                {"steam": 2})]),
                                        "processes[0].outputs.steam", "from nothing"),
    "process-chain-gains": validate(lambda d: d.update(processes=[
        _process("a", {"steam": 1}, {"gypsum": 2}), _process("b", {"gypsum": 1}, {"steam": 0.6})]),
        "processes[0].outputs", "from nothing"),
    "process-without-output": validate(lambda d: d.update(processes=[_process("p", {"steam": 1}, {})]),
                                       "processes[0].outputs", "at least one output"),
    "process-ratio-true": validate(lambda d: d.update(processes=[_process("p", {"steam": True}, {"gypsum": 1})]),
                                   "processes[0].inputs.steam", "yes/no"),
    "process-ratio-negative": validate(lambda d: d.update(processes=[_process("p", {"steam": -1}, {"gypsum": 1})]),
                                       "processes[0].inputs.steam", "greater than 0"),
    "gains-from-a-number": validate(lambda d: d.update(processes=[{**_process("p", {"steam": 1}, {"gypsum": 1}),
                                                                   "gains_from": 5}]),
                                    "processes[0].gains_from", "must be text"),
    # factors
    "factor-unknown-actor": validate(_set("factors[0].actor", "ghost"), "factors[0].actor", "unknown actor"),
    "factor-route-on-transport": validate(_set("factors[7].route", "the sea"), "factors[7].route",
                                          "a route belongs to"),
    "factor-negative-price": validate(_set("factors[0].value", -200), "factors[0].value", "negative"),
    "factor-unknown-resource": validate(_set("factors[0].resource", "gold"), "factors[0].resource", "unknown"),
    "factor-twice": validate(lambda d: d["factors"].append(dict(d["factors"][0])), "factors[8]", "a second row"),
    "free-money": validate(_set("factors[3].value", -1000), "factors[3].value", "free money"),
    "factor-value-inf": validate(_set("factors[0].value", float("-inf")), "factors[0].value", "finite"),
    "discount-rate-5": validate(lambda d: d["factors"].append(
        {"factor": "discount_rate", "value": 5, "unit": "1/yr", "source": "@test", "basis": "published"}),
        "factors[8].value", "not a yearly rate"),
    "share-over-1": validate(lambda d: d["factors"].append(
        {"factor": "sroi_deadweight", "value": 2, "unit": "share", "source": "@test", "basis": "published"}),
        "factors[8].value", "not a share"),
    "factor-table-unknown": validate(_set("factor_table", "factors-xx"), "factor_table", "no factor table"),
    "factor-table-a-number": validate(_set("factor_table", 5), "factor_table", "must be the name"),
    # service links
    "service-link-unknown-provider": validate(lambda d: d.update(service_links=[{
        "id": "s", "provider": "ghost", "client": "pharma", "service": "canteen",
        "provenance": {"source": "@test", "basis": "published"}}]), "service_links[0].provider", "unknown actor"),
    "supported-persons-negative": validate(lambda d: d.update(service_links=[{
        "id": "s", "provider": "plant", "client": "pharma", "service": "canteen",
        "supported": [{"scheme": "fleksjob", "persons": -2, "provenance": {"source": "@test", "basis": "published"}}],
        "provenance": {"source": "@test", "basis": "published"}}]), "service_links[0].supported[0].persons"),
    "offer-not-a-social-enterprise": validate(lambda d: d.update(service_offers=[{
        "provider": "plant", "service": "canteen", "capacity_hours": 100, "price": 300, "supported_share": 0.5,
        "provenance": {"source": "@test", "basis": "published"}}]), "service_offers[0].provider",
        "not a social_enterprise"),
    "unknown-scheme": validate(lambda d: d.update(service_links=[{
        "id": "s", "provider": "plant", "client": "pharma", "service": "canteen",
        "supported": [{"scheme": "volunteer", "persons": 2, "provenance": {"source": "@test", "basis": "published"}}],
        "provenance": {"source": "@test", "basis": "published"}}]), "service_links[0].supported[0].scheme"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_network_file(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)

