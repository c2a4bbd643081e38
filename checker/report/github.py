"""compare --format github: GitHub Actions workflow commands that annotate the evidence of each group."""

from __future__ import annotations

from checker.models import Group, Source
from checker.report.escape import workflow_data, workflow_property

LEVEL = {"conflict": "error", "compatible": "notice", "agree": "notice", "single": "notice"}


def annotations(groups: list[Group], sources: dict[str, Source]) -> str:
    """One `::error file=…,line=…::…` per claim of a conflicting group (notices for the rest).

    Article text is escaped so that it can never end the command or start another one."""
    lines = []
    for group in groups:
        values = "; ".join(f"{c.source}:{c.line} {c.value()}" for c in group.claims)
        title = f"{group.verdict}: {group.kind} {group.place or ''} {group.scope or ''}".strip()
        for claim in group.claims:
            path = sources[claim.source].path if claim.source in sources else claim.source
            props = f"file={workflow_property(path)},line={claim.line},col={claim.column}," \
                    f"title={workflow_property(title)}"
            lines.append(f"::{LEVEL[group.verdict]} {props}::{workflow_data(claim.text + ' — ' + values)}")
    return "\n".join(lines)
