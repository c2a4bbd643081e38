"""compare for CI systems: SARIF 2.1.0 (GitHub code scanning and other viewers) and JUnit XML (test-report
views of GitLab, Jenkins, Azure). A conflict is a finding; its claims are where to look."""

from __future__ import annotations

import hashlib
import json

from checker import __version__
from checker.models import Claim, Group, Source
from checker.report.escape import printable
from checker.report.github import judged, outlet, where

INFO_URI = "https://github.com/checker-news/checker"
RULES = {  # verdict -> (level, what a finding of it means)
    "conflict": ("error", "Sources state one fact with figures that cannot both be true"),
    "compatible": ("warning", "Sources state one fact with different figures that may both be true (overlapping "
                              "bounds, a running total that grew)"),
}


def fingerprint(group: Group) -> str:
    """What identifies a finding from one run to the next: its kind, place, scope and the sources and values
    of its claims — never line numbers, so that editing an article above a claim keeps it."""
    claims = sorted({(c.source, c.notation()) for c in judged(group)})
    key = json.dumps([group.kind, group.place_id, group.scope, group.subject, claims], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _message(group: Group, sources: dict[str, Source]) -> str:
    title = " ".join(x for x in (group.kind, group.place, group.scope) if x)
    said = "; ".join(f"{outlet(c, sources)} {c.value()} (\"{printable(c.text)}\")" for c in judged(group))
    return f"{group.verdict}: {title}: {said}" + (f". {group.notes[-1]}" if group.notes else "")


def _location(claim: Claim, sources: dict[str, Source]) -> dict:
    path, line, column, note = where(claim, sources)
    region = {"startLine": max(1, line)}
    if column:
        region["startColumn"] = max(1, column)
    return {"physicalLocation": {"artifactLocation": {"uri": path.replace("\\", "/")}, "region": region},
            "message": {"text": f"{claim.value()}: \"{printable(claim.text)}\"{note}"}}


def sarif(groups: list[Group], sources: dict[str, Source], compatible: bool = False) -> dict:
    """A SARIF 2.1.0 log: one result per conflicting fact (and per compatible one when asked), located at its
    first claim, every other claim a related location. A rule per verdict and kind of figure
    (`conflict/deaths`), so that a viewer can filter by what is counted."""
    verdicts = ("conflict", "compatible") if compatible else ("conflict",)
    chosen = [g for g in groups if g.verdict in verdicts]
    ids = sorted({f"{g.verdict}/{g.kind}" for g in chosen})
    rules = [{"id": rule, "name": rule.replace("/", "-"),
              "shortDescription": {"text": f"{RULES[rule.split('/')[0]][1]}: {rule.split('/')[1]}"},
              "defaultConfiguration": {"level": RULES[rule.split("/")[0]][0]}, "helpUri": INFO_URI} for rule in ids]
    results = []
    for group in chosen:
        claims = judged(group)
        rule = f"{group.verdict}/{group.kind}"
        results.append({
            "ruleId": rule, "ruleIndex": ids.index(rule), "level": RULES[group.verdict][0],
            "message": {"text": _message(group, sources)},
            "locations": [_location(claims[0], sources)],
            "relatedLocations": [{"id": k + 1, **_location(c, sources)} for k, c in enumerate(claims[1:])],
            "partialFingerprints": {"figureFact/v1": fingerprint(group)},
            "properties": {"kind": group.kind, "place": group.place, "scope": group.scope,
                           "spread": group.spread, "notes": list(group.notes)},
        })
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "checker", "version": __version__, "informationUri": INFO_URI,
                                          "rules": rules}},
                      "results": results}]}


def junit(groups: list[Group], sources: dict[str, Source]) -> str:
    """JUnit XML: one test case per fact stated by two sources or more; a conflict is a failure, whose text
    lists every claim with its file and line."""
    from xml.sax.saxutils import escape, quoteattr  # imports urllib.request, ssl: only JUnit needs it

    cases = [g for g in groups if g.verdict != "single"]
    failures = sum(g.verdict == "conflict" for g in cases)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="checker compare" tests="{len(cases)}" failures="{failures}" errors="0">',
             f'  <testsuite name="checker compare" tests="{len(cases)}" failures="{failures}" errors="0" '
             f'skipped="0">']
    for group in cases:
        name = " ".join(x for x in (group.kind, group.place, group.scope) if x)
        lines.append(f"    <testcase classname={quoteattr(f'checker.{group.kind}')} name={quoteattr(_xml(name))}>")
        if group.verdict == "conflict":
            body = "\n".join(f"{_where_text(c, sources)}: {c.value()} \"{c.text}\"" for c in judged(group))
            lines.append(f"      <failure message={quoteattr(_xml(_message(group, sources)))} type=\"conflict\">"
                         f"{escape(_xml(body))}</failure>")
        else:
            lines.append(f"      <system-out>{escape(_xml(_message(group, sources)))}</system-out>")
        lines.append("    </testcase>")
    lines += ["  </testsuite>", "</testsuites>"]
    return "\n".join(lines)


def _where_text(claim: Claim, sources: dict[str, Source]) -> str:
    path, line, _, note = where(claim, sources)
    return f"{path}:{line}{note}"


def _xml(text: str) -> str:
    """Text XML 1.0 can hold, and a terminal shows as it is: control and format characters shown as U+XXXX
    (printable), and so are the two XML cannot hold."""
    return "".join(f"<U+{ord(ch):04X}>" if ch in "\ufffe\uffff" else ch for ch in printable(text))
