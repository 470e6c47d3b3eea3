"""No string from a network file can add an attribute or an element to the stakeholder page.

Parsed with the standard library's HTML parser (the Chromium check is in
test_page_injection_browser.py): every attribute the page has is one the page
itself writes, whatever the names, ids, services and sources hold.
"""

from __future__ import annotations

from html.parser import HTMLParser

from click.testing import CliRunner

from symbiosis.cli import main
from tests.social_net import social_dict

PAYLOAD = ("cleaning\" onmouseover=\"alert(77)//' onfocus='alert(78)' <img src=x onerror=alert(79)> "
           "& javascript:alert(80)")


class _Attributes(HTMLParser):
    """Every (tag, attribute) of a page, outside <script> text."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value) for name, value in attrs]


def _attributes(html: str):
    parser = _Attributes()
    parser.feed(html)
    return parser.found


def test_a_service_name_with_quotes_cannot_add_an_attribute_to_the_social_table(tmp_path):
    """Issue 23: `cleaning" onmouseover="alert(77)//` in a service name ran script on hover (title="...")."""
    import yaml

    data = social_dict()
    for link in data["service_links"]:
        link["service"] = link["service"].replace("cleaning", PAYLOAD)
    for key in ("service_offers", "service_needs"):
        for row in data[key]:
            row["service"] = row["service"].replace("cleaning", PAYLOAD)
    net = tmp_path / "net.yaml"
    net.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "page.html"
    r = CliRunner().invoke(main, ["report", str(net), "-o", str(out), "--no-sensitivity"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "alert(77)" in html  # the name is on the page (as text)
    attrs = _attributes(html)
    assert [a for a in attrs if a[1].startswith("on")] == []
    assert {t for t, *_ in attrs} <= {"html", "meta", "script", "div", "section", "span", "p", "td", "a"}, attrs
