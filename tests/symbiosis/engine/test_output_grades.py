"""Process outputs of a quality grade (Process.output_grades): hand-solved digestate network.

tests/fixtures/output-grades.yaml: a biogas plant digests its 100 t of biomass residue into 0.5 t of
digestate per t, of 'soil' grade. The park (20 t) takes any grade; the farm (60 t) only 'fertiliser'.
Digestate: virgin 100 DKK/t, disposal 50 DKK/t; biomass disposal 80 DKK/t; trucking 10 DKK/t.
"""

import json

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.engine import compile_network, solve_network
from symbiosis.errors import SymbiosisError
from symbiosis.model import Network
from tests.conftest import error_text
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "output-grades.yaml"


def _data() -> dict:
    return yaml.safe_load(FIXTURE.read_text())


def _fertiliser(data: dict) -> dict:
    """The same plant, its digestate of 'fertiliser' grade, with a truck to the farm too."""
    data["processes"][0]["output_grades"] = {"digestate": "fertiliser"}
    data["streams"][0]["grade"] = "fertiliser"
    data["streams"].append({"id": "digestate-to-farm", "supplier": "biogas", "receiver": "farm",
                            "resource": "digestate", "grade": "fertiliser", "start": 2010, "transport_cost": 10})
    return data


def test_soil_grade_output_goes_only_to_the_park():
    # Digesting saves 80 DKK of biomass disposal per t and makes 0.5 t digestate (at worst 25 DKK to dispose
    # of), so the digester runs flat out: 50 t of soil-grade digestate. The park takes 20 t (saving 100 - 10),
    # 30 t are disposed of, and the farm, which accepts only fertiliser, buys its 60 t virgin:
    # 20 x 10 + 30 x 50 + 60 x 100 = 200 + 1,500 + 6,000 = 7,700 DKK.
    r = solve_network(Network.model_validate(_data()))
    assert r.totals["cost"] == pytest.approx(7_700.0)
    assert r.processes.activity.tolist() == pytest.approx([100.0])
    assert r.streams.set_index("stream").flow.to_dict() == pytest.approx({"digestate-to-park": 20.0})
    assert r.streams.grade.tolist() == ["soil"]
    disposal = {(d.actor, d.resource, d.grade): d.quantity for d in r.disposal.itertuples()}
    assert disposal == pytest.approx({("biogas", "digestate", "soil"): 30.0})
    virgin = {(v.actor, v.resource, v.grade): v.quantity for v in r.virgin.itertuples()}
    assert virgin == pytest.approx({("farm", "digestate", None): 60.0})


def test_fertiliser_grade_output_moves_the_optimum():
    # Of fertiliser grade the farm may take it: all 50 t are used (20 park + 30 farm, or any split; both
    # trucks cost 10), nothing is disposed of and the farm buys only 30 t:
    # 50 x 10 + 30 x 100 = 3,500 DKK, 4,200 DKK less than with soil-grade digestate.
    r = solve_network(Network.model_validate(_fertiliser(_data())))
    assert r.totals["cost"] == pytest.approx(3_500.0)
    assert r.streams.flow.sum() == pytest.approx(50.0)
    assert r.disposal.empty
    assert r.virgin.quantity.sum() == pytest.approx(30.0)


def test_graded_output_is_its_own_balance_with_a_disposal_arc():
    c = compile_network(Network.model_validate(_data()))
    keys = list(zip(c.nodes.actor, c.nodes.resource, c.nodes.grade, strict=True))
    soil = keys.index(("biogas", "digestate", "soil"))
    assert ("biogas", "digestate", None) not in keys  # no ungraded digestate balance at the plant
    assert c.problem.conversion.toarray()[soil].tolist() == [0.5]  # the digester's output row
    assert c.problem.conversion.toarray()[keys.index(("biogas", "biomass", None))].tolist() == [-1.0]
    disposal = c.arcs[c.arcs.kind == "disposal"]
    assert soil in disposal.node.tolist()
    assert disposal.set_index("node").grade[soil] == "soil"
    assert c.problem.tail[0] == soil  # the park's stream draws on the soil-grade balance


