"""Infeasibility diagnosis that names the bounds in conflict, in flows and in the CLI."""


import numpy as np
from click.testing import CliRunner

from flows import Problem, diagnose_bounds
from symbiosis.cli import main
from symbiosis.io import load_network, save_network
from symbiosis.model import Quantity
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


def test_bounds_in_conflict_by_hand():
    # node 0 needs 5 from an import capped at 3 (an inner arc 0->1 must carry at least 4, node 1 needs 2)
    p = Problem(n_nodes=2, tail=[-1, 0], head=[0, 1], rhs=[5, 2], upper=[3, 10], lower=[0, 4],
                costs={"cost": [1.0, 1.0]})
    everything = np.ones(2, bool)
    found = {(b.var, b.side): (b.bound, b.needed) for b in diagnose_bounds(p, relaxable=everything)}
    # 0->1 must carry exactly 2 (node 1's need), so node 0 must import 7
    assert found == {(0, "upper"): (3.0, 7.0), (1, "lower"): (4.0, 2.0)}
    # imports stay hard by default: then no inner bound alone can feed node 0 its 5
    assert diagnose_bounds(p) == []
    roomy = Problem(n_nodes=2, tail=[-1, 0], head=[0, 1], rhs=[1, 2], upper=[9, 10], lower=[0, 4])
    assert [(b.var, b.side, b.bound, b.needed) for b in diagnose_bounds(roomy)] == [(1, "lower", 4.0, 2.0)]
    assert diagnose_bounds(Problem(n_nodes=1, tail=[-1], head=[0], rhs=[5])) == []


def test_validate_names_the_observed_flow_to_change(tmp_path):
    net = load_network(TINY)
    q = lambda v: Quantity(value=v, source="@test", basis="published")  # noqa: E731
    streams = [s.model_copy(update={"observed": q(85.0)}) if s.id == "steam-to-pharma" else s for s in net.streams]
    path = tmp_path / "over.yaml"
    save_network(net.model_copy(update={"streams": tuple(streams)}), path)
    r = CliRunner().invoke(main, ["validate", str(path)])
    assert r.exit_code == 2
    assert "1 problem" in r.output and "(or change streams[0].observed from 85 to 80)" in r.output
