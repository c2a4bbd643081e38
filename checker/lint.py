"""Warn of rule patterns that may backtrack catastrophically, before they ever meet real text.

Two checks. Statically, on the pattern with its macros expanded (a slow group hidden in a lexicon macro
is seen), a group that repeats something itself repeated, or alternatives that can match the same text,
under an unbounded quantifier ("(a+)+", "(a|a)*"). Dynamically, every compiled pattern is run on hostile
probes (long runs of its own literal words and characters, digits, blanks) under a short timeout, as
extraction runs it: its halves from where a count ends and starts (a slow part after {count} is only
reached past a count), or, with no halves, whole around a number. A pattern that needs longer is named."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.extractor import WINDOW
from checker.grammar import Grammar

PROBE_TIMEOUT = 0.25  # seconds a pattern may take on one probe (the slowest bundled one: 4 ms on all of them)
NESTED = regex.compile(r"\((?:\?:)?(?:[^()\\]|\\.)*(?<!\\)[+*](?:[^()\\]|\\.)*\)[+*]|\((?:\?:)?([^()|\\]+)\|\1\)[+*]")
LITERAL = regex.compile(r"[\p{L}\p{N}]{3,}")


@dataclass(frozen=True)
class Finding:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def probes(source: str) -> list[str]:
    words = sorted(set(LITERAL.findall(source)), key=len, reverse=True)[:6]
    out = ["a" * 3000 + "!", "1" * 3000 + "x", "1 " * 1500 + "x", "1.000." * 500, " " * 3000 + "x",
           "-" * 3000, "ab" * 1500]
    for word in words:
        out += [(word + " ") * 400 + "!", word * 400 + "!"]
    return out


def lint(grammar: Grammar) -> list[Finding]:
    findings = []
    for language in grammar.languages.every():
        for compiled in language.claims:
            doc = next(d for d in language.rules.claims if d.model.id == compiled.rule)
            index = next(i for i, p in enumerate(doc.model.patterns) if (p.id or f"p{i + 1}") == compiled.name)
            line, col = doc.where(("patterns", index, "pattern"))
            where, name = f"{doc.path}:{line}:{col}", f"{compiled.rule}#{compiled.name}"
            if NESTED.search(compiled.source):
                findings.append(Finding(where, f"nested or overlapping repetition may backtrack catastrophically "
                                               f"(macros expanded) [{name}]"))
                continue
            slow = _slowest(compiled, probes(doc.model.patterns[index].pattern))
            if slow:
                findings.append(Finding(where, f"took over {PROBE_TIMEOUT}s on {slow[:12]!r}… ({len(slow)} chars): "
                                               f"catastrophic backtracking [{name}]"))
    return findings


def _slowest(compiled, hostile: list[str]) -> str | None:
    """The first probe on which the pattern runs out of time, run as extraction runs it: on as much text as
    it may look at (WINDOW each side of a count), its halves from where a count ends (forwards) and starts
    (backwards); whole, around a number, when it has no halves."""
    def cut(probe: str, size: int) -> str:  # as long as extraction lets a pattern look, its last mark kept
        return probe if len(probe) <= size else probe[:size - 1] + probe[-1]

    if compiled.after is not None:
        runs = [(half.match, cut(probe, WINDOW)) for probe in hostile
                for half in (compiled.after, compiled.before, compiled.ahead) if half is not None]
    else:
        runs = [(compiled.regex.search, cut(text, 2 * WINDOW)) for probe in hostile
                for text in (f"12 {probe}", f"{probe} 12")]
    for run, text in runs:
        try:
            run(text, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return text
    return None
