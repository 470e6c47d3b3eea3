"""Every indicator a framework, pejlemærke, design principle or view reads is read by a name that exists.

D4 read ``diverted_from_disposal`` with a default of 0 long after the indicator became
``diverted:<material>:<basis>``, so it said 0 t diverted. Reads go by declared names now, checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import symbiosis as sym
from symbiosis.accounting.indicators import INDICATOR
from symbiosis.accounting.materials import MEASURES, measured
from symbiosis.social import frameworks, social_factors
from symbiosis.social.index import targets

SOURCE = Path(sym.__file__).parent


def test_the_aims_read_only_indicators_that_exist():
    assert set(frameworks.INDICATORS_READ) <= set(INDICATOR)
    assert set(frameworks.MEASURES_READ) <= set(MEASURES)
    text = (SOURCE / "social" / "frameworks.py").read_text(encoding="utf-8")
    read = set(re.findall(r"""_read\(ind, ["'](\w+)["']\)""", text))
    assert read and read <= set(frameworks.INDICATORS_READ)
    assert not re.search(r"\bind\.get\(|\bind\[", text.replace("return ind.get(key)", "")), "read by _read only"
    assert set(re.findall(r"""measured\(ind, ["'](\w+)["']\)""", text)) <= set(frameworks.MEASURES_READ)


def test_an_unknown_name_is_an_error_not_zero():
    with pytest.raises(KeyError, match="diverted_from_disposal"):
        frameworks._read({"cost_saved": 1.0}, "diverted_from_disposal")
    with pytest.raises(KeyError, match="valid: virgin_avoided, diverted, moved_from_use, nutrient_avoided"):
        measured({}, "diverted_from_disposal")


def test_views_read_indicator_keys_that_exist():
    """Literal keys read from indicator dicts anywhere in the package (``indicators["x"]``, the page's
    ``today["x"]`` and ``best["x"]``) are indicator keys."""
    pattern = re.compile(r"""\b(?:indicators|today|best)\[["'](\w+)["']\]""")
    keys = {k for path in SOURCE.rglob("*.py") for k in pattern.findall(path.read_text(encoding="utf-8"))}
    assert keys and keys <= set(INDICATOR), keys - set(INDICATOR)


def test_every_social_index_target_names_an_indicator():
    net = sym.load_network("kalundborg")
    assert targets(social_factors(net))
    assert set(targets(social_factors(net))) <= set(INDICATOR)