def test_a_supply_row_and_an_output_of_the_same_grade_share_one_balance():
    # 10 t of stored soil-grade digestate join the 50 t made: 20 to the park, 40 disposed of:
    # 20 x 10 + 40 x 50 + 60 x 100 = 8,200 DKK.
    data = _data()
    data["supplies"].append({"actor": "biogas", "resource": "digestate", "grade": "soil",
                             "quantity": {"value": 10, "source": "@test", "basis": "published"}})
    net = Network.model_validate(data)
    c = compile_network(net)
    rows = c.nodes[(c.nodes.actor == "biogas") & (c.nodes.resource == "digestate")]
    assert rows.grade.tolist() == ["soil"] and rows.supply.tolist() == [10.0]
    r = solve_network(net)
    assert r.totals["cost"] == pytest.approx(8_200.0)
    assert r.disposal.set_index("grade").quantity["soil"] == pytest.approx(40.0)


def test_an_ungraded_output_beside_a_graded_one_keeps_its_own_balance():
    # A second process at the plant makes ungraded digestate: streams may carry either, and must say which.
    data = _data()
    data["processes"].append({**data["processes"][0], "id": "composter", "output_grades": {}})
    data["streams"].append({"id": "plain-to-park", "supplier": "biogas", "receiver": "park",
                            "resource": "digestate", "start": 2010, "transport_cost": 10})
    c = compile_network(Network.model_validate(data))
    plant = c.nodes[(c.nodes.actor == "biogas") & (c.nodes.resource == "digestate")]
    assert sorted(plant.grade, key=str) == [None, "soil"]
    conv = c.problem.conversion.toarray()
    assert conv[plant.index[plant.grade.isna()][0]].tolist() == [0.0, 0.5]  # composter -> ungraded
    assert conv[plant.index[plant.grade == "soil"][0]].tolist() == [0.5, 0.0]  # digester -> soil


# -- validation ---------------------------------------------------------------------------------------------

def test_an_output_grade_must_name_an_output():
    data = _data()
    data["processes"][0]["output_grades"] = {"biomass": "soil"}
    msg = error_text(data)
    assert "processes[0].output_grades.biomass" in msg
    assert "'biomass' is not an output of process 'digester'; valid: digestate" in msg


def test_a_stream_must_carry_the_grade_the_process_makes():
    data = _data()
    data["streams"][0]["grade"] = "fertiliser"
    msg = error_text(data)
    assert "streams[0].grade" in msg and "supplies no 'fertiliser' grade of 'digestate'; valid: soil" in msg
    data = _data()
    del data["streams"][0]["grade"]
    msg = error_text(data)
    assert "streams[0].grade" in msg and "only in grades soil; name the one this stream carries" in msg


def test_a_receiver_that_does_not_accept_the_output_grade_is_an_error():
    data = _data()
    data["streams"].append({"id": "digestate-to-farm", "supplier": "biogas", "receiver": "farm",
                            "resource": "digestate", "grade": "soil", "start": 2010})
    msg = error_text(data)
    assert "streams[1].grade" in msg
    assert "carries grade 'soil' but 'farm' accepts only grades fertiliser of 'digestate' (demands[0].accepts)" in msg


def test_a_bad_grade_name_names_the_field(tmp_path):
    data = _data()
    data["processes"][0]["output_grades"] = {"digestate": "Soil Grade"}
    path = tmp_path / "n.yaml"
    path.write_text(yaml.safe_dump(data))
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 2
    assert "processes[0].output_grades.digestate" in res.output
    assert "Traceback" not in res.output


# -- tables and export ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx", "yaml", "json"])
def test_output_grades_survive_export(tmp_path, fmt):
    from symbiosis.io import load_network

    res = CliRunner().invoke(main, ["export", str(FIXTURE), "--to", fmt, "-o",
                                    str(tmp_path / ("net" if fmt == "csv" else f"net.{fmt}"))])
    assert res.exit_code == 0, res.output
    back = load_network(tmp_path / ("net" if fmt == "csv" else f"net.{fmt}"))
    assert back.processes[0].output_grades == {"digestate": "soil"}
    assert back.model_dump() == load_network(FIXTURE).model_dump()


def test_the_ratio_sheet_carries_the_grade_on_the_output_row(tmp_path):
    from symbiosis.io.tables import write_csv_folder

    write_csv_folder(Network.model_validate(_data()), tmp_path)
    lines = (tmp_path / "process_ratios.csv").read_text().splitlines()
    assert lines == ["process,side,resource,ratio,grade", "digester,input,biomass,1.0,",
                     "digester,output,digestate,0.5,soil"]


def test_a_grade_on_an_input_row_is_an_error(tmp_path):
    from symbiosis.io.tables import read_tables, write_csv_folder

    write_csv_folder(Network.model_validate(_data()), tmp_path)
    ratios = tmp_path / "process_ratios.csv"
    ratios.write_text(ratios.read_text().replace("digester,input,biomass,1.0,", "digester,input,biomass,1.0,soil"))
    with pytest.raises(SymbiosisError) as e:
        read_tables(tmp_path)
    msg = str(e.value)
    assert "process_ratios.csv row 2, column 'grade'" in msg and "on an input row" in msg


