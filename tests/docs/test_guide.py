"""docs/guide.md, "Model your own park": its steps, scripted on the template, give a valid network."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from tests.docs.test_docs import blocks
from tests.paths import EXAMPLES, ROOT

GUIDE = ROOT / "docs" / "guide.md"


def test_the_guides_steps_on_the_template_give_a_valid_network(tmp_path, monkeypatch):
    """`symbiosis new`, then each YAML block of the guide replaces the template's sections it names, in
    order; `symbiosis validate` accepts the result, and it is the guide's finished file."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(main, ["new", "humleby"])
    assert r.exit_code == 0, r.output
    data = yaml.safe_load((tmp_path / "humleby.yaml").read_text(encoding="utf-8"))
    steps = [yaml.safe_load(body) for body in blocks(GUIDE, "yaml")]
    assert len(steps) >= 7 and all(isinstance(s, dict) for s in steps)
    for step in steps:
        assert set(step) <= set(data), f"the guide replaces a section the template lacks: {set(step) - set(data)}"
        data.update(step)
    (tmp_path / "humleby.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    r = runner.invoke(main, ["validate", "humleby.yaml"])
    assert r.exit_code == 0, r.output
    assert "humleby.yaml: valid (4 actors, 5 resources, 3 streams" in r.output
    assert data == yaml.safe_load((EXAMPLES / "guide" / "humleby.yaml").read_text(encoding="utf-8"))


def test_the_guides_park_is_labelled_invented_and_every_number_is_an_estimate_with_a_method():
    text = (EXAMPLES / "guide" / "humleby.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "invented" in data["name"] and "invented" in data["description"].lower()

    def provenances(node):
        if isinstance(node, dict):
            if "source" in node and "basis" in node:
                yield node
            for v in node.values():
                yield from provenances(v)
        elif isinstance(node, list):
            for v in node:
                yield from provenances(v)

    found = list(provenances(data))
    assert len(found) > 20
    assert all(p["source"] == "@estimate" and p["basis"] == "estimated" and p.get("method") for p in found)
    assert "packs" not in data  # no social-economy data, no jurisdiction pack (docs/packs.md)
