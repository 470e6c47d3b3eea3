"""The public API of both packages, as the docstring and type checks read it.

Public means exported: every name in the ``__all__`` of ``flows``, ``symbiosis``
and each ``symbiosis`` subpackage, and the public methods and properties each
exported class defines itself (inherited pydantic or dataclass machinery is not
ours to document).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import symbiosis

PACKAGES = ["flows", "symbiosis"] + sorted(
    f"symbiosis.{m.name}" for m in pkgutil.iter_modules(symbiosis.__path__) if m.ispkg)


def _own_members(cls):
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if isinstance(member, property):
            member = member.fget
        if inspect.isfunction(member):
            yield name, member


def public_items(package: str) -> dict[str, object]:
    """Every exported function, class and class method of ``package``, by its defining dotted name."""
    module = importlib.import_module(package)
    items: dict[str, object] = {}
    for name in getattr(module, "__all__", []):
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", "").split(".")[0] not in ("flows", "symbiosis"):
            continue
        where = f"{obj.__module__}.{obj.__qualname__}"
        items[where] = obj
        if inspect.isclass(obj):
            for member_name, member in _own_members(obj):
                items[f"{where}.{member_name}"] = member
    return items
