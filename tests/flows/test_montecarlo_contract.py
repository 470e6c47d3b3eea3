"""End to end (issue 22, bug 1): a Monte Carlo sample whose capacity falls below a take-or-pay contract is infeasible.

Kalundborg's steam line from Ørsted to Novo Nordisk carries a take-or-pay contract of 215,000 t a year (a
lower bound on the stream); the Novo Nordisk expansion scenario reinforces the line to 300,000 t from 2025.
With the line's capacity uncertain (x 0.5-1.0), every sample whose capacity is below the contract cannot
balance in any year from 2025, and every other sample carries between the contract and the capacity.
Kept bases (flows.variants) once answered such samples "optimal" with a flow outside the stream's bounds.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import yaml
from click.testing import CliRunner

from symbiosis.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "novo-nordisk-expansion.yaml"
STREAM, CONTRACT, LINE = "steam-orsted-novo-nordisk", 215_000.0, 300_000.0


def test_samples_with_a_capacity_below_the_contract_are_infeasible_in_every_year(tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert [u["distribution"] for u in data["uncertain"]] == ["triangular", "normal"]  # the draws below
    data["uncertain"].append({"name": "steam line capacity", "quantity": "capacity", "stream": STREAM,
                              "distribution": "uniform", "low": 0.5, "high": 1.0})
    scenario = tmp_path / "capacity.yaml"
    scenario.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    r = CliRunner().invoke(main, ["simulate", str(scenario), "--samples", "20", "--seed", "1", "--format", "csv",
                                  "--store", str(tmp_path / "runs.sqlite")])
    assert r.exit_code == 0, r.output
    feasible, flow = {}, {}
    for row in csv.DictReader(io.StringIO(r.stdout)):
        key = (int(row["year"]), int(row["sample"]))
        if row["scope"] == "network" and row["indicator"] == "feasible":
            feasible[key] = float(row["value"])
        elif row["scope"] == "stream" and row["item"] == STREAM and row["indicator"] == "flow":
            flow[key] = float(row["value"] or "nan")
    # sample k draws from default_rng([seed, k]): the steam price, the yeast cream, then the line's capacity
    capacity = {}
    for k in range(20):
        rng = np.random.default_rng([1, k])
        rng.triangular(0.8, 1.0, 1.25), rng.normal(1.0, 0.1)
        capacity[k] = LINE * rng.uniform(0.5, 1.0)
    short = {k for k, c in capacity.items() if c < CONTRACT}
    assert 3 <= len(short) <= 17  # the case tests both sides
    for year in range(2025, 2031):
        for k in range(20):
            if k in short:
                assert feasible[(year, k)] == 0.0, (year, k, capacity[k])
            else:
                assert feasible[(year, k)] == 1.0, (year, k, capacity[k])
                assert CONTRACT * (1 - 1e-9) <= flow[(year, k)] <= capacity[k] * (1 + 1e-9), (year, k)
