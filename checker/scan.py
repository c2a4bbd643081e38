"""Run an expensive pattern only where a cheap pattern of its possible first words says it can start.

Numbers and dates are rare in text, and their patterns are large: trying them at every position costs
far more than finding, with one alternation of literal words, the few places where one could begin."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

import regex


def matches(pattern: regex.Pattern, starts: regex.Pattern, text: str, start: int = 0, end: int | None = None,
            timeout: float | None = None,
            branches: Callable[[str], Sequence[regex.Pattern]] | None = None) -> Iterator[regex.Match]:
    """The non-overlapping matches of `pattern`, left to right, tried only where `starts` matches.

    Equal to pattern.finditer(text) when every match of `pattern` begins where `starts` matches. `branches`,
    given the text `starts` matched, may name the branches of `pattern` (an alternation), in its order, that can
    begin there: they alone are tried, the first that matches wins, as in the alternation."""
    end = len(text) if end is None else end
    taken = start
    for candidate in starts.finditer(text, start, end, timeout=timeout):
        if candidate.start() < taken:
            continue
        m = None
        for branch in branches(candidate.group()) if branches else (pattern,):
            if m := branch.match(text, candidate.start(), end, timeout=timeout):
                break
        if m and m.end() > m.start():
            taken = m.end()
            yield m
