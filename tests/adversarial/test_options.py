"""Every command's options given bad values: exit 2 naming the flag, before any work, nothing written."""

from __future__ import annotations

import pytest

from tests.adversarial.harness import EXAMPLE, TINY_TEXT, Case, check, put
from tests.paths import EXAMPLES

NET = put("net.yaml", TINY_TEXT)
SOCIAL = str(EXAMPLES / "social-economy.yaml")


def flag(args: tuple[str, ...], name: str, *fragments: str, setup=NET, quiet: bool = True) -> Case:
    """``args`` refused naming the flag ``name``; ``quiet``: nothing else printed."""
    return Case(args, (f"error: {name}: ", *fragments), setup, quiet=quiet)


CASES = {
    # simulate
    "simulate-weights-nan": flag(("simulate", "net.yaml", "--weights", "cost=nan"), "--weights", "finite"),
    "simulate-weights-inf": flag(("simulate", "net.yaml", "--weights", "cost=inf"), "--weights", "finite"),
    "simulate-weights-negative": flag(("simulate", "net.yaml", "--weights", "cost=-1"), "--weights", "not a weight"),
    "simulate-weights-all-0": flag(("simulate", "net.yaml", "--weights", "cost=0,co2e=0"), "--weights",
                                   "every weight is 0"),
    "simulate-weights-unknown": flag(("simulate", "net.yaml", "--weights", "joy=1"), "--weights", "unknown weight"),
    "simulate-weights-no-number": flag(("simulate", "net.yaml", "--weights", "cost"), "--weights", "NAME=NUMBER"),
    "simulate-weights-empty-name": flag(("simulate", "net.yaml", "--weights", "=1"), "--weights", "NAME=NUMBER"),
    "simulate-objective": flag(("simulate", "net.yaml", "--objective", "joy"), "--objective"),
    "simulate-objective-weighted-no-carbon": Case(("simulate", "net.yaml", "--objective", "weighted"),
                                                   ("error: net.yaml: factors: ", "carbon_value"), NET, quiet=True),
    "simulate-format": flag(("simulate", "net.yaml", "--format", "xml"), "--format"),
    "simulate-lang": flag(("simulate", "net.yaml", "-o", "r.html", "--lang", "de"), "--lang"),
    "simulate-samples-negative": flag(("simulate", EXAMPLE, "--samples", "-1"), "--samples"),
    "simulate-samples-10-to-the-12": flag(("simulate", EXAMPLE, "--samples", "1000000000000"), "--samples"),
    "simulate-samples-text": flag(("simulate", EXAMPLE, "--samples", "many"), "--samples"),
    "simulate-seed-negative": flag(("simulate", EXAMPLE, "--seed", "-1"), "--seed"),
    "simulate-seed-2-to-the-80": flag(("simulate", EXAMPLE, "--seed", str(2**80)), "--seed"),
    "simulate-workers-0": flag(("simulate", EXAMPLE, "--workers", "0"), "--workers"),
    "simulate-batch-0": flag(("simulate", EXAMPLE, "--batch", "0"), "--batch"),
    "simulate-executor": flag(("simulate", EXAMPLE, "--executor", "gpu"), "--executor"),
    "simulate-scheduler-without-dask": flag(("simulate", EXAMPLE, "--scheduler", "tcp://127.0.0.1:1"),
                                            "--scheduler", "needs --executor dask"),
    "simulate-scheduler-not-an-address": flag(("simulate", EXAMPLE, "--executor", "dask", "--scheduler", "nowhere"),
                                              "--scheduler", "not a scheduler address"),
    "simulate-resume-0": flag(("simulate", "--resume", "0"), "--resume"),
    "simulate-resume-without-store": flag(("simulate", "--resume", "3"), "--store", "no run store"),
    "simulate-resume-no-store": flag(("simulate", "--resume", "3", "--no-store"), "--resume", "needs the run store"),
    "simulate-html-with-a-scenario": flag(("simulate", EXAMPLE, "-o", "r.html"), "--output", "for one network"),
    "simulate-tbl-with-html": flag(("simulate", "net.yaml", "--objective", "tbl", "-o", "r.html"), "--output"),
    "simulate-tbl-on-a-scenario": flag(("simulate", EXAMPLE, "--objective", "tbl"), "--objective",
                                       "does not apply to scenarios"),
    "simulate-sweep-on-a-network": flag(("simulate", "net.yaml", "--samples", "5"), "--samples",
                                        "needs a scenario file"),
    "simulate-no-store-on-a-network": flag(("simulate", "--no-store", "-n", "net.yaml"), "--no-store",
                                           "needs a scenario file", "drop it"),
    "simulate-sweeps-on-a-network": flag(("simulate", "net.yaml", "--samples", "5", "--seed", "2"),
                                         "--samples, --seed", "need a scenario file", "drop them"),
    "simulate-network-twice": flag(("simulate", "net.yaml", "--network", "net.yaml"), "NETWORK",
                                   "name the network once"),
    # score and factors
    "score-factor-negative-rate": flag(("score", SOCIAL, "--factor", "discount_rate=-5"), "--factor",
                                       "not a yearly rate"),
    "score-factor-nan": flag(("score", SOCIAL, "--factor", "discount_rate=nan"), "--factor", "finite"),
    "score-factor-unknown": flag(("score", SOCIAL, "--factor", "joy=1"), "--factor", "unknown social factor"),
    "score-factor-share-2": flag(("score", SOCIAL, "--factor", "sroi_deadweight=2"), "--factor", "not a share"),
    "score-min-hours-negative": flag(("score", "net.yaml", "--min-hours", "-5"), "--min-hours"),
    "score-min-hours-inf": flag(("score", "net.yaml", "--min-hours", "inf"), "--min-hours", "finite"),
    "score-min-hours-1e300": flag(("score", "net.yaml", "--min-hours", "1e300"), "--min-hours"),
    "score-group-weights-unknown": flag(("score", "net.yaml", "--group-weights", "planet=1"), "--group-weights"),
    "score-group-weights-negative": flag(("score", "net.yaml", "--group-weights", "economy=-1"), "--group-weights"),
    "score-indicator-weights-inf": flag(("score", "net.yaml", "--indicator-weights", "public_value=inf"),
                                        "--indicator-weights", "finite"),
    "score-targets-text": flag(("score", "net.yaml", "--targets", "x"), "--targets", "NAME=NUMBER"),
    "score-normalise": flag(("score", "net.yaml", "--normalise", "zscore"), "--normalise"),
    "score-weights-social-negative": flag(("score", "net.yaml", "--weights", "social=-1"), "--weights"),
    "factors-factor-share-2": flag(("factors", "net.yaml", "--factor", "sroi_deadweight=2"), "--factor", "not a share"),
    "factors-format": flag(("factors", "net.yaml", "--format", "xml"), "--format"),
    # sensitivity and conventions
    "sensitivity-spread-0": flag(("sensitivity", "net.yaml", "--spread", "0"), "--spread"),
    "sensitivity-spread-nan": flag(("sensitivity", "net.yaml", "--spread", "nan"), "--spread", "finite"),
    "sensitivity-spread-1": flag(("sensitivity", "net.yaml", "--spread", "1"), "--spread"),
    "sensitivity-top-0": flag(("sensitivity", "net.yaml", "--top", "0"), "--top"),
    "sensitivity-by": flag(("sensitivity", "net.yaml", "--by", "joy"), "--by"),
    "sensitivity-answer": flag(("sensitivity", "net.yaml", "--answer", "counterfactual"), "--answer"),
    "simulate-convention-unknown": flag(("simulate", "net.yaml", "--convention", "joy"), "--convention",
                                        "unknown convention"),
    "simulate-convention-on-a-scenario": flag(("simulate", EXAMPLE, "--convention", "biogenic-stack"),
                                              "--convention", "default convention"),
    "report-convention-unknown": flag(("report", "net.yaml", "--convention", "joy"), "--convention"),
    "score-lang": flag(("score", "net.yaml", "--lang", "de"), "--lang"),
    # design
    "design-gap-negative": flag(("design", "net.yaml", "--gap", "-1"), "--gap"),
    "design-gap-nan": flag(("design", "net.yaml", "--gap", "nan"), "--gap", "finite"),
    "design-gap-1": flag(("design", "net.yaml", "--gap", "1"), "--gap"),
    "design-time-limit-negative": flag(("design", "net.yaml", "--time-limit", "-5"), "--time-limit"),
    "design-time-limit-inf": flag(("design", "net.yaml", "--time-limit", "inf"), "--time-limit", "finite"),
    "design-discount-rate-3.5": flag(("design", "net.yaml", "--discount-rate", "3.5"), "--discount-rate"),
    "design-lifetime-0": flag(("design", "net.yaml", "--lifetime", "0"), "--lifetime"),
    "design-weights-nan": flag(("design", "net.yaml", "--weights", "cost=nan"), "--weights", "finite"),
    # pareto
    "pareto-points-1": flag(("pareto", "net.yaml", "--points", "1"), "--points"),
    "pareto-points-100000": flag(("pareto", "net.yaml", "--points", "100000"), "--points"),
    "pareto-x-unknown": flag(("pareto", "net.yaml", "--x", "joy"), "--x", "unknown measure"),
    "pareto-same-measure": flag(("pareto", "net.yaml", "--x", "cost", "--y", "cost"), "--y", "repeat"),
    "pareto-social-without-services": flag(("pareto", "net.yaml", "--y", "social"), "service_offers"),
    "pareto-out-suffix": flag(("pareto", "net.yaml", "-o", "front.txt"), "--output", ".csv or .json"),
    # stress, prices
    "stress-failures-0": flag(("stress", "net.yaml", "--failures", "0"), "--failures"),
    "stress-failures-too-many": flag(("stress", "net.yaml", "--failures", "100"), "--failures", "cannot fail at once"),
    "stress-samples-0": flag(("stress", "net.yaml", "--failures", "1", "--samples", "0"), "--samples"),
    "stress-samples-10-to-the-12": flag(("stress", "net.yaml", "--failures", "1", "--samples", "10" * 6),
                                        "--samples"),
    "stress-by": flag(("stress", "net.yaml", "--by", "resource"), "--by"),
    "stress-year-of-a-network": flag(("stress", "net.yaml", "--year", "2030"), "--year", "a network of 2020"),
    "stress-year-1800": flag(("stress", "net.yaml", "--year", "1800"), "--year"),
    "prices-objective": flag(("prices", "net.yaml", "--objective", "joy"), "--objective"),
    "prices-weights-inf": flag(("prices", "net.yaml", "--weights", "co2e=inf"), "--weights", "finite"),
    # metrics, report, show, new, export, runs
    "metrics-scope-unknown": flag(("metrics", "net.yaml", "--scope", "joy", "--format", "csv"), "--scope"),
    "metrics-by-month": flag(("metrics", "net.yaml", "--by", "month"), "--by"),
    "metrics-answer-by-year": flag(("metrics", "net.yaml", "--by", "year", "--answer", "optimised"), "--answer"),
    "report-pareto-one-measure": flag(("report", "net.yaml", "--pareto", "cost"), "--pareto", "give two or three"),
    "report-pareto-unknown": flag(("report", "net.yaml", "--pareto", "cost,joy"), "--pareto", "unknown measure"),
    "report-pareto-repeats": flag(("report", "net.yaml", "--pareto", "cost,cost"), "--pareto", "repeats"),
    "report-store-without-a-run": flag(("report", "net.yaml", "--store", "x.sqlite"), "--store", "not a run id"),
    "report-lang": flag(("report", "net.yaml", "--lang", "de"), "--lang"),
    "show-unknown-network": Case(("show", "atlantis"), ("'atlantis' is neither a file nor a bundled network",),
                                 quiet=True),
    "new-no-usable-id": flag(("new", "..."), "NAME", "no usable id"),
    "new-format": flag(("new", "harbour", "--format", "pdf"), "--format"),
    "export-format": flag(("export", "net.yaml", "--to", "pdf"), "--to"),
    "runs-show-0": flag(("runs", "show", "0"), "RUN_ID"),
    "runs-show-text": flag(("runs", "show", "one"), "RUN_ID"),
    "runs-export-suffix": flag(("runs", "export", "1", "-o", "x.txt"), "--output", ".csv or .parquet"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_option(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)
