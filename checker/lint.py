"""Warn of rule patterns that may backtrack catastrophically, before they ever meet real text.

Two checks. Statically, a group that repeats something itself repeated, or alternatives that can
match the same text, under an unbounded quantifier ("(a+)+", "(a|a)*"). Dynamically, every compiled
pattern is run on hostile probes (long runs of its own literal words and characters, digits,
blanks) under a short timeout: a pattern that needs longer is named."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.grammar import Grammar

PROBE_TIMEOUT = 0.25  # seconds a pattern may take on one probe
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
    for language in grammar.languages.values():
        for doc in language.rules.claims:
            for i, pattern in enumerate(doc.model.patterns):
                line, col = doc.where(("patterns", i, "pattern"))
                where = f"{doc.path}:{line}:{col}"
                if NESTED.search(pattern.pattern):
                    findings.append(Finding(where, f"nested or overlapping repetition may backtrack "
                                                   f"catastrophically [{doc.model.id}]"))
        for compiled in language.claims:
            doc = next(d for d in language.rules.claims if d.model.id == compiled.rule)
            index = next(i for i, p in enumerate(doc.model.patterns) if (p.id or f"p{i + 1}") == compiled.name)
            line, col = doc.where(("patterns", index, "pattern"))
            for probe in probes(doc.model.patterns[index].pattern):
                try:
                    compiled.regex.search(probe, timeout=PROBE_TIMEOUT)
                except TimeoutError:
                    findings.append(Finding(f"{doc.path}:{line}:{col}",
                                            f"took over {PROBE_TIMEOUT}s on {probe[:12]!r}… ({len(probe)} chars): "
                                            f"catastrophic backtracking [{compiled.rule}#{compiled.name}]"))
                    break
    return findings
