"""The shape of the library: ``__all__`` in every module of flows, numpy-style docstrings on what it names."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import flows

MODULES = sorted(info.name for info in pkgutil.iter_modules(flows.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_every_module_says_what_it_exports_and_documents_it(name):
    module = importlib.import_module(f"flows.{name}")
    assert hasattr(module, "__all__"), f"flows.{name} has no __all__"
    assert module.__doc__, f"flows.{name} has no docstring"
    undocumented = []
    for public in module.__all__:
        obj = getattr(module, public)  # every name in __all__ exists
        if getattr(obj, "__module__", None) != module.__name__:
            continue  # re-exported
        callables = [(public, obj)] if inspect.isfunction(obj) else []
        if inspect.isclass(obj):
            assert inspect.getdoc(obj), f"flows.{name}.{public} has no docstring"
            callables += [(f"{public}.{m}", f) for m, f in vars(obj).items()
                          if inspect.isfunction(f) and not m.startswith("_")]
        for label, f in callables:
            doc = inspect.getdoc(f) or ""
            takes = [p for p in inspect.signature(f).parameters if p != "self"]
            if not doc or (takes and "Parameters\n----------" not in doc):
                undocumented.append(label)
    assert not undocumented, f"flows.{name}: no numpy-style Parameters section in {undocumented}"
