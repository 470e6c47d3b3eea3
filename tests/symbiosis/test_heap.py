"""symbiosis.heap.quiet_heap: the collector paused and the heap frozen within, as the caller had them after."""

from __future__ import annotations

import gc

import pytest

from symbiosis.heap import quiet_heap


def test_pauses_and_freezes_within_and_restores_after_an_error():
    before = gc.get_freeze_count()
    with pytest.raises(ZeroDivisionError), quiet_heap(freeze=True):
        assert not gc.isenabled() and gc.get_freeze_count() > before
        1 / 0  # noqa: B018
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_a_callers_frozen_heap_and_paused_collector_stay_so():
    gc.freeze()
    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        with quiet_heap(freeze=True):
            pass
        assert not gc.isenabled() and gc.get_freeze_count() >= frozen > 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_freeze_alone_leaves_the_collector_running():
    before = gc.get_freeze_count()
    with quiet_heap(pause=False, freeze=True):
        assert gc.isenabled() and gc.get_freeze_count() > before
    assert gc.isenabled() and gc.get_freeze_count() == before
