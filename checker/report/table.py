"""Tables for people: claims and comparison groups, made with tabulate and wrapped to the terminal."""

from __future__ import annotations

import os
from collections import Counter
import shutil
import sys
import textwrap

from tabulate import multiline_formats, tabulate

from checker.models import SLIPS, Claim, Group, Source, located, scope_label
from checker.report.escape import defused, markdown, printable, spreadsheet_safe

COLOURS = {"conflict": "\033[1;31m", "compatible": "\033[33m", "agree": "\033[32m", "single": "\033[2m"}
RESET = "\033[0m"
PADDING = 2  # tabulate's "simple" puts two spaces between columns


def terminal_width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _fit(widths: list[int | None], width: int) -> list[int | None]:
    """Give the flexible columns (None) what the fixed ones leave of the terminal."""
    fixed = sum(w for w in widths if w) + PADDING * len(widths)
    flexible = [i for i, w in enumerate(widths) if w is None]
    share = max(16, (width - fixed) // max(1, len(flexible)))
    return [share if w is None else w for w in widths]


def _wrap(rows: list[list[str]], widths: list[int | None]) -> list[list[str]]:
    """Wrap every cell to its column's width (textwrap breaks long words too: no 400-column line)."""
    def wrap(cell: str, w: int | None) -> str:
        if not w or len(cell) <= w:
            return cell
        return "\n".join(part for line in cell.split("\n") for part in textwrap.wrap(line, w) or [""])

    return [[wrap(cell, w) for cell, w in zip(row, widths, strict=True)] for row in rows]


def _render(headers, rows, widths, table_format: str, escape) -> str:
    if table_format in ("github", "pipe"):  # markdown: no wrapping, cells and headers escaped
        rows = [[markdown(c) for c in row] for row in rows]
        return defused(tabulate(rows, headers=[markdown(h) for h in headers], tablefmt=table_format,
                                disable_numparse=True))
    if table_format not in multiline_formats:  # one line per cell (tsv, html, latex …): the lines joined,
        # and no cell a spreadsheet would run as a formula
        flat = [[spreadsheet_safe(" · ".join(x for x in escape(c).split("\n") if x)) for c in row] for row in rows]
        return defused(tabulate(flat, headers=[spreadsheet_safe(escape(h).replace("\n", " ")) for h in headers],
                                tablefmt=table_format, disable_numparse=True))
    rows = [[escape(c) for c in row] for row in rows]
    return defused(tabulate(_wrap(rows, widths), headers=[escape(h) for h in headers], tablefmt=table_format,
                            disable_numparse=True))


def _where(claim: Claim) -> str:
    return f"{claim.source}:{claim.line}"


def _scope(claim: Claim) -> str:
    if claim.event:
        return claim.event
    return claim.scope.label() if claim.scope else ""


def _flagged(value: str, flags) -> str:
    """A value with its flags below it (a slip the text holds, or why it is not compared)."""
    return value + "".join(f"\n⚑ {flag}" for flag in flags)


def claims_table(claims: list[Claim], table_format: str = "simple", width: int | None = None) -> str:
    """extract: one row per claim, sorted as given: the claim (kind, value), its context (place, scope, who
    said it) and its evidence (where, and the exact words)."""
    headers = ["source:line", "claim", "place / scope / said by", "words"]
    rows = [[_where(c), _flagged(f"{c.kind}\n{c.value()}", c.flags), "\n".join(x for x in (c.place, _scope(c), c.attribution) if x),
             c.text] for c in claims]
    widths = _fit([26, 16, 22, None], width or terminal_width())
    return _render(headers, rows, widths, table_format, printable)


MARKS = (("*", "a source disagrees with itself"), ("↑", "a running total grew between publication dates"),
         ("↓", "a count with no scope is lower on a later day: a correction, or another incident"))


def _marks(group: Group) -> str:
    lower = any(n.startswith("a count with no scope is lower") for n in group.notes)
    return ("*" if group.within_source else "") + ("↑" if group.trend == "rising" else "") + ("↓" if lower else "") \
        + (" (accepted)" if group.accepted else "")


def groups_table(groups: list[Group], sources: dict[str, Source], table_format: str = "simple",
                 width: int | None = None, colour: bool = False) -> str:
    """compare: a block of rows per group (one row per claim); the verdict and the fact, stacked, on its first
    rows, so that four columns fit 80 characters. A value and a source:line are never cut where the terminal
    leaves room for them; the sentence's words take what is left."""
    headers = ["fact", "outlet, date / where", "value", "words"]
    rows = []
    for gi, group in enumerate(groups):
        if gi and table_format == "simple":
            rows.append([""] * len(headers))
        across = len({c.source for c in group.claims}) > 1
        head = "\n".join([group.verdict + _marks(group)]
                         + ([f"Δ {group.spread.split(' (')[-1].rstrip(')')}"] if across and "(" in group.spread else [])
                         + [group.kind + (f" ({group.subject})" if group.subject else ""), group.place or "—",
                            group.scope if group.claims[0].date else scope_label(group.scope)]
                         + (["breakdown"] if group.breakdown else []))
        for i, claim in enumerate(_by_date(group.claims, sources)):
            rows.append([head if i == 0 else "", _evidence(claim, sources), _flagged(claim.value(), claim.flags),
                         claim.text])
    widths = _columns([headers, *rows], width or terminal_width())
    table = _render(headers, rows, widths, table_format, printable)
    if colour and table_format not in ("github", "pipe"):
        table = _colour(table)
    used = {m for g in groups for m in _marks(g)}
    legend = [line for mark, meaning in MARKS if mark in used
              for line in textwrap.wrap(f"{mark} {meaning}", width or terminal_width(), subsequent_indent="  ")]
    if table_format not in ("github", "pipe"):  # which claims of each conflict disagree, and by how much
        legend += [line for g in groups if g.verdict == "conflict"
                   for note in g.notes if " against " in note
                   for line in textwrap.wrap(printable(f"✗ {g.kind} {g.place or ''}: {note}"), width or terminal_width(),
                                             subsequent_indent="  ", break_on_hyphens=False)]
    return table + ("\n" + "\n".join(legend) if legend else "")


WORDS_MIN = 12  # the sentence column never gets less than this


def _columns(rows: list[list[str]], width: int) -> list[int | None]:
    """Widths of the four columns (headers in the first row): the fact and the value as wide as their
    longest line (within limits), the evidence as wide as its longest source:line when the terminal leaves
    room, the words the rest. Columns stand PADDING apart."""
    def longest(k: int, cap: int) -> int:
        return min(cap, max(len(line) for row in rows for line in row[k].split("\n")))

    head, value = longest(0, 14), longest(2, 23)
    spaces = PADDING * (len(rows[0]) - 1)
    evidence = max(18, min(longest(1, 60), width - spaces - head - value - WORDS_MIN))
    words = max(WORDS_MIN, width - spaces - head - value - evidence)
    return [head, evidence, value, words]


def _evidence(claim: Claim, sources: dict[str, Source]) -> str:
    """Who said it and when (the outlet and the publication date, where known), then where: source:line."""
    source = sources.get(claim.source)
    said = ", ".join(x for x in (source.outlet if source else None,
                                 source.date.isoformat() if source and source.date else None) if x)
    where = located(claim, sources)
    return f"{said}\n{where}" if said else where


def _by_date(claims, sources: dict[str, Source]):
    def key(c):
        source = sources.get(c.source)
        return (source.date.isoformat() if source and source.date else "", c.source, c.line, c.column)

    return sorted(claims, key=key)


def _colour(table: str) -> str:
    """Colour each verdict word where it starts a line of the table body (the verdict column is first)."""
    out = []
    for line in table.split("\n"):
        word = line.split(" ", 1)[0].rstrip("*↑↓")
        if word in COLOURS:
            line = COLOURS[word] + word + RESET + line[len(word):]
        out.append(line)
    return "\n".join(out)


def summary(groups: list[Group], n_sources: int) -> str:
    counts = {v: sum(g.verdict == v for g in groups) for v in ("conflict", "compatible", "agree", "single")}
    claims = sum(len(g.claims) for g in groups)
    flagged = sum(1 for g in groups for c in g.claims if set(c.flags) & set(SLIPS))
    return (f"{len(groups)} groups from {claims} claims in {n_sources} sources: "
            + ", ".join(f"{n} {v}" for v, n in counts.items())
            + (f"; {flagged} claim{'s' * (flagged != 1)} flagged ⚑" if flagged else "")
            + (" (singles not listed: --singles lists them)" if counts["single"] else ""))


def matrix_table(groups: list[Group], sources: dict[str, Source], table_format: str = "simple",
                 width: int | None = None) -> str:
    """compare --by source: a row per fact, a column per outlet (its value or values), as many outlets as
    the terminal holds, those stating the most facts first; the others are named below."""
    def outlet(sid: str) -> str:
        source = sources.get(sid)
        return source.outlet if source and source.outlet else sid

    stated = Counter(outlet(c.source) for g in groups for c in {c.source: c for c in g.claims}.values())
    names = sorted(stated, key=lambda n: (-stated[n], n))
    rows = [[group.verdict + _marks(group), group.kind + (f" ({group.subject})" if group.subject else ""),
             group.place or "—", group.scope if group.claims[0].date else scope_label(group.scope)]
            for group in groups]
    fixed = [max(len(r[k]) for r in [["verdict", "kind", "place", "scope"], *rows]) for k in range(4)]
    fixed = [min(w, cap) for w, cap in zip(fixed, (13, 10, 14, 12))]
    cells = [{n: "; ".join(c.value() for c in g.claims if outlet(c.source) == n) for n in names} for g in groups]
    total = width or terminal_width()
    used, shown = sum(fixed) + PADDING * 3, []
    for name in names:
        column = min(16, max([len(w) for w in name.split()] + [len(cell[name]) for cell in cells] + [6]))
        if used + PADDING + column > total and table_format in multiline_formats:
            break
        used += PADDING + column
        shown.append((name, column))
    headers = ["verdict", "kind", "place", "scope", *("\n".join(textwrap.wrap(n, w)) for n, w in shown)]
    body = [row + [cell[n] for n, _ in shown] for row, cell in zip(rows, cells)]
    table = _render(headers, body, fixed + [w for _, w in shown], table_format, printable)
    rest = [n for n in names if n not in dict(shown)]
    if rest:
        note = f"{len(rest)} more outlet{'s' * (len(rest) != 1)} not shown (a wider terminal, or --format csv, " \
               f"holds them): " + ", ".join(rest)
        table += "\n" + "\n".join(textwrap.wrap(printable(note), total))
    return table


def explain_tables(result: dict) -> str:
    """explain: the numbers, dates and claims found, each with the rule that fired."""
    parts = []
    numbers = [[n["text"], n["value"], n["notation"], n["measure"] or "", n["rule"]] for n in result["numbers"]]
    dates = [[d["text"], _flagged(d["notation"], d.get("flags", ())), d["year_from"] or "unknown", d["rule"]]
             for d in result["dates"]]
    claims = [[c["kind"], _flagged(c["value"], c["flags"]), c["notation"], c["place"] or "", c["scope"] or c["event"] or "",
               c["attribution"] or "", f"{c['rule']}#{c['pattern']}", c["text"]] for c in result["claims"]]
    for title, headers, rows in (
            ("numbers", ["text", "value", "interval", "measure", "rule"], numbers),
            ("dates", ["text", "date", "year from", "rule"], dates),
            ("claims", ["kind", "value", "interval", "place", "scope", "said by", "rule", "words"], claims)):
        body = defused(tabulate([[printable(str(c)) for c in row] for row in rows], headers=headers,
                                disable_numparse=True)) if rows else "(none)"
        parts.append(f"{title}:\n{body}")
    parts.extend(f"problem: {p}" for p in result["problems"])
    return "\n\n".join(parts)


def evaluation_tables(evaluation, show: bool = True) -> str:
    """rules eval: the figures per kind, then (with `show`) every missed and spurious claim with its evidence."""
    rows = [[kind, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}", f["tp"], f["fp"], f["fn"]]
            for kind, f in evaluation.figures().items()]
    parts = [tabulate(rows, headers=["kind", "precision", "recall", "F1", "right", "spurious", "missed"],
                      disable_numparse=True)]
    if show and evaluation.missed:
        parts.append("missed:\n" + tabulate(
            [[f"{source}:{e.line}", e.kind, e.value, "; ".join(f"{c.notation()} {c.text!r}" for c in near) or "—",
              e.words or ""] for source, e, near in evaluation.missed],
            headers=["source:line", "kind", "expected", "found on that line", "words"], disable_numparse=True,
            maxcolwidths=[40, 9, 16, 30, 40]))
    if show and evaluation.spurious:
        parts.append("spurious:\n" + tabulate(
            [[f"{c.source}:{c.line}", c.kind, c.notation(), c.text] for c in evaluation.spurious],
            headers=["source:line", "kind", "found", "words"], disable_numparse=True, maxcolwidths=[40, 9, 16, 60]))
    parts.append(f"{evaluation.articles} annotated articles")
    return "\n\n".join(parts)
