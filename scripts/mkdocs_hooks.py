"""MkDocs hooks: a navigation built from the pages that exist, and the API pages.

* ``on_config`` lists every page of ``docs/`` in the order of ``PREFERRED``,
  then any other page by its title, so a developer adding ``docs/foo.md``
  needs to touch nothing else.
* ``on_page_markdown`` fills the marker ``<!-- api-reference -->`` in
  ``docs/api.md`` with one mkdocstrings block per public module of
  ``symbiosis`` and ``flows``, so a new module appears in the reference by
  itself.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

PREFERRED = [
    "index.md", "tutorial.md", "guide.md", "commands.md", "data.md", "second-park.md", "report.md", "model.md",
    "accounting.md", "scores.md", "packs.md", "metrics.md", "scenarios.md", "benchmarks.md", "architecture.md",
    "data-sources.md", "api.md",
]
MARKER = "<!-- api-reference -->"


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def navigation(docs: Path) -> list:
    """The nav: preferred pages first, then the others by title."""
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    first = [p for p in PREFERRED if p in pages]
    rest = sorted((p for p in pages if p not in first), key=lambda p: _title(docs / p).lower())
    return [{"Home" if p == "index.md" else _title(docs / p): p} for p in first + rest]


def api_modules(root: Path) -> list[str]:
    """Public modules of ``symbiosis`` and ``flows`` (no ``_private`` ones, no ``__main__``)."""
    out = []
    for package in ("symbiosis", "flows"):
        out.append(package)
        for info in pkgutil.walk_packages([str(root / package)], prefix=f"{package}."):
            parts = info.name.split(".")
            if any(p.startswith("_") for p in parts) or parts[-1] in ("cli", "templates", "data"):
                continue
            out.append(info.name)
    return out


class _DoctestFences:
    """A Markdown extension: a docstring's ``>>>`` examples become ``pycon`` code blocks.

    Docstrings are Markdown to mkdocstrings; without this, an example's output
    such as ``[1, 2]`` after ``[f(x) for x in y]`` would read as a link.
    """

    def __new__(cls):
        from markdown import Extension
        from markdown.preprocessors import Preprocessor

        class Fence(Preprocessor):
            def run(self, lines):
                out, inside, fenced = [], False, False
                for line in lines:
                    if line.lstrip().startswith(("```", "~~~")) and not inside:
                        fenced = not fenced  # already a code block: leave it alone
                    starts = line.lstrip().startswith(">>>") and not fenced
                    if starts and not inside:
                        out.append("```pycon")
                        inside = True
                    elif inside and not line.strip():
                        out.append("```")
                        inside = False
                    out.append(line)
                if inside:
                    out.append("```")
                return out

        class Ext(Extension):
            def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
                md.preprocessors.register(Fence(md), "doctest_fences", 40)

        return Ext()


def on_config(config, **kwargs):
    config["nav"] = navigation(Path(config["docs_dir"]))
    config["markdown_extensions"].append(_DoctestFences())
    return config


def on_page_markdown(markdown: str, page, config, files, **kwargs):
    if MARKER not in markdown:
        return markdown
    root = Path(config["config_file_path"]).parent
    blocks = []
    for name in api_modules(root):
        blocks.append(f"::: {name}\n    options:\n      show_submodules: false\n")
    return markdown.replace(MARKER, "\n".join(blocks))


__all__ = ["navigation", "api_modules", "on_config", "on_page_markdown"]
