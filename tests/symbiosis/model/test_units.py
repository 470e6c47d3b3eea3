"""Quantities written with their own units are converted to the resource's unit."""


import pytest
import yaml

from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network, network_from_dict
from symbiosis.model.units import convert, split_amount
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


def tiny() -> dict:
    return yaml.safe_load(TINY.read_text())


@pytest.mark.parametrize(("value", "unit", "target", "expected"), [
    (3.5, "Mm3/yr", "m3", 3.5e6),          # million cubic metres a year
    (3.5, "Mm3", "m3", 3.5e6),
    (80, "GWh", "MWh", 80_000),
    (80, "GWh", "GJ", 288_000),            # 1 MWh = 3.6 GJ
    (200, "kt", "t", 200_000),             # kilotonne, not pint's knot
    (10, "t/d", "t", 3652.5),              # a rate times 365.25 days
    (1, "MW", "MWh", 8766),                # average power over a year
    (2.5, "MDKK", "DKK", 2.5e6),
    (500, "kg", "t", 0.5),
])
def test_convert_known_values(value, unit, target, expected):
    assert convert(value, unit, target) == pytest.approx(expected, rel=1e-12)


def test_split_amount():
    assert split_amount("3.5 Mm3/yr") == (3.5, "Mm3/yr")
    assert split_amount("  200kt ") == (200.0, "kt")
    assert split_amount("1e3") == (1000.0, None)
    with pytest.raises(ValueError, match="not a number"):
        split_amount("lots")


def test_incompatible_unit_names_the_dimension():
    with pytest.raises(ValueError) as err:
        convert(80, "GWh", "m3")
    assert "an energy" in str(err.value) and "a volume" in str(err.value)


def test_network_converts_units_in_value_and_unit_fields():
    d = tiny()
    d["supplies"][0]["quantity"] = {"value": "0.1 kt", "source": "@test", "basis": "published"}
    d["streams"][0]["observed"]["value"] = "70 t/yr"
    d["streams"][0]["capacity"].update(value=0.09, unit="kt")
    net = network_from_dict(d)
    assert net.supplies[0].quantity.value == 100
    assert net.supplies[0].quantity.unit == "t"
    assert net.streams[0].observed.value == 70
    assert net.streams[0].capacity.value == pytest.approx(90)
    assert net.streams[0].capacity.unit == "t"


def test_every_unit_problem_with_field_and_dimension(tmp_path):
    d = tiny()
    d["supplies"][0]["quantity"]["value"] = "80 GWh"
    del d["supplies"][0]["quantity"]["unit"]
    d["demands"][0]["quantity"]["unit"] = "zorks"
    d["streams"][1]["receiver"] = "nobody"          # a reference mistake in the same file
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(SymbiosisError) as err:
        load_network(path)
    text = str(err.value)
    by_path = {p.path: p for p in err.value.problems}
    assert set(by_path) == {"supplies[0].quantity.value", "demands[0].quantity.unit", "streams[1].receiver"}
    assert "'80 GWh' is an energy" in by_path["supplies[0].quantity.value"].message
    assert "measured in t, a mass" in by_path["supplies[0].quantity.value"].message
    assert "'zorks' is not a unit" in by_path["demands[0].quantity.unit"].message
    assert "unknown actor 'nobody'" in text
    assert all(p.line is not None for p in err.value.problems)
    assert str(path) in text


def test_direct_construction_converts_too():
    from symbiosis.model import Network

    d = tiny()
    d["demands"][1]["quantity"] = {"value": "0.06 kt", "source": "@test", "basis": "published"}
    assert Network.model_validate(d).demands[1].quantity.value == pytest.approx(60)
    d["demands"][1]["quantity"]["value"] = "60 m3"
    with pytest.raises(SymbiosisError, match=r"demands\[1\].quantity.value: '60 m3' is a volume"):
        Network.model_validate(d)


def test_a_comma_is_never_guessed():
    """'3,5' is 3.5 in Danish and 35 in English: refuse rather than guess."""
    with pytest.raises(ValueError, match="has a comma"):
        split_amount("3,5 Mm3")
    d = tiny()
    d["supplies"][0]["quantity"] = {"value": "1,200 t", "source": "@test", "basis": "published"}
    with pytest.raises(SymbiosisError, match=r"supplies\[0\].quantity.value: '1,200 t' has a comma"):
        network_from_dict(d)


def test_models_built_in_python_convert_too():
    from symbiosis.model import Network, Quantity, Supply

    net = network_from_dict(tiny())
    more = Supply(actor="plant", resource="steam",
                  quantity=Quantity(value=0.1, unit="kt", source="@test", basis="published"))
    data = net.model_dump()
    data["supplies"] = (more, *data["supplies"][1:])  # model_dump() gives tuples
    assert Network.model_validate(data).supplies[0].quantity.value == pytest.approx(100)
