"""Keep the message catalogue whole: collect every message of the code, merge it into the Danish
catalogue, and compile the .mo the package ships.

    python scripts/messages.py            # update symbiosis/locale/da/LC_MESSAGES/symbiosis.po and compile the .mo
    python scripts/messages.py --check    # exit 1 if a message has no Danish or the .mo is stale
    python scripts/messages.py --absorb   # move (English, Danish) pairs left in the word tables into the .po

A message is the first argument of ``_()``, ``N_()``, ``gettext_in(lang, ...)``, both of ``ngettext()`` and the
second of ``pgettext()`` and ``NP_()`` anywhere under ``symbiosis/``. Phrases (context ``phrase``, the parts
of sentences the assignment and the stream causes still write in English) are written in the .po by hand and
kept. A new message gets an empty Danish
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


#: The word tables that held (English, Danish) pairs before the catalogue: a branch from before it may add pairs.
TABLES = (("symbiosis/present/pagewords.py", "_WORDS"), ("symbiosis/present/social.py", "_W"))


def absorb() -> int:
    """Rewrite each (English, Danish) pair of :data:`TABLES` as ``N_("English")`` and put its Danish in the .po
    (an existing, different Danish is kept and reported). Returns the number of pairs moved."""
    import ast

    catalog, moved = load(), 0
    for name, table in TABLES:
        path = ROOT / name
        src = path.read_text(encoding="utf-8")
        starts = [0]
        for line in src.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))

        def at(node, end=False, src=src, starts=starts):
            line, col = (node.end_lineno, node.end_col_offset) if end else (node.lineno, node.col_offset)
            return starts[line - 1] + len(src.splitlines(keepends=True)[line - 1].encode()[:col].decode())

        edits = []
        for node in ast.walk(ast.parse(src)):
            target = getattr(node, "target", None) or (node.targets[0] if isinstance(node, ast.Assign) else None)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and getattr(target, "id", None) == table:
                for v in node.value.values:
                    if isinstance(v, ast.Tuple) and len(v.elts) == 2:
                        en, da = (ast.literal_eval(e) for e in v.elts)
                        was = catalog.get(en)
                        if was is not None and was.string and was.string != da:
                            print(f"kept the catalogue's Danish for {en!r}: {was.string!r} (the table said {da!r})")
                        else:
                            catalog.add(en, da)
                        edits.append((at(v), at(v, True), "N_(" + src[at(v.elts[0]):at(v.elts[0], True)] + ")"))
        for start, end, text in sorted(edits, reverse=True):
            src = src[:start] + text + src[end:]
        path.write_text(src, encoding="utf-8")
        moved += len(edits)
    with PO.open("wb") as f:
        write_po(f, catalog, width=116, sort_output=False, omit_header=False, include_lineno=False)
    return moved


def main(argv: list[str]) -> int:
    if "--absorb" in argv:
        print(f"moved {absorb()} pairs into the catalogue")
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
