"""compare --format html: one self-contained page for a person to read (inline CSS and SVG, no script, no
network), on a screen, a phone or paper.

At the top, what was compared; then a section per fact, conflicts first: its verdict and what it is, how
far apart the figures lie, a chart of each source's interval on one axis (a log axis when the figures span
orders of magnitude; a closed end filled, an open end hollow, an unbounded end an arrow; rows in as-of
order, so a growing toll reads as growth), and the evidence: outlet, date, `path:line`, the value, and the
sentence with the claim's words marked. Every piece of article text is escaped."""

from __future__ import annotations

import datetime as dt
import html
import math

from checker import __version__
from checker.models import SLIPS, Claim, Group, Source
from checker.report.escape import printable

COLOURS = {"conflict": "#b3261e", "compatible": "#9a6700", "agree": "#1a7f37", "single": "#57606a"}
WIDTH, LABEL, ROW, TOP, PAD = 640, 190, 24, 8, 36  # chart geometry, in SVG units
LOG_SPAN = 30  # figures whose largest is this many times the smallest are drawn on a log axis

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 1rem; max-width: 60rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 0; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; }
section { border: 1px solid var(--line); border-left: 6px solid var(--verdict); border-radius: 6px;
          padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.verdict { color: #fff; background: var(--verdict); border-radius: 4px; padding: 0 .4rem; font-size: .85rem;
           text-transform: uppercase; letter-spacing: .03em; margin-right: .4rem; }
.notes { color: var(--muted); margin: .3rem 0; padding-left: 1.2rem; }
svg { width: 100%; height: auto; max-width: 100%; display: block; margin: .4rem 0; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: .3rem .4rem; }
th { color: var(--muted); font-weight: 600; }
td.value { white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: 600; }
.where { font-family: ui-monospace, monospace; font-size: .8rem; color: var(--muted); overflow-wrap: anywhere; }
td.n { color: var(--muted); }
mark { background: #fff2a8; padding: 0 .1rem; }
.flag { color: #b3261e; font-size: .85rem; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; }
@media (max-width: 40rem) { body { padding: .5rem; } td.words { min-width: 14rem; } }
@media print { body { max-width: none; } section { border-left-width: 3px; } a { color: inherit; } }
"""


def report(groups: list[Group], sources: dict[str, Source], singles: bool = False) -> str:
    """The whole page. Facts only one source states are counted, and listed only with `singles`."""
    shown = [g for g in groups if singles or g.verdict != "single" or g.slips()]
    counts = {v: sum(g.verdict == v for g in groups) for v in COLOURS}
    claims = sum(len(g.claims) for g in groups)
    items = [f"<li>{len(sources)} sources</li>", f"<li>{claims} claims</li>", f"<li>{len(groups)} facts</li>"]
    items += [f'<li style="border-color:{COLOURS[v]}"><strong>{n}</strong> {v}</li>' for v, n in counts.items()]
    hidden = len(groups) - len(shown)
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>checker compare</title>", f"<style>{CSS}</style>", "</head>", "<body>",
             "<h1>How the sources' figures compare</h1>", f'<ul class="summary">{"".join(items)}</ul>']
    if hidden:
        parts.append(f"<p>{hidden} facts only one source states are not listed (<code>--singles</code> lists "
                     f"them).</p>")
    parts += [_section(k + 1, g, sources) for k, g in enumerate(shown)]
    parts += [f"<footer>checker {__version__}: verdicts are conflict (figures of one fact that cannot both be "
              f"true), compatible (they overlap, or a running total grew), agree, single.</footer>",
              "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _e(text) -> str:
    return html.escape(printable(str(text)), quote=True)


def _section(number: int, group: Group, sources: dict[str, Source]) -> str:
    fact = " · ".join(_e(x) for x in (group.kind + (f" ({group.subject})" if group.subject else ""),
                                      group.place, group.scope) if x)
    spread = f' <span class="spread">{_e(group.spread)}</span>' if group.spread else ""
    accepted = f" <em>accepted: {_e(group.accepted)}</em>" if group.accepted else ""
    notes = "".join(f"<li>{_e(n)}</li>" for n in group.notes)
    ordered = sorted(group.claims, key=lambda c: (_day(c, sources) or dt.date.max, c.source, c.line, c.column))
    return (f'<section id="fact-{number}" style="--verdict:{COLOURS[group.verdict]}">'
            f'<h2><span class="verdict">{_e(group.verdict)}</span>{fact}{spread}{accepted}</h2>'
            + (f'<ul class="notes">{notes}</ul>' if notes else "")
            + chart(ordered, group.verdict, sources)
            + '<div class="scroll"><table><thead><tr><th></th><th>outlet, date</th><th>value</th>'
              '<th>in its sentence, and where</th></tr></thead><tbody>'
            + "".join(_row(k + 1, c, sources) for k, c in enumerate(ordered)) + "</tbody></table></div></section>")


def _row(number: int, claim: Claim, sources: dict[str, Source]) -> str:
    source = sources.get(claim.source)
    outlet = source.outlet if source and source.outlet else claim.source
    day = _day(claim, sources)
    link = source.url if source and source.url and source.url.startswith(("https://", "http://")) else None
    who = f'<a href="{_e(link)}" rel="noopener noreferrer">{_e(outlet)}</a>' if link else _e(outlet)
    from checker.facts import NOT_JUDGED

    flags = [f for f in claim.flags if f in SLIPS or f in NOT_JUDGED]
    flagged = "".join(f'<div class="flag">⚑ {_e(f)}</div>' for f in flags)
    return (f'<tr><td class="n">{number}</td><td>{who}<br>{_e(day.isoformat()) if day else ""}</td>'
            f'<td class="value">{_e(claim.value())}{flagged}</td>'
            f'<td class="words">{_e(claim.before)}<mark>{_e(claim.text)}</mark>{_e(claim.after)}'
            f'<div class="where">{_e(claim.source)}:{claim.line}</div></td></tr>')


def _day(claim: Claim, sources: dict[str, Source]) -> dt.date | None:
    source = sources.get(claim.source)
    return claim.as_of or (source.date if source else None)


# --- the chart -----------------------------------------------------------------------------------------
def chart(claims: list[Claim], verdict: str, sources: dict[str, Source]) -> str:
    """An SVG of each claim's interval on one axis, a row each (class "mark"), in the given order."""
    from checker.facts import interval

    intervals = [interval(c) for c in claims]
    finite = [float(v) for i in intervals for v in (i.low, i.high) if v is not None]
    if not finite:
        return ""
    dates = claims[0].date is not None
    lo, hi = min(finite), max(finite)
    log = not dates and lo > 0 and hi / lo >= LOG_SPAN
    if lo == hi:
        lo, hi = (lo - 1, hi + 1) if dates else (lo * 0.9 if lo else -1, hi * 1.1 if hi else 1)
    x0, x1 = LABEL + 10, WIDTH - 20  # the axis; finite values lie within PAD of its ends, unbounded ones reach them
    a0, a1 = x0 + PAD, x1 - PAD

    def x(v: float) -> float:
        if log:
            return a0 + (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (a1 - a0)
        return a0 + (v - lo) / (hi - lo) * (a1 - a0)

    colour = COLOURS[verdict]
    height = TOP + ROW * len(claims) + 24
    out = [f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(verdict)}: each source\'s figure '
           f'on one {"logarithmic " if log else ""}axis">',
           f'<defs><marker id="arrow-{verdict}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" '
           f'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
           f'</defs>']
    for k, (claim, iv) in enumerate(zip(claims, intervals)):
        y = TOP + ROW * k + ROW / 2
        source = sources.get(claim.source)
        label = f"{source.outlet if source and source.outlet else claim.source}"
        day = _day(claim, sources)
        label = f"{k + 1} " + (label[:20] + "…" if len(label) > 21 else label) + (f" {day.isoformat()}" if day else "")
        a = x(float(iv.low)) if iv.low is not None else x0
        b = x(float(iv.high)) if iv.high is not None else x1
        line = (f'<line x1="{a:.1f}" y1="{y}" x2="{b:.1f}" y2="{y}" stroke="{colour}" stroke-width="3"'
                + (f' marker-start="url(#arrow-{verdict})"' if iv.low is None else "")
                + (f' marker-end="url(#arrow-{verdict})"' if iv.high is None else "") + "/>")
        ends = [_end(p, y, closed, colour) for p, closed, bounded in ((a, iv.low_inclusive, iv.low is not None),
                                                                     (b, iv.high_inclusive, iv.high is not None))
                if bounded]
        out.append(f'<g class="mark"><title>{_e(label)}: {_e(claim.value())}</title>'
                   f'<text x="0" y="{y + 4}">{_e(label)}</text>{line}{"".join(ends)}</g>')
    axis_y = TOP + ROW * len(claims) + 4
    out.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" stroke="#8c959f"/>')
    for value in _ticks(lo, hi, log):
        out.append(f'<text x="{x(value):.1f}" y="{axis_y + 15}" text-anchor="middle">{_e(_tick(value, dates, claims))}'
                   f'</text><line x1="{x(value):.1f}" y1="{axis_y - 3}" x2="{x(value):.1f}" y2="{axis_y + 3}" '
                   f'stroke="#8c959f"/>')
    out.append("</svg>")
    return "".join(out)


def _end(p: float, y: float, closed: bool, colour: str) -> str:
    fill = colour if closed else "#fff"
    return f'<circle cx="{p:.1f}" cy="{y}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2"/>'


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        return [10.0 ** k for k in range(math.ceil(math.log10(lo)), math.floor(math.log10(hi)) + 1)] or [lo, hi]
    return [lo, (lo + hi) / 2, hi]


def _tick(value: float, dates: bool, claims: list[Claim]) -> str:
    if not dates:
        return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.2g}"
    if claims[0].date.year is None:
        day = dt.date(2001, 1, 1) + dt.timedelta(days=int(value) - 1)
        return day.strftime("%d %b")
    return dt.date.fromordinal(int(value)).isoformat()
