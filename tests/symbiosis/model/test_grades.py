"""Quality grades: a receiver takes only the grades it accepts (hand-solved fly-ash network)."""


import pytest
import yaml

from symbiosis.engine import compile_network, solve_network
from symbiosis.model import Network
from tests.conftest import error_text
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "grades.yaml"


def _data() -> dict:
    return yaml.safe_load(FIXTURE.read_text())


def _streams(result) -> dict[str, float]:
    return dict(zip(result.streams.stream, result.streams.flow, strict=True))


def test_grade_restriction_by_hand():
    # The cement works (80 t, cement grade only) gets all 40 t of cement-grade ash and buys 40 t virgin;
    # the roads take 20 t of road-fill; the other 40 t of road-fill is disposed of.
    # 60 t x 5 DKK transport + 40 t x 100 DKK virgin + 40 t x 50 DKK disposal = 6,300 DKK.
    r = solve_network(Network.model_validate(_data()))
    assert _streams(r) == pytest.approx({"ash-to-cement": 40.0, "cement-ash-to-roads": 0.0, "fill-to-roads": 20.0})
    assert r.totals["cost"] == pytest.approx(6_300.0)
    assert r.virgin.quantity.sum() == pytest.approx(40.0)
    assert r.disposal.quantity.sum() == pytest.approx(40.0)
    assert r.streams.set_index("stream").grade.to_dict()["fill-to-roads"] == "road-fill"


def test_widening_accepts_changes_the_optimum():
    # If the cement works also took road-fill ash, 40 t of it would go there: 100 t moved at 5 DKK = 500 DKK,
    # nothing bought or disposed of. The grade restriction alone costs 5,800 DKK a year.
    data = _data()
    data["demands"][0]["accepts"] = ["cement", "road-fill"]
    data["streams"].append({"id": "fill-to-cement", "supplier": "plant", "receiver": "cement",
                            "resource": "fly-ash", "grade": "road-fill", "start": 2010, "transport_cost": 5})
    r = solve_network(Network.model_validate(data))
    assert r.totals["cost"] == pytest.approx(500.0)
    assert _streams(r)["fill-to-cement"] == pytest.approx(40.0)


def test_each_grade_is_its_own_balance():
    c = compile_network(Network.model_validate(_data()))
    plant = c.nodes[c.nodes.actor == "plant"].set_index("grade")
    assert plant.supply.to_dict() == {"cement": 40.0, "road-fill": 60.0}
    # the cement-grade streams draw on the cement-grade balance only
    tails = c.problem.tail[:3]
    assert c.nodes.grade[tails[0]] == c.nodes.grade[tails[1]] == "cement"
    assert c.nodes.grade[tails[2]] == "road-fill"


def test_a_grade_the_receiver_does_not_accept_is_an_error():
    data = _data()
    data["streams"].append({"id": "fill-to-cement", "supplier": "plant", "receiver": "cement",
                            "resource": "fly-ash", "grade": "road-fill", "start": 2010})
    msg = error_text(data)
    assert "streams[3].grade" in msg
    assert "carries grade 'road-fill' but 'cement' accepts only grades cement" in msg
    assert "demands[0].accepts" in msg


def test_grade_must_be_supplied_and_named():
    data = _data()
    data["streams"][2]["grade"] = "cooling"
    msg = error_text(data)
    assert "streams[2].grade" in msg and "supplies no 'cooling' grade of 'fly-ash'; valid: cement, road-fill" in msg
    data = _data()
    del data["streams"][2]["grade"]
    msg = error_text(data)
    assert "streams[2].grade" in msg and "only in grades cement, road-fill" in msg


def test_grades_are_optional_and_duplicates_name_the_grade():
    data = _data()
    data["supplies"].append(dict(data["supplies"][0]))
    msg = error_text(data)
    assert "supplies[2]" in msg and "of grade 'cement'" in msg
    data = _data()
    data["demands"][0]["accepts"] = []
    assert "demands[0].accepts" in error_text(data)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_grades_survive_a_table_round_trip(tmp_path, fmt):
    from symbiosis.io.tables import read_tables, write_csv_folder, write_workbook

    net = Network.model_validate(_data())
    path = tmp_path / ("net.xlsx" if fmt == "xlsx" else "net")
    (write_workbook if fmt == "xlsx" else write_csv_folder)(net, path)
    back = read_tables(path)
    assert back.demands[0].accepts == ("cement",)
    assert [s.grade for s in back.supplies] == ["cement", "road-fill"]
    assert [s.grade for s in back.streams] == ["cement", "cement", "road-fill"]


def test_simulate_shows_each_grade():
    import json

    from click.testing import CliRunner

    from symbiosis.cli import main

    res = CliRunner().invoke(main, ["simulate", "--network", str(FIXTURE), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    # 15,000 DKK without symbiosis (100 t disposed at 50, 100 t bought at 100) less the 6,300 optimum
    assert doc["savings"]["optimised"]["cost_saved"] == pytest.approx(8_700.0)
    res = CliRunner().invoke(main, ["simulate", "--network", str(FIXTURE)], terminal_width=200)
    assert "fly-ash (road-fill)" in res.output and "fly-ash (cement)" in res.output
