"""Accepted conflicts: a baseline of today's conflicts, and an ignore file whose every entry gives a reason.

A conflict is known by its fingerprint (checker.report.ci.fingerprint): its kind, place, scope, and the
sources and values of its claims, never line numbers, so editing an article above a claim keeps it. A
new conflict, or a known one whose figures changed, has a new fingerprint and fails the build again."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import Problem, RuleError, UsageError
from checker.models import Group
from checker.report.ci import fingerprint
from checker.report.escape import printable

SCHEMA_VERSION = 1


class Ignored(BaseModel):
    """One ignore entry: which conflict, why, and until when."""

    model_config = ConfigDict(extra="forbid")
    fingerprint: str = Field(min_length=8, description="the conflict's fingerprint (JSON and SARIF outputs)")
    reason: str = Field(min_length=3, description="why it is accepted: 'the outlet corrected it on 3 Sept'")
    until: dt.date | None = Field(None, description="after this day the entry no longer applies")


class IgnoreFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ignore: list[Ignored]


def write(path: Path, groups: list[Group]) -> int:
    """Record today's conflicts; the number recorded."""
    entries = [{"fingerprint": fingerprint(g), "kind": g.kind, "place": g.place, "scope": g.scope,
                "claims": [{"source": c.source, "value": c.value()} for c in g.claims]}
               for g in groups if g.verdict == "conflict"]
    try:
        path.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "conflicts": entries}, ensure_ascii=False,
                                   indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--write-baseline {printable(str(path))}: cannot write: {exc.strerror or exc}") from None
    return len(entries)


def read_baseline(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {e["fingerprint"]: e for e in data["conflicts"]}
    except OSError as exc:
        raise UsageError(f"--baseline {printable(str(path))}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"--baseline {printable(str(path))}: not a baseline written by --write-baseline "
                         f"({printable(str(exc))})") from None


def read_ignores(path: Path, today: dt.date | None = None) -> dict[str, str]:
    """fingerprint -> reason, for the entries still in force."""
    from checker.rules import display_path, read_yaml

    try:
        data, positions = read_yaml(path)
        entries = IgnoreFile.model_validate(data).ignore
    except RuleError as exc:
        raise UsageError([replace(p, message=p.message.replace("rule file", "ignore file")) for p in exc.problems]) \
            from None
    except ValidationError as exc:
        first = exc.errors()[0]
        line = next((positions[loc][0] for k in range(len(first["loc"]), 0, -1)
                     if (loc := tuple(first["loc"][:k])) in positions), None)
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError([Problem(display_path(path), line, None, f"{where}: {first['msg']} (each entry needs a "
                                                                 f"fingerprint and a reason)")]) from None
    today = today or dt.date.today()
    return {e.fingerprint: e.reason for e in entries if e.until is None or e.until >= today}


def accept(groups: list[Group], baseline: dict[str, dict], ignores: dict[str, str]) -> tuple[list[Group], list[dict]]:
    """Mark the conflicts the baseline or the ignore file accepts; the baseline entries that no longer occur."""
    out, seen = [], set()
    for g in groups:
        if g.verdict == "conflict":
            key = fingerprint(g)
            seen.add(key)
            if key in ignores:
                g = replace(g, accepted=f"ignored: {ignores[key]}")
            elif key in baseline:
                g = replace(g, accepted="in the baseline")
        out.append(g)
    return out, [e for k, e in baseline.items() if k not in seen]
