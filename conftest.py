"""Every test and doctest starts in the default money unit: the label currency is process-wide
(``symbiosis.model.money.use_currency``, set when a network is validated), so a test that loaded a network
in euros must not leave its labels to the next test in the same worker. Each distinct file text is parsed
once per worker (``_each_document_parsed_once``).

Also the order in which xdist hands modules to its workers (heaviest first, see below), and the option that
measures them."""

import json
import time
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (seeded by each test's name), so a run on a fresh machine
# is repeatable and never spends minutes shrinking a case that an earlier run did not meet. Exploring is
# `--hypothesis-profile long` (random, 1,000 examples; tests/conftest.py), which the plugin loads after this.
settings.register_profile("repeatable", derandomize=True)
settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _labels_in_dkk():
    from symbiosis.model.money import use_currency

    use_currency("DKK")
    yield
    use_currency("DKK")


@pytest.fixture(autouse=True, scope="session")
def _each_document_parsed_once():
    """The commands and loaders under test read the same files again and again (Kalundborg some 230 times in a
    run, the Danish factor table 300; 2,000 reads, 30 s of CPU): each distinct text is parsed by the real
    ``read_document`` once per worker, and every later read of the same file with the same text and label is
    handed a deep copy of that answer. ``read_document``'s answer is a function of the text, the file's suffix
    and its label, so every command still reads its files and gets what a fresh parse would give; a file that
    cannot be read or parsed fails every time, as before (nothing but successes is kept)."""
    import copy
    import sys
    import threading
    from collections import OrderedDict

    from symbiosis.io import documents

    read, parsed, lock = documents.read_document, OrderedDict(), threading.Lock()

    def read_once(path, label=None):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, AttributeError):
            return read(path, label)
        key = (str(path), label, text)
        with lock:
            known = parsed.get(key)
            if known is not None:
                parsed.move_to_end(key)
        if known is None:
            known = read(path, label)
            with lock:
                parsed[key] = known
                if len(parsed) > 64:  # the repository's files and the latest written ones
                    parsed.popitem(last=False)
        data, lines = known
        return copy.deepcopy(data), lines

    def swap(old, new):  # every module holding the name, those imported since the swap included
        for name, module in list(sys.modules.items()):
            if name.startswith("symbiosis") and getattr(module, "read_document", None) is old:
                module.read_document = new

    swap(read, read_once)
    yield
    swap(read_once, read)


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than the cores. Many tests wait (a process pool starting, a Dask
    cluster, a killed run's store, Chromium drawing a page); a third worker on two cores uses those waits."""
    import os

    return (os.cpu_count() or 1) + 1


# --- Scheduling: the heaviest units first ----------------------------------------------------------------------
# `--dist loadscope` hands each worker whole modules (the browser modules as one unit, below), in the order
# they were collected (`--no-loadscope-reorder` in pyproject.toml: xdist's own order, most tests first, left the
# long few-test modules, the README's commands, the docs site, the kills, for the end, where one of them alone
# kept a worker busy after the others had stopped). The units measured to take seconds go out first, longest
# first; tests/module-seconds.json holds the seconds each module keeps a worker busy (per test the larger of its
# CPU time, children's included, and its wall time: a test that waits for a process pool or a killed run holds
# its worker without using a core), refreshed on a quiet machine with
# `python -m pytest -n 0 --record-module-seconds tests/module-seconds.json`.
# Only which worker runs a module, and when, changes; every test runs as before.
WEIGHTS = Path(__file__).parent / "tests" / "module-seconds.json"


def pytest_addoption(parser):
    parser.addoption("--record-module-seconds", metavar="PATH", default=None,
                     help="write the seconds each module keeps a worker busy to PATH (per test the larger of its CPU "
                          "time, children's included, and its wall time), for the scheduling order; run with -n 0")


#: The modules that open pages in Chromium go to one worker together, as one unit: one browser started (2.7 s
#: of CPU each time) instead of one per worker that drew one of them.
BROWSER_UNIT = "the Chromium page modules (tests/**/*_browser.py)"


def _scope(nodeid: str) -> str:
    """The unit xdist hands to one worker: the module (or class) of a test, the browser modules as one."""
    if nodeid.split("::", 1)[0].endswith("_browser.py"):
        return BROWSER_UNIT
    return nodeid.rsplit("::", 1)[0]


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` with :func:`_scope`'s units."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

    return Units(config, log)


def pytest_collection_modifyitems(config, items):
    if getattr(config, "workerinput", None) is None:
        return  # not an xdist worker: one process runs everything, in the order written
    seconds: dict[str, float] = {}
    for module, s in (json.loads(WEIGHTS.read_text(encoding="utf-8")) if WEIGHTS.exists() else {}).items():
        seconds[_scope(module + "::")] = seconds.get(_scope(module + "::"), 0.0) + s
    first_seen: dict[str, int] = {}
    for item in items:
        first_seen.setdefault(_scope(item.nodeid), len(first_seen))
    items.sort(key=lambda item: (-seconds.get(_scope(item.nodeid), 0.0), first_seen[_scope(item.nodeid)]))


_busy_by_scope: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not item.config.getoption("record_module_seconds"):
        yield
        return
    cpu, wall = _cpu(), time.perf_counter()
    yield
    busy = max(_cpu() - cpu, time.perf_counter() - wall)
    module = item.nodeid.rsplit("::", 1)[0]  # its module (or class); the units are made of them when read
    _busy_by_scope[module] = _busy_by_scope.get(module, 0.0) + busy


def _cpu() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pytest_sessionfinish(session):
    path = session.config.getoption("record_module_seconds")
    if path and _busy_by_scope:
        heavy = {scope: round(s, 1) for scope, s in sorted(_busy_by_scope.items(), key=lambda kv: -kv[1]) if s >= 1.0}
        Path(path).write_text(json.dumps(heavy, indent=1) + "\n", encoding="utf-8")
