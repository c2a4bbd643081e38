"""compare --format github: GitHub Actions workflow commands that annotate the evidence of each conflict.

GitHub shows at most ten annotations of each type per step, so the most important come first (the
conflicts whose figures lie furthest apart) and a plain closing line says how many more there are. An
annotation points at the file and line a reviewer opens: for an article of a JSON Lines file, the record's
line in that file, with the line within its text in the message. Article text is escaped so that it can
never end the command or start another one."""

from __future__ import annotations

from checker.models import Claim, Group, Source
from checker.report.escape import defused, printable, workflow_data, workflow_property

SHOWN = 10  # annotations of one type that GitHub shows per step


def annotations(groups: list[Group], sources: dict[str, Source], compatible: bool = False) -> str:
    """An `::error` for each claim of a conflict; a `::warning` for each claim of a compatible group when
    `compatible`; agreeing and single facts are not annotated (the table and the step summary hold them)."""
    levels = [("error", [g for g in groups if g.verdict == "conflict"])]
    if compatible:
        levels.append(("warning", [g for g in groups if g.verdict == "compatible"]))
    lines, hidden = [], {}
    for level, chosen in levels:
        commands = [_command(level, group, claim, sources)
                    for group in sorted(chosen, key=_importance) for claim in judged(group)]
        lines.extend(commands[:SHOWN])
        if len(commands) > SHOWN:
            hidden[level] = len(commands) - SHOWN
    if hidden:
        more = ", ".join(f"{n} more {level}{'s' if n > 1 else ''}" for level, n in hidden.items())
        lines.append(f"checker: {more} not annotated (GitHub shows {SHOWN} of each type per step); "
                     f"the table lists them all")
    return "\n".join(lines)


def judged(group: Group) -> list[Claim]:
    """The claims a verdict was given on (not those shown as superseded or page furniture), else all."""
    from checker.facts import NOT_JUDGED

    return [c for c in group.claims if not set(NOT_JUDGED) & set(c.flags)] or list(group.claims)


def _importance(group: Group) -> tuple:
    """Conflicts whose figures lie furthest apart (relative to their size) first."""
    from checker.facts import interval

    claims = judged(group)
    intervals = [interval(c) for c in claims]
    gap = max((a.gap(b) / max(a.magnitude(), b.magnitude(), 1) for a in intervals for b in intervals), default=0)
    return (-gap, group.kind, group.place or "")


def where(claim: Claim, sources: dict[str, Source]) -> tuple[str, int, int | None, str]:
    """(file, line, column, note) to point at: a text file's own line; for a JSON Lines record, the record's
    line in the file and, in the note, the line within the record's text."""
    source = sources.get(claim.source)
    path = source.path if source else claim.source
    if source is not None and source.record_line is not None:
        return path, source.record_line, None, f" [record {source.id}, line {claim.line} of its text]"
    return path, claim.line, claim.column, ""


def _command(level: str, group: Group, claim: Claim, sources: dict[str, Source]) -> str:
    path, line, column, note = where(claim, sources)
    others = "; ".join(f"{outlet(c, sources)} {c.value()}" for c in judged(group)
                       if c is not claim and c.source != claim.source)
    title = f"{group.verdict}: {group.kind}" + "".join(f" {x}" for x in (group.place, group.scope) if x)
    message = f"{claim.value()} ({outlet(claim, sources)}: \"{claim.text}\"){note} against {others or 'itself'}"
    props = f"file={workflow_property(path)},line={line}" + (f",col={column}" if column else "") + \
            f",title={workflow_property(title)}"
    return f"::{level} {props}::{workflow_data(message)}"


def outlet(claim: Claim, sources: dict[str, Source]) -> str:
    """The outlet that published a claim, else its source id."""
    source = sources.get(claim.source)
    return (source.outlet if source and source.outlet else claim.source)


def step_summary(markdown: str) -> str:
    """The Markdown report as a step summary: inert, since GitHub renders it but never runs it."""
    return defused(printable(markdown))
