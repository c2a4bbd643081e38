"""The small frozen records everything else passes around: intervals, quantities, dates, sources, claims, groups."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, fields
from decimal import Decimal
from operator import attrgetter

Number = int | float

# where a title's parts meet ('Five teens shot - WMC Action News 5 - Memphis, Tennessee'), and a web address's parts
_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014]\s+|\s*\|\s*")
_SECOND_LEVEL = {"co", "com", "or", "ac", "go", "net", "org", "gov", "edu", "web", "my", "sch"}
_INTERVAL = re.compile(r"^(~)?\s*(?:([\[(])\s*([-\d.eE+]*)\s*,\s*([-\d.eE+]*)\s*([\])])|([-\d.eE+]+))$")


def number(value: Decimal | Number) -> Number:
    """A Decimal as the plainest JSON number: 300000 rather than 300000.0."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def grouped(value: Number) -> str:
    """300000 -> '300,000'; 1.5 -> '1.5'."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}" if value >= 1e6 else f"{value:,}"


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of numbers between two ends, each open or closed; None is an unbounded end."""

    low: Number | None
    high: Number | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    @classmethod
    def point(cls, value: Number) -> Interval:
        return cls(value, value, True, True)

    @classmethod
    def parse(cls, text: str) -> tuple[Interval, bool]:
        """Interval notation as rule examples write it: '[300000,)', '(250,)', '~130000', '12'.

        Returns the interval and whether it was marked approximate ('~')."""
        m = _INTERVAL.match(text.strip())
        if not m or "--" in text:
            raise ValueError(f"not interval notation: {text!r} (write e.g. '[300000,)', '(250,)', '~130000', '12')")
        approx = bool(m.group(1))
        if m.group(6) is not None:
            return cls.point(number(Decimal(m.group(6)))), approx
        low = number(Decimal(m.group(3))) if m.group(3) else None
        high = number(Decimal(m.group(4))) if m.group(4) else None
        interval = cls(low, high, m.group(2) == "[" and low is not None, m.group(5) == "]" and high is not None)
        if low is not None and high is not None and low > high:
            raise ValueError(f"empty interval: {text!r}")
        return interval, approx

    def whole(self) -> bool:
        """Both ends, where there are ends, are whole numbers."""
        return all(v is None or float(v).is_integer() for v in (self.low, self.high))

    def notation(self) -> str:
        if self.low is not None and self.low == self.high:
            return str(self.low)
        left = "[" if self.low_inclusive and self.low is not None else "("
        right = "]" if self.high_inclusive and self.high is not None else ")"
        low = "" if self.low is None else str(self.low)
        high = "" if self.high is None else str(self.high)
        return f"{left}{low},{high}{right}"

    def scaled(self, factor: Decimal) -> Interval:
        def mul(v):
            return None if v is None else number(Decimal(str(v)) * factor)

        return Interval(mul(self.low), mul(self.high), self.low_inclusive, self.high_inclusive)

    def gap(self, other: Interval) -> float:
        """How far apart two intervals lie: 0 when they overlap (or touch at a closed end)."""
        if self.high is not None and other.low is not None and self.high <= other.low:
            if self.high == other.low and self.high_inclusive and other.low_inclusive:
                return 0.0
            return float(other.low - self.high) or 1e-12
        if other.high is not None and self.low is not None and other.high <= self.low:
            return other.gap(self)
        return 0.0

    def magnitude(self) -> float:
        return float(max(abs(v) for v in (self.low, self.high) if v is not None) or 0) if (
            self.low is not None or self.high is not None) else 0.0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count as written ('sedikitnya 300 ribu') and what it means (an interval)."""

    nominal: Interval  # the numbers as written: '~130000' has nominal [130000,130000]
    interval: Interval  # what it means: 'about 130,000' widened to [117000,143000]
    approximate: bool
    relation: str  # exact | gt | ge | lt | le | approx | nearly | range | vague

    def notation(self) -> str:
        return ("~" if self.approximate else "") + self.nominal.notation()

    def display(self) -> str:
        """The value as a reader writes it: '≥ 300,000', '> 250', '10,000–13,000', '≈ 130,000'."""
        n = self.nominal
        about = "≈ " if self.approximate else ""
        if n.low is not None and n.low == n.high:
            return about + grouped(n.low)
        if n.high is None:
            return about + ("≥ " if n.low_inclusive else "> ") + grouped(n.low)
        if n.low is None:
            return about + ("≤ " if n.high_inclusive else "< ") + grouped(n.high)
        low = n.low if n.low_inclusive or not isinstance(n.low, int) else n.low + 1
        high = n.high if n.high_inclusive or not isinstance(n.high, int) else n.high - 1
        return f"{about}{grouped(low)}–{grouped(high)}"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A span of days within one year, the year possibly unknown ('27 Februari' with no year in sight)."""

    year: int | None
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    @classmethod
    def make(cls, year: int | None, month: int | None, day: int | None = None,
             part: tuple[int, int] | None = None) -> DateSpan:
        """A year, a month of a year, a day, or a part of a month (days, 31 meaning the last day)."""
        if month is None:
            return cls(year, (1, 1), (12, 31))
        last = calendar.monthrange(year if year else 2000, month)[1]  # 2000: leap, so 29 Feb stays valid
        if day is not None:
            if not 1 <= day <= last:
                raise ValueError(f"day {day} out of range for month {month}")
            return cls(year, (month, day), (month, day))
        first, final = part or (1, last)
        return cls(year, (month, max(1, first)), (month, min(final, last)))

    def with_year(self, year: int | None) -> DateSpan:
        if year is None:
            return self
        return DateSpan.make(year, self.start[0], None, (self.start[1], self.end[1])) if (
            self.start[0] == self.end[0]) else DateSpan(year, self.start, self.end)

    def iso(self, which: str) -> str:
        month, day = self.start if which == "start" else self.end
        return f"{self.year:04d}-{month:02d}-{day:02d}" if self.year else f"--{month:02d}-{day:02d}"

    def notation(self) -> str:
        start, end = self.iso("start"), self.iso("end")
        return start if start == end else f"{start}/{end}"

    def dates(self) -> tuple[dt.date, dt.date] | None:
        if self.year is None:
            return None
        return dt.date(self.year, *self.start), dt.date(self.year, *self.end)

    def day_of_year(self) -> tuple[int, int]:
        """Start and end as days of a leap year: to compare spans whose year is unknown."""
        return (dt.date(2000, *self.start).timetuple().tm_yday, dt.date(2000, *self.end).timetuple().tm_yday)


