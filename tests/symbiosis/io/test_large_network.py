"""Reading a large network does its work once (issue 25): the units are normalised once per file, the
collector is paused only while validating, and the stream rules name the same mistakes on a large
park as they do one stream at a time."""

from __future__ import annotations

import gc
import json

import pytest

import symbiosis.io.networks as networks
import symbiosis.model.network as network_model
import symbiosis.model.units as units
from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network
from symbiosis.io.park import park_document


@pytest.fixture(scope="module")
def park_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("park") / "park.json"
    path.write_text(json.dumps(park_document(40, seed=3)))
    return path


def test_units_are_normalised_once_per_file(park_file, monkeypatch):
    calls = []
    real = units.normalise_quantities

    def counted(data):
        calls.append(1)
        return real(data)

    monkeypatch.setattr(units, "normalise_quantities", counted)
    monkeypatch.setattr(networks, "normalise_quantities", counted)
    monkeypatch.setattr(network_model, "normalise_quantities", counted)
    net = load_network(park_file)
    assert len(calls) == 1  # was 2: network_from_dict, then the model's own validator on the converted data
    assert len(net.streams) == 160
    calls.clear()
    net.replace(name="again")  # a network built in Python still converts its own units
    assert len(calls) == 1


def test_the_collector_is_restored_after_a_load_and_after_a_refused_one(park_file, tmp_path):
    assert gc.isenabled()
    load_network(park_file)
    assert gc.isenabled()
    bad = json.loads(park_file.read_text())
    bad["streams"][7]["supplier"] = "nobody"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(SymbiosisError, match=r"streams\[7\].supplier"):
        load_network(path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_network(park_file)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_a_large_park_names_each_stream_mistake_where_it_is(park_file, tmp_path):
    """The checks decided without building their paths (the common case) still name every mistake."""
    doc = json.loads(park_file.read_text())
    doc["streams"][3]["observed"]["unit"] = "MWh"
    doc["streams"][5]["capacity"]["source"] = "@nowhere"
    doc["streams"][9]["grade"] = "fine"
    doc["supplies"][2]["quantity"]["based_on"] = ["@nothing"]
    doc["demands"][4]["actor"] = "ghost"
    path = tmp_path / "mistakes.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SymbiosisError) as err:
        load_network(path)
    paths = {p.path for p in err.value.problems}
    assert {"streams[3].observed.unit", "streams[9].grade", "demands[4].actor"} <= paths
    text = str(err.value)
    assert "@nowhere" in text and "streams[5].capacity.source" in text
    assert "@nothing" in text and "supplies[2].quantity.based_on[0]" in text
