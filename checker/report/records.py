"""Records for machines: JSON (one document), JSON Lines (a record a line) and CSV, for extract and compare."""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from checker.api import CLAIM_FIELDS, SCHEMA_VERSION, claim_record
from checker.models import Claim, Group, Source
from checker.report.ci import fingerprint
from checker.report.escape import cell, json_text

GROUP_FIELDS = ("group", "verdict", "group_kind", "group_place", "group_scope", "within_source", "trend", "spread")


def dumps(value) -> str:
    return json_text(json.dumps(value, ensure_ascii=False, sort_keys=False))


def group_record(index: int, group: Group, sources: dict[str, Source]) -> dict:
    return {"group": index, "kind": group.kind, "place": group.place, "place_id": group.place_id,
            "scope": group.scope, "subject": group.subject, "verdict": group.verdict,
            "within_source": group.within_source,
            "trend": group.trend, "spread": group.spread, "notes": list(group.notes), "incident": group.incident,
            "breakdown": group.breakdown,
            "claims": [claim_record(c, sources.get(c.source)) for c in group.claims],
            "fingerprint": fingerprint(group), "accepted": group.accepted}


def write_claims(out: IO[str], fmt: str, results: Iterable[tuple[Source, list[Claim]]]) -> None:
    """extract --format json|jsonl|csv. JSON Lines and CSV stream, keeping nothing of an article once written
    (its source's record alone, kept for every article, grew a run over 50,000 articles by some 25 MB); JSON
    holds one document."""
    if fmt == "json":
        sources, claims = [], []
        for source, found in results:
            sources.append(source.record())
            claims.extend(claim_record(c, source) for c in found)
        out.write(dumps({"schema_version": SCHEMA_VERSION, "sources": sources, "claims": claims}) + "\n")
        return
    writer = csv.DictWriter(out, fieldnames=CLAIM_FIELDS, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for source, found in results:
        for claim in found:
            record = claim_record(claim, source)
            if writer:
                writer.writerow({k: cell(v) for k, v in record.items()})
            else:
                out.write(dumps(record) + "\n")


def write_groups(out: IO[str], fmt: str, groups: list[Group], sources: dict[str, Source]) -> None:
    """compare --format json|jsonl|csv."""
    records = [group_record(i + 1, g, sources) for i, g in enumerate(groups)]
    if fmt == "json":
        out.write(dumps({"schema_version": SCHEMA_VERSION,
                         "sources": [s.record() for s in sources.values()], "groups": records}) + "\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(dumps(record) + "\n")
    else:
        writer = csv.DictWriter(out, fieldnames=GROUP_FIELDS + CLAIM_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            head = {"group": record["group"], "verdict": record["verdict"], "group_kind": record["kind"],
                    "group_place": record["place"], "group_scope": record["scope"],
                    "within_source": record["within_source"], "trend": record["trend"], "spread": record["spread"]}
            for claim in record["claims"]:
                writer.writerow({k: cell(v) for k, v in {**head, **claim}.items()})
