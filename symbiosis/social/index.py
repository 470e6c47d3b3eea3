"""The social index: an objective measure of the social bottom line against fixed, sourced targets.

Kalundborg's strategy asks for "større objektivitet i forhold til at måle den
sociale bundlinje" (pejlemærke 3). The index scores three indicators against
targets held in the social factor table (each row with its source):

=====================  =======  =============================================================
indicator              target   source
=====================  =======  =============================================================
framework_coverage     100 %    the 2021 framework agreement: every member has committed
agreement_coverage     100 %    the same: each member's own agreement was to follow
supported_share        10 %     CSR-mærke Aabenraa 2023 (10 % of employees in supported schemes);
                                Udvikling Assens 2024: 10 % for firms of 50 or more
=====================  =======  =============================================================

Each component is ``min(1, max(0, value / target))``; the index is their plain
mean, over the components with a value (a share of nothing, e.g.
``supported_share`` when no member has an employee count, is left out and
named). Reproducible by hand; not min-max over the compared answers, so a
small network cannot score 1 by being the best of three.
"""

from __future__ import annotations

from symbiosis.model import Factor

__all__ = ["INDEX_KEYS", "social_index", "targets"]

INDEX_KEYS = ("framework_coverage", "agreement_coverage", "supported_share")


def targets(factors: dict[str, Factor]) -> dict[str, Factor]:
    """The index's target rows of the social factor table, by indicator key."""
    return {k: factors[f"target_{k}"] for k in INDEX_KEYS if f"target_{k}" in factors}


def social_index(indicators: dict, factors: dict[str, Factor]) -> dict:
    """The social index of one answer's ``indicators`` against the targets of ``factors``.

    Returns
    -------
    dict
        ``index`` (0-1, None without any component), ``components`` (one dict per
        indicator: key, value, target, normalised, source), ``left_out`` (keys without
        a value) and ``method`` (``target``).

    Examples
    --------
    >>> from symbiosis.model import Factor
    >>> f = {f"target_{k}": Factor(factor=f"target_{k}", value=v, unit="share", source="test", basis="published")
    ...      for k, v in (("framework_coverage", 1.0), ("agreement_coverage", 1.0), ("supported_share", 0.1))}
    >>> r = social_index({"framework_coverage": 0.5, "agreement_coverage": 0.0, "supported_share": 0.2}, f)
    >>> round(r["index"], 4)           # (0.5 + 0 + min(1, 0.2 / 0.1)) / 3
    0.5
    """
    comps, left = [], []
    for key, row in targets(factors).items():
        value = indicators.get(key)
        if value is None or value != value:
            left.append(key)
            comps.append({"key": key, "value": None, "target": row.value, "normalised": None, "source": row.source})
            continue
        norm = min(1.0, max(0.0, value / row.value)) if row.value > 0 else None
        comps.append({"key": key, "value": float(value), "target": row.value, "normalised": norm,
                      "source": row.source})
    scored = [float(c["normalised"]) for c in comps if c["normalised"] is not None]
    return {"index": sum(scored) / len(scored) if scored else None, "components": comps, "left_out": left,
            "method": "target"}
