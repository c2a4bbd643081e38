"""Pausing Python's cyclic garbage collector while millions of objects that form no cycles are made, and
slowing it while rules are compiled."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def no_gc():
    """Compiling the rules, or grouping a million claims, builds millions of objects that are never cycles:
    each full collection would walk them all (a tenth of grouping's time), and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


COMPILING = (20_000, 10, 10)  # the collector's thresholds while rules are compiled (Python's are 700, 10, 10)


@contextmanager
def rare_gc():
    """Compiling the rules leaves garbage in cycles (the `regex` module's parse trees): paused, the collector
    let a first English compile reach 4.1 GB; left at its thresholds it took half as long again. Run every
    20,000 new objects instead of 700, it keeps the peak at 2.3 GB for some 15% more time than paused."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.set_threshold(*COMPILING)
    gc.enable()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()