@dataclass(frozen=True, slots=True)
class Source:
    """One article: where it came from and what is known of it."""

    id: str  # what users see: a path relative to the working directory, or a JSON Lines record's id
    path: str  # the file it was read from
    date: dt.date | None = None  # publication date
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None
    title: str | None = None
    record_line: int | None = None  # for a JSON Lines record: its line in the file

    def where(self, line: int) -> str:
        """Where a line of this article is, as a reader opens it: `path:line`; for a JSON Lines record, the
        record's line in the file, and the line within its text when that is not the first."""
        if self.record_line is None:
            return f"{self.id}:{line}"
        return f"{self.path}:{self.record_line}" + (f", line {line}" if line > 1 else "")

    @property
    def headline(self) -> str | None:
        """The title without the outlet's own part at its end ('… - WMC Action News 5 - Memphis, Tennessee'): cut
        from the first part after the first that names the outlet (its name, or its web address's)."""
        names = _outlet_names(self.outlet, self.url) if self.title else ()
        if not names:
            return self.title
        breaks = list(_TITLE_PARTS.finditer(self.title))
        for k, here in enumerate(breaks):
            letters = _letters(self.title[here.end():breaks[k + 1].start() if k + 1 < len(breaks) else None])
            if any(name in letters for name in names) or (len(letters) >= 4 and any(letters in n for n in names)):
                return self.title[:here.start()].rstrip(" -|\u2013\u2014")  # '… shot in fa -  - KFVS12'
        return self.title

    def record(self) -> dict:
        return {"source": self.id, "path": self.path, "date": self.date.isoformat() if self.date else None,
                "outlet": self.outlet, "url": self.url, "lang": self.lang}


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _outlet_names(outlet: str | None, url: str | None) -> set[str]:
    """The names an outlet goes by in its titles: its name as given ('kompascom', 'wmcactionnews5'), without its
    domain ending ('kompas'), and the name its web address registers ('wbrc' of www.wbrc.com)."""
    names = {_letters(outlet), _letters(outlet.rsplit(".", 1)[0])} if outlet else set()
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower() if url else ""
    labels = [x for x in host.split(".") if x and x != "www"][:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    if labels:
        names.add(_letters(labels[-1]))
    return {n for n in names if len(n) >= 3}


@dataclass(frozen=True, slots=True)
class Scope:
    """What a count covers: a window ('dalam 24 jam' -> PT24H), a period ('sejak 2011'), a running total, or
    what a claim pattern says it counts apart from the toll ('shot': everyone hit, dead or alive)."""

    kind: str  # window | since | total | counted
    key: str  # what groups compare on: 'PT24H', 'since 2011', 'total'
    text: str  # the words as written

    def label(self) -> str:
        return scope_label(self.key)


def scope_label(key: str | None) -> str:
    """A scope key as a table shows it: 'PT24H' -> '24h window', 'P1M' -> '1mo window', 'PT24H shot' -> '24h window
    shot' (a window of what a pattern counts)."""
    if not key:
        return "—"
    if key.startswith("P") and " " in key:
        window, counted = key.split(" ", 1)
        return f"{scope_label(window)} {counted}"
    m = re.fullmatch(r"PT(\d+(?:\.\d+)?)H", key)
    if m:
        hours = float(m.group(1))
        return f"{hours / 24:g}d window" if hours >= 48 and hours % 24 == 0 else f"{hours:g}h window"
    m = re.fullmatch(r"P(\d+)([MY])", key)
    if m:
        return f"{m.group(1)}{'mo' if m.group(2) == 'M' else 'y'} window"
    return key


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of one source, with its evidence and its context."""

    source: str
    line: int
    column: int
    text: str
    kind: str
    rule: str
    pattern: str
    offset: int
    quantity: Quantity | None = None
    date: DateSpan | None = None
    event: str | None = None
    place: str | None = None  # display name
    place_id: str | None = None
    scope: Scope | None = None
    attribution: str | None = None
    lang: str | None = None
    subject: str | None = None  # who is counted, when not people in general: children, police ...
    part: bool = False  # a part of a larger count ('including 70 children'): compared with its whole
    compared: bool = True  # false for kinds kept as evidence only (when a statement was made)
    as_of: dt.date | None = None  # the day the text says a figure stands at ('hingga Sabtu (14/6)')
    event_date: dt.date | None = None  # the day the counted event happened, when its clause says
    event_period: bool = False  # its event is dated only by a period's last day ('in 2015', 'last year')
    attacker_died: bool = False  # a death toll whose article says the attacker died too: it may count them or not
    origin_id: str | None = None  # where the counted people came from ('fled Rakhine')
    destination_id: str | None = None  # where they went ('ke Bangladesh')
    flags: tuple[str, ...] = ()  # superseded, furniture ...
    place_from: str | None = None  # how its place was named: text, speaker, bare, section (its heading's); or incident (its focus)
    date_from: str | None = None  # a date's year: text (written), published, weekday; relative ('kemarin')
    before: str = ""  # its sentence up to its words (at most CONTEXT characters): the evidence in context
    after: str = ""  # its sentence after its words

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.kind, self.rule)

    def value(self) -> str:
        if self.quantity:
            return self.quantity.display()
        return self.date.notation() if self.date else ""

    def notation(self) -> str:
        if self.quantity:
            return self.quantity.notation()
        return self.date.notation() if self.date else ""


# kinds of count, and the scope the rules give everyone hit, dead or alive (rules/<lang>/injured.yaml, `scope: shot`):
# everyone hit less the dead is the injured an article implies
INJURED, DEATHS, HIT, DATE = "injured", "deaths", "shot", "date"
VERDICTS = ("conflict", "compatible", "agree", "single")  # of a Group, worst first
SLIPS = ("weekday-mismatch", "fractional-count")  # flags that are findings of their own: a slip in the text


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about one fact (kind, place, scope or event), and the verdict on whether they agree."""

    kind: str
    place: str | None
    place_id: str | None
    scope: str | None  # the scope key, or the event for dates
    subject: str | None
    verdict: str  # conflict | compatible | agree | single
    claims: tuple[Claim, ...]
    within_source: bool = False  # two claims of one source disagree (reported, not judged a conflict)
    trend: str | None = None  # 'rising' when a running total grew between publication dates
    spread: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    incident: str | None = None  # the incident (checker.incidents) the fact belongs to
    breakdown: bool = False  # figures below their articles' own totals (some of the people), met only with like ones
    accepted: str | None = None  # a conflict a baseline or an ignore entry accepts: why (it fails no build)

    def slips(self) -> list[str]:
        """The slips its claims carry (a weekday that is not the date's …): reported even in a single."""
        return sorted({f for c in self.claims for f in c.flags if f in SLIPS})


_FIELDS: dict[type, tuple[dict[str, int], attrgetter]] = {}


def replaced(record, **changes):
    """dataclasses.replace for these records at half its cost (it checks each field anew on every call): a
    record's fields read at once, some changed, the record built from them in order. Grouping places tens of
    thousands of claims so."""
    cls = type(record)
    if cls not in _FIELDS:
        names = [f.name for f in fields(cls)]
        _FIELDS[cls] = {name: k for k, name in enumerate(names)}, attrgetter(*names)
    index, values_of = _FIELDS[cls]
    values = list(values_of(record))
    for name, value in changes.items():
        values[index[name]] = value
    return cls(*values)


def located(claim: Claim, sources: dict[str, Source]) -> str:
    """Where a claim stands, as a reader opens it (Source.where); its source id and line when the source is
    unknown (claims built by hand)."""
    source = sources.get(claim.source)
    return source.where(claim.line) if source else f"{claim.source}:{claim.line}"
