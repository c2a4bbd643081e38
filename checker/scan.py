"""Run an expensive pattern only where a cheap anchor pattern says it could match (the hot path)."""

from __future__ import annotations

from typing import Iterator

import regex


def windows(text: str, anchors: regex.Pattern, before: int, after: int,
            timeout: float | None = None) -> list[tuple[int, int]]:
    """Merged stretches [anchor - before, anchor end + after] around every anchor match."""
    out: list[list[int]] = []
    for m in anchors.finditer(text, timeout=timeout):
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def finditer(pattern: regex.Pattern, text: str, spans: list[tuple[int, int]],
             timeout: float | None = None) -> Iterator[regex.Match]:
    """pattern.finditer over each stretch, in order; lookbehinds still see the text before a stretch."""
    for lo, hi in spans:
        yield from pattern.finditer(text, lo, hi, timeout=timeout)
