"""Keep the message catalogue whole: collect every message of the code, merge it into the Danish
catalogue, and compile the .mo the package ships.

    python scripts/messages.py            # update symbiosis/locale/da/LC_MESSAGES/symbiosis.po and compile the .mo
    python scripts/messages.py --check    # exit 1 if a message has no Danish or the .mo is stale

A message is the first argument of ``_()``, ``N_()``, ``gettext_in(lang, ...)``, both of ``ngettext()`` and the
second of ``pgettext()`` and ``NP_()`` anywhere under ``symbiosis/``. Phrases (context ``phrase``, the parts
of sentences the domain writes in English) are written in the .po by hand and kept. A new message gets an empty Danish
translation: fill it in, then run the script again to compile.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "symbiosis" / "locale" / "da" / "LC_MESSAGES" / "symbiosis.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2),
            "gettext_in": (2,)}
_CALL = re.compile(r"(?<![\w.])(_|N_|NP_|ngettext|pgettext|gettext_in)\(")
PHRASE = "phrase"


def extracted() -> dict[tuple[str | tuple, str | None], list]:
    """Every message of the code: (id, context) -> places."""
    found: dict = {}
    for file in sorted((ROOT / "symbiosis").rglob("*.py")):
        if not _CALL.search(file.read_text(encoding="utf-8")):   # most modules have no message: skip them fast
            continue
        path = file.relative_to(ROOT).as_posix()
        for line, msg, _comments, context in extract_from_file("python", file, keywords=KEYWORDS, comment_tags=()):
            if msg and not (isinstance(msg, tuple) and not msg[0]):
                found.setdefault((msg, context), []).append((path, line))
    return found


def load() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale="da", domain="symbiosis")


def merged(old: Catalog) -> Catalog:
    """The code's messages with the old catalogue's Danish; phrases kept; messages gone from the code dropped."""
    new = Catalog(locale="da", domain="symbiosis", project="symbiosis", header_comment=old.header_comment,
                  fuzzy=False, creation_date=old.creation_date, revision_date=old.revision_date)
    new.mime_headers = old.mime_headers
    for (msg, context), places in sorted(extracted().items(), key=lambda kv: kv[1][0]):
        key = msg[0] if isinstance(msg, tuple) else msg
        was = old.get(key, context=context)
        new.add(msg, was.string if was is not None else ("", "") if isinstance(msg, tuple) else "",
                locations=places, context=context)
    for m in old:
        if m.id and m.context == PHRASE:
            new.add(m.id, m.string, context=PHRASE)
    return new


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def missing(catalog: Catalog) -> list[str]:
    """Messages without a Danish translation."""
    return [str(m.id) for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                      and not all(m.string)))]


def main(argv: list[str]) -> int:
    catalog = merged(load())
    if "--check" in argv:
        stale = PO.with_suffix(".mo").read_bytes() != mo_bytes(load())
        bad = missing(catalog)
        for m in bad:
            print(f"no Danish for: {m!r}")
        if stale:
            print(f"{PO.with_suffix('.mo')} is older than the .po: run python scripts/messages.py")
        return 1 if bad or stale else 0
    with PO.open("wb") as f:
        write_po(f, catalog, width=116, sort_output=False, omit_header=False, include_lineno=False)
    PO.with_suffix(".mo").write_bytes(mo_bytes(load()))
    for m in missing(catalog):
        print(f"no Danish yet for: {m!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