def test_a_bad_grade_in_the_ratio_sheet_is_placed_at_its_cell(tmp_path):
    from symbiosis.io.tables import read_tables, write_csv_folder

    write_csv_folder(Network.model_validate(_data()), tmp_path)
    ratios = tmp_path / "process_ratios.csv"
    ratios.write_text(ratios.read_text().replace(",0.5,soil", ",0.5,Soil Grade"))
    with pytest.raises(SymbiosisError) as e:
        read_tables(tmp_path)
    assert "process_ratios.csv row 3, column 'grade'" in str(e.value)


def test_old_ratio_sheets_without_a_grade_column_still_read(tmp_path):
    from symbiosis.io.tables import read_tables, write_csv_folder

    data = _data()
    data["processes"][0]["output_grades"] = {}
    data["streams"][0].pop("grade")
    write_csv_folder(Network.model_validate(data), tmp_path)
    ratios = tmp_path / "process_ratios.csv"
    ratios.write_text("\n".join(line.rsplit(",", 1)[0] for line in ratios.read_text().splitlines()) + "\n")
    assert read_tables(tmp_path).processes[0].outputs == {"digestate": 0.5}


# -- what people see -------------------------------------------------------------------------------------------

def test_simulate_show_and_prices_name_the_output_grade():
    runner = CliRunner()
    res = runner.invoke(main, ["simulate", "--network", str(FIXTURE), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    # without symbiosis: 50 t digestate disposed (2,500) + 80 t bought (8,000) = 10,500; optimum 7,700
    assert doc["savings"]["optimised"]["cost_saved"] == pytest.approx(2_800.0)
    disposal = [c for c in doc["changes"] if c["what"] == "disposal"]
    assert [(c["grade"], c["observed"], c["optimised"]) for c in disposal] == [("soil", 50.0, 30.0)]
    res = runner.invoke(main, ["simulate", "--network", str(FIXTURE)], terminal_width=200)
    assert "digestate (soil)" in res.output
    res = runner.invoke(main, ["show", str(FIXTURE)], terminal_width=200)
    assert "1 t biomass -> 0.5 t digestate (soil)" in res.output
    res = runner.invoke(main, ["prices", "--network", str(FIXTURE), "--format", "json"])
    balances = {(b["actor"], b["resource"], b["grade"]): b["value_money_per_unit"]
                for b in json.loads(res.output)["balances"]}
    # one more t of soil-grade digestate at the plant is disposed of (-50); one more needed at the farm is bought (100)
    assert balances[("biogas", "digestate", "soil")] == pytest.approx(-50.0)
    assert np.isclose(balances[("farm", "digestate", None)], 100.0)


def test_a_graded_output_the_actor_uses_itself_is_an_error():
    # graded, the digestate would be a balance of its own: a second process at the plant could not take it
    data = _data()
    data["processes"].append({**data["processes"][0], "id": "dryer", "inputs": {"digestate": 1},
                              "outputs": {"biomass": 0.5}, "output_grades": {}})
    msg = error_text(data)
    assert "processes[0].output_grades.digestate" in msg
    assert "'biogas' uses 'digestate' itself (processes[1] ('dryer') takes it as an input)" in msg
    assert "leave this output ungraded" in msg
    data = _data()
    data["demands"].append({"actor": "biogas", "resource": "digestate",
                            "quantity": {"value": 5, "source": "@test", "basis": "published"}})
    assert "it has a demand of it at demands[2]" in error_text(data)


def test_an_observed_flow_beyond_the_graded_output_names_the_grade(tmp_path):
    # the digester makes at most 50 t of soil-grade digestate; 60 t recorded to the park cannot balance
    data = _data()
    data["demands"][1]["quantity"]["value"] = 100
    data["streams"][0]["observed"] = {"value": 60, "source": "@test", "basis": "published"}
    path = tmp_path / "n.yaml"
    path.write_text(yaml.safe_dump(data))
    res = CliRunner().invoke(main, ["simulate", "--network", str(path)])
    assert res.exit_code == 2
    assert "streams[0]: Biogas plant (biogas) lacks 10 t of 'digestate' of grade 'soil'" in res.output
    assert "raise the supply or process output of that grade" in res.output
    assert "streams[0].observed from 60 to 50" in res.output
