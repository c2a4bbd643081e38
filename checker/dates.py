"""Date expressions -> spans of days, from CLDR month and weekday names plus a language's dates.yaml."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

import regex

from checker import scan
from checker.models import DateSpan
from checker.numbers import FLAGS, NOT_WORD, WORD_START, alternation
from checker.schema import CalendarFile, DateFormat, DatesFile

OPENER = regex.compile(r"^(?:\(\?:)?([\p{L}]+)")  # a literal word a format opens with: "bulan" in "(?:bulan\s+)?"
WORDS = regex.compile(r"(?<![\\\p{L}])\p{L}{3,}")  # literal words of a pattern, not "s" of "\\s"
# a piece of a pattern: an escape (with its {name}), a character class, a group's opening, or one character
PIECE = regex.compile(r"\\[pPN]\{[^}]*\}|\\.|\[\^?\]?(?:\\.|[^\]])*\]|\(\?(?:<?[=!]|P<\w+>|P=\w+\)|[\w-]*:)?|.", regex.S)
ANY_LETTER = regex.compile(r"\\[pPwWSDX]|(?<!\\)\p{L}")  # in a class: what may stand for a letter
YEAR = r"(?:1[89]|2[01])\d\d"  # a year news text names: 1800 to 2199
FIRST_YEAR, LAST_YEAR = 1800, 2199  # the years YEAR reads: a year outside them is a slip
IMPLAUSIBLE_YEARS_AHEAD = 1  # a date written more years than this after publication is flagged
AHEAD_DAYS = 31  # an event dated without a year at most this long after its article may still be ahead
PLAUSIBLE_YEARS_AFTER = 5  # a weekday check looks this many years past the latest year an article names
RECENT_DAYS = 7  # a slipped month is read as the day of this last week that has the written weekday (_month_slip)


def written(pattern: str) -> frozenset[str] | None:
    """The words a format writes out where its match may begin with them: outside lookarounds (which match
    nothing), macros ({day}: a digit or a name), escapes and group syntax; None when a part of it may stand for
    any letter (a class of letters, \\p{L}): such a format may begin with any word."""
    kept = []  # the letters kept, and a blank for every other piece
    looking: list[bool] = []  # of each open group: whether it is a lookaround, or inside one
    for piece in PIECE.findall(regex.sub(r"\{[a-z_]+\}", " ", pattern)):
        if piece.startswith("(") and not piece.startswith("(?P="):  # a backreference opens no group
            looking.append(bool(looking and looking[-1]) or piece in ("(?=", "(?!", "(?<=", "(?<!"))
            kept.append(" ")
        elif piece == ")":
            if looking:
                looking.pop()
            kept.append(" ")
        elif not (looking and looking[-1]):
            if piece == "." or piece.startswith("(?P=") or piece.startswith("\\") and ANY_LETTER.match(piece) or (
                    piece.startswith("[") and (
                    not piece.startswith("[^\\S") if piece.startswith("[^") else ANY_LETTER.search(piece, 1))):
                return None  # may stand for a letter (a backreference, what it refers to): any word may begin it
            kept.append(piece.lower() if piece.isalpha() else " ")
    return frozenset("".join(kept).split())


def short_year(yy: int) -> int:
    """A year written in two digits, as Python's strptime reads %y (POSIX): 69 to 99 are the 1900s, 00 to 68 the
    2000s ('11/24/14' is 2014, 'DOB 10/18/97' 1997)."""
    return (1900 if yy >= 69 else 2000) + yy


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in a text; `year_from` says where its year came from (text, published, weekday, or None)."""

    start: int
    end: int
    text: str
    span: DateSpan
    weekday: int | None
    year_from: str | None
    format: str
    flags: tuple[str, ...] = ()  # weekday-mismatch: the weekday written beside it is not the date's
    relative: Relative | None = None  # how it resolves against the publication date ('kemarin', 'last Thursday')

    @property
    def unwritten(self) -> bool:
        """Whether its day is not written but read against the publication date ('kemarin', 'on Tuesday'); a day
        and month written whose year alone came from it ('the Jan. 19 shooting', '24 April lalu') is written."""
        return self.relative is not None and not self.relative.month_named


@dataclass(frozen=True, slots=True)
class Relative:
    """A date read against the publication date: its format (days, weeks, months, years, when), and whether the
    text named the month ('Mei tahun lalu') or not ('tahun lalu', 'Selasa lalu')."""

    format: DateFormat
    month_named: bool


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class DateGrammar:
    """Finds and reads the dates of one language."""

    def __init__(self, cal: CalendarFile, dates: DatesFile):
        self.dates = dates
        self.month_of: dict[str, int] = {}
        for source in (cal.months, dates.months):
            for month, names in source.items():
                for name in names:
                    self.month_of.setdefault(name.lower().rstrip("."), month)
        self.weekday_of: dict[str, int] = {}
        for source in (cal.weekdays, dates.weekdays):
            for day, names in source.items():
                for name in names:
                    self.weekday_of.setdefault(name.lower().rstrip("."), day)
        self.part_of = {p.lower(): tuple(days) for p, days in dates.parts.items()}
        self.fuzzy_names = []
        month = alternation(self.month_of)
        if dates.fuzzy and dates.fuzzy.max_errors:
            self.fuzzy_names = [n for n in self.month_of if len(n) >= dates.fuzzy.min_length]
            fuzzy = "|".join(f"(?:{regex.escape(n)}){{e<={dates.fuzzy.max_errors}}}" for n in self.fuzzy_names)
            month = f"(?:{month}|{WORD_START}(?:{fuzzy}){NOT_WORD})"
        self.weekday_name = alternation(self.weekday_of)  # any name of a weekday (claim patterns: {weekday_name})
        self.month_name = alternation(self.month_of)  # any name of a month (claim patterns: {month_name})
        self.builtins = {
            "day": r"(?P<day>(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d))",
            "month": f"(?P<month>{month})\\.?",
            "month_number": r"(?P<month_number>(?<!\d)(?:1[0-2]|0?[1-9])(?!\d))",
            # where a weekday says a date was meant, any day and month number: "Jumat (31/13)" is a slip to show
            "any_day": r"(?P<day>(?<!\d)\d{1,2}(?!\d))",
            "any_month_number": r"(?P<month_number>(?<!\d)\d{1,2}(?!\d))",
            # the first day (and month) of a range: "12 - 17 September 2017", "28 Agustus hingga 3 September"
            "first_day": r"(?P<day1>(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d))",
            "first_month": f"(?P<month1>{month})\\.?",
            "to": "(?:[^\\S\\n]*(?:--|[-–—])[^\\S\\n]*" + (  # a double hyphen is a dash typed: '5--6 Juni'
                f"|[^\\S\\n]+{alternation(dates.range_words, end='')}[^\\S\\n]+" if dates.range_words else "") + ")",
            "year": f"(?P<year>(?<!\\d){YEAR}(?!\\d))",
            # where a weekday says a date was meant, any year of four digits: "Kamis (24/7/2205)" is a slip to show
            "any_year": r"(?P<year>(?<!\d)\d{4}(?!\d))",
            # a year in two digits, as US date stamps write it ("(09/15/16)"): read as Python's strptime reads %y
            "short_year": r"(?P<short_year>(?<!\d)\d{2}(?!\d))",
            "weekday": f"(?P<weekday>{self.weekday_name})",
            "part": f"(?P<part>{alternation(self.part_of)})",
            "year_cue": alternation(dates.year_cues),
            "relative_cue": "(?:(?<=(?:^|[\\n.!?\"“”,(]|(?<![\\p{L}])" + (alternation(dates.relative_cues, end="")
                                                                         if dates.relative_cues else "(?!)")
                            + ")[^\\S\\n]{0,3}))",
        }
        # right after a claim's {date}: it was no year alone, the one format a year cue opens ("sejak 2011"); a
        # cue after a month is the month's year ("pada bulan Maret tahun 2023")
        self.not_year = (f"(?<!(?<!{month}\\.?\\s{{1,3}}){WORD_START}(?:{self.builtins['year_cue']})\\s{{1,3}}{YEAR})"
                         if dates.year_cues else "")

    def compile(self, expand) -> None:
        """Build the one date regex from the formats; `expand` substitutes {macros} (errors raise there)."""
        self.format_of = {f"f_{i}": fmt.id for i, fmt in enumerate(self.dates.formats)}
        self.relative_of = {f"f_{i}": fmt for i, fmt in enumerate(self.dates.formats) if fmt.relative}
        branches = [f"(?P<f_{i}>{expand(fmt.pattern, self.builtins)})" for i, fmt in enumerate(self.dates.formats)]
        self.regex = regex.compile("|".join(branches), FLAGS)
        # what joins two dates into a range: a range word or a dash, after an aside in brackets ('(H-10)')
        self.join = regex.compile(r"(?:[^\S\n]*\([^()\n]{1,20}\))?" + self.builtins["to"], FLAGS)
        # where a date can begin: a digit, a month, a weekday, a part of a month, or a word its formats open with
        openers = {w for fmt in self.dates.formats for w in OPENER.findall(fmt.pattern)}
        for i, fmt in enumerate(self.dates.formats):  # a relative date may open with any of its words
            if f"f_{i}" in self.relative_of:
                openers.update(WORDS.findall(regex.sub(r"\{[^}]*\}|\\p\{\w+\}", " ", fmt.pattern)))
        self.starts = regex.compile(r"(?<!\d)\d|" + alternation(
            [*self.month_of, *self.weekday_of, *self.part_of, *openers], end=""), FLAGS)
        # which formats can begin where `starts` matched a word: those that write out a word it begins or that
        # begins it, or that may begin with any letter; at a digit or a name, all (a month may be misspelt)
        self.names = {" ".join(n.split()) for n in (*self.month_of, *self.weekday_of, *self.part_of)}
        self.written = [written(fmt.pattern) for fmt in self.dates.formats]
        self.formats = [regex.compile(branch, FLAGS) for branch in branches]
        self.at_word: dict[str, tuple[regex.Pattern, ...]] = {}
        self.any = "(?:" + "|".join(expand(fmt.pattern, {k: regex.sub(r"\(\?P<\w+>", "(?:", v)
                                                          for k, v in self.builtins.items()})
                                    for fmt in self.dates.formats) + ")"

    def ranges(self, mentions: list[DateMention], text: str) -> list[DateMention]:
        """Two dates joined by a range word or a dash are one span: 'Kamis (15/6) hingga Rabu (28/6)', '15 Juni
        2017 hingga 11 Juli 2017', '15 Juni (H-10) sampai 28 Juni' (a short aside in brackets may follow the
        first). Only dates read to a day or month of one year, the first wholly before the second; relative
        dates stay apart ('kemarin hingga hari ini'). `mentions` sorted by start, years resolved."""
        out: list[DateMention] = []
        for m in mentions:
            a = out[-1] if out else None
            if (a is not None and a.end <= m.start and self.join.fullmatch(text, a.end, m.start)
                    and a.relative is None and m.relative is None and a.span.year is not None
                    and a.span.year == m.span.year and a.span.end < m.span.start):
                out[-1] = replace(a, end=m.end, text=text[a.start:m.end], span=DateSpan(a.span.year, a.span.start,
                                                                                        m.span.end),
                                  weekday=None, year_from=a.year_from if a.year_from == "text" else m.year_from,
                                  format="range", flags=(*a.flags, *(f for f in m.flags if f not in a.flags)))
                continue
            out.append(m)
        return out

    def find(self, text: str, timeout: float | None = None) -> list[DateMention]:
        """Every date in a text with the year as written (None when not written)."""
        return [d for m in scan.matches(self.regex, self.starts, text, timeout=timeout, branches=self._formats_at)
                if (d := self._mention(m))]

    def _formats_at(self, opener: str) -> tuple[regex.Pattern, ...]:
        """The formats, in order, that can begin where `starts` matched `opener` (see compile)."""
        found = self.at_word.get(opener)
        if found is None:
            key = " ".join(opener.lower().split())
            if key[:1].isdigit() or any(n.startswith(key) or key.startswith(n) for n in self.names):
                found = (self.regex,)
            else:
                found = tuple(f for f, words in zip(self.formats, self.written) if words is None or any(
                    w.startswith(key) or key.startswith(w) for w in words))
            self.at_word[opener] = found
        return found

    def parse(self, text: str, start: int = 0, end: int | None = None) -> DateMention | None:
        """The date that is exactly text[start:end] (what came before may still satisfy a lookbehind)."""
        m = self.regex.fullmatch(text, start, len(text) if end is None else end)
        return self._mention(m) if m else None

    def _month(self, name: str) -> int | None:
        key = name.lower().rstrip(".")
        if key in self.month_of:
            return self.month_of[key]
        best = min(self.fuzzy_names, key=lambda n: edit_distance(key, n), default=None)
        return self.month_of[best] if best else None

    def _mention(self, m: regex.Match) -> DateMention | None:
        g = m.groupdict()
        key = next((k for k, v in g.items() if k.startswith("f_") and v is not None), "")
        fmt, relative = self.format_of.get(key, ""), self.relative_of.get(key)
        try:
            month = self._month(g["month"]) if g.get("month") else (
                int(g["month_number"]) if g.get("month_number") else None)
            day = int(g["day"]) if g.get("day") else None
            year = int(g["year"]) if g.get("year") else (
                short_year(int(g["short_year"])) if g.get("short_year") else None)
            part = self.part_of.get(regex.sub(r"\s+", " ", g["part"].lower())) if g.get("part") else None
            weekday = self.weekday_of.get(g["weekday"].lower()) if g.get("weekday") else None
            if month is None and day is not None:
                return None
            if relative is not None:  # resolved against the publication date, by resolve()
                span = DateSpan.make(None, month, day, part) if month else DateSpan(None, (1, 1), (12, 31))
                return DateMention(m.start(), m.end(), m.group(), span, weekday, None, fmt,
                                   relative=Relative(relative, month is not None))
            span = DateSpan.make(year, month, day, part)
            if g.get("day1"):  # a range: from the first day (of the first month, else of the same) to this one
                first = DateSpan.make(year, self._month(g["month1"]) if g.get("month1") else month, int(g["day1"]))
                if first.start >= span.start:
                    return None  # '17 - 12 September', '28 Desember - 3 Januari': no range within one year
                span = DateSpan(year, first.start, span.end)
            elif g.get("month1"):  # a range of months: 'Oktober - November 2017', from the first one's first day
                first = DateSpan.make(year, self._month(g["month1"]))
                if first.start >= span.start:
                    return None
                span = DateSpan(year, first.start, span.end)
            if year is None and month is None:
                return None  # a weekday alone names no date we can state
        except ValueError:
            if weekday is None:
                return None  # 31 Februari, 14/13: not a date
            # "Jumat (31/13)": a date was meant and cannot be; shown, flagged, as the month or year it names
            span = DateSpan.make(year, month if month and 1 <= month <= 12 else None)
            return DateMention(m.start(), m.end(), m.group(), span, weekday, "text" if year else None, fmt,
                               ("impossible-date",))
        return DateMention(m.start(), m.end(), m.group(), span, weekday, "text" if year else None, fmt,
                           _slips(weekday, year, month, day))


def resolve(mentions: list[DateMention], published: dt.date | None) -> list[DateMention]:
    """Give a year to the dates written without one: from the publication date, else from the weekday.

    With a publication date, the year that puts the date nearest to it. Without one, a written weekday
    decides among the years the article makes plausible (from the latest year of a day it writes out in full to
    a few after: 'Pada 2003, atau empat belas tahun lalu' or 'pada 1990-an' tell of the past, not when it was
    written); when none or several fit, the year stays unknown."""
    named_years = [m.span.year for m in mentions if m.year_from == "text" and m.span.start == m.span.end]
    latest = max(named_years, default=None)
    out = []
    last_day: dt.date | None = None  # the day the text dated last: what 'dua hari kemudian' counts from
    for m in mentions:
        if out and out[-1].span.start == out[-1].span.end and (days := out[-1].span.dates()):
            last_day = days[0]
        if m.relative is not None:
            base = last_day if m.relative.format.after_previous else published
            try:
                span = _relative(m, base) if base is not None else None
                if span is not None:
                    span.dates()  # a year the calendar holds ('tahun lalu' in 0001 is no year)
            except (OverflowError, ValueError):
                span = None  # 'kemarin' in an article published on 0001-01-01
            if span is not None:  # with no publication date, 'kemarin' says nothing
                out.append(replace(m, span=span, year_from="published"))
            elif base is None and m.relative.month_named and m.span.start is not None:
                out.append(m)  # but '23 Agustus tahun lalu' says its day and month, of a year unknown
            continue
        if m.span.year is not None:
            ahead = published is not None and m.span.year > published.year + IMPLAUSIBLE_YEARS_AHEAD
            if ahead or not FIRST_YEAR <= m.span.year <= LAST_YEAR:
                m = replace(m, flags=(*m.flags, "implausible-year"))  # "Rabu (12/3/2061)" in a 2016 article
                if published is not None and "weekday-mismatch" in m.flags and m.span.year >= dt.MINYEAR:
                    m = _year_slip(m, published)  # 'Kamis (24/7/2205)' of Saturday 26 July 2025
            elif published is not None and "weekday-mismatch" in m.flags:
                slipped = _year_slip(m, published)  # 'Sabtu (14/6/2026)' of June 2025
                m = slipped if slipped is not m else _month_slip(m, published)  # 'Senin (2/5/2025)' of 2 June
            out.append(m)
            continue
        year, origin = None, None
        if published is not None:
            year, origin = _nearest_year(m.span, published), "published"
        elif m.weekday is not None and latest is not None and m.span.start == m.span.end:
            month, day = m.span.start
            fits = [y for y in range(latest, latest + PLAUSIBLE_YEARS_AFTER + 1)
                    if _valid(y, month, day) and dt.date(y, month, day).weekday() == m.weekday]
            if len(fits) == 1:
                year, origin = fits[0], "weekday"
        if year:
            m = replace(m, span=m.span.with_year(year), year_from=origin,
                        flags=_slips(m.weekday, year, *m.span.start) if m.span.start == m.span.end
                        and "impossible-date" not in m.flags else m.flags)
            if origin == "published" and "weekday-mismatch" in m.flags:
                m = _month_slip(m, published)
        out.append(m)
    return out


def _month_slip(m: DateMention, published: dt.date) -> DateMention:
    """'Minggu (15/8)' in an article of Monday 16 October 2017: 15 August was a Tuesday, weeks before the
    article, but 15 October, the day before it, was a Sunday. When the written day of the publication's month
    (or the month before) has the written weekday and lies in the last RECENT_DAYS while the date as written
    has it in no year near publication, the month is the slip: the date is read as that day (`date_from`
    weekday), still flagged."""
    written = m.span.dates()[0]
    month, day = m.span.start
    if abs((published - written).days) <= RECENT_DAYS or any(
            _valid(y, month, day) and dt.date(y, month, day).weekday() == m.weekday
            and dt.date(y, month, day) <= published + dt.timedelta(days=AHEAD_DAYS)
            for y in (published.year - 1, published.year + 1)):
        return m  # the day as written, in the year before (or soon after): no slip ('Sabtu (13/5)' of the May
        # before); never a year and more ahead ('Senin (27/8)' in an article of Monday 27 March 2017)
    months = (published.year * 12 + published.month - 1 - back for back in (0, 1))
    near = [dt.date(y, mo + 1, day) for y, mo in (divmod(n, 12) for n in months) if _valid(y, mo + 1, day)]
    near = [d for d in near if d.weekday() == m.weekday and 0 <= (published - d).days <= RECENT_DAYS]
    if len(near) != 1:
        return m
    return replace(m, span=_day(near[0]), year_from="weekday")


def _year_slip(m: DateMention, published: dt.date) -> DateMention:
    """'Sabtu (14/6/2026)' in an article of Friday 20 June 2025: 14 June 2026 is a Sunday and a year ahead, but 14
    June 2025, six days before the article, was a Saturday. When a date written with a year lies after its
    article and its weekday is not the date's, but the same day of the publication's year has that weekday and
    lies in the last RECENT_DAYS, the year is the slip: the date is read as that day (`date_from` weekday), still
    flagged."""
    if m.span.start != m.span.end or m.weekday is None or m.span.year == published.year:
        return m
    if m.span.dates()[0] <= published or not _valid(published.year, *m.span.start):
        return m
    day = dt.date(published.year, *m.span.start)
    if day.weekday() != m.weekday or not 0 <= (published - day).days <= RECENT_DAYS:
        return m
    return replace(m, span=_day(day), year_from="weekday")


def _relative(m: DateMention, published: dt.date) -> DateSpan | None:
    """The span a relative date stands for, given the day the article was published."""
    r, named = m.relative.format, m.relative.month_named
    if r.days is not None:
        return _day(published + dt.timedelta(days=r.days))
    if r.weeks is not None:
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=r.weeks)
        sunday = min(monday + dt.timedelta(days=6), dt.date(monday.year, 12, 31))  # a span stays in one year
        return DateSpan(monday.year, (monday.month, monday.day), (sunday.month, sunday.day))
    if r.months is not None:
        year, month = divmod(published.year * 12 + published.month - 1 + r.months, 12)
        return DateSpan.make(year, month + 1) if 1 <= year <= 9999 else None
    if r.years is not None:
        year = published.year + r.years
        return m.span.with_year(year) if named else DateSpan.make(year, None)
    if r.when is None:
        return None
    if not named:  # a weekday: 'Selasa lalu' (past), 'pada Selasa' (recent), 'next Tuesday' (next)
        if m.weekday is None:
            return None
        if r.when in ("next", "coming"):
            ahead = (m.weekday - published.weekday()) % 7
            return _day(published + dt.timedelta(days=ahead or (7 if r.when == "next" else 0)))
        back = (published.weekday() - m.weekday) % 7
        return _day(published - dt.timedelta(days=back or (7 if r.when == "past" else 0)))
    fits = [y for y in (published.year - 1, published.year, published.year + 1) if _valid(y, *m.span.start)]
    starts = {y: dt.date(y, *m.span.start) for y in fits}
    ends = {y: dt.date(y, *m.span.end) if _valid(y, *m.span.end) else dt.date(y, m.span.end[0], 28) for y in fits}
    if r.when == "next":
        year = min((y for y in fits if starts[y] > published), default=None)
    elif r.when == "coming":
        year = min((y for y in fits if ends[y] >= published), default=None)
    else:
        year = max((y for y in fits if (ends[y] if r.when == "past" else starts[y]) < published
                    or (r.when == "recent" and starts[y] == published)), default=None)
    return m.span.with_year(year) if year else None


def _day(day: dt.date) -> DateSpan:
    return DateSpan(day.year, (day.month, day.day), (day.month, day.day))


def happened(m: DateMention, published: dt.date | None) -> DateMention:
    """The date of an event that has happened: one written without a year, which the publication date put
    more than AHEAD_DAYS after it, took place the year before ('the June 29 gunfight', in an article of
    April). A weekday that fits the later year keeps it."""
    if m.year_from != "published" or published is None or m.span.year is None:
        return m
    first = m.span.dates()[0]
    if (first - published).days <= AHEAD_DAYS or not _valid(m.span.year - 1, *m.span.start):
        return m
    single = m.span.start == m.span.end
    if single and m.weekday is not None and "weekday-mismatch" not in m.flags:
        return m
    span = m.span.with_year(m.span.year - 1)
    flags = tuple(f for f in m.flags if f != "weekday-mismatch")
    return replace(m, span=span, flags=(*flags, *_slips(m.weekday, span.year, *span.start)) if single else flags)


def _slips(weekday: int | None, year: int | None, month: int | None, day: int | None) -> tuple[str, ...]:
    """'Selasa (14/12/2016)': 14 December 2016 was a Wednesday. The date is kept, with the slip flagged."""
    if weekday is None or year is None or month is None or day is None or not _valid(year, month, day):
        return ()
    return ("weekday-mismatch",) if dt.date(year, month, day).weekday() != weekday else ()


def _valid(year: int, month: int, day: int) -> bool:
    return dt.MINYEAR <= year <= dt.MAXYEAR and day <= calendar.monthrange(year, month)[1]


def _nearest_year(span: DateSpan, published: dt.date) -> int:
    def distance(year: int) -> int:
        if not _valid(year, *span.start):
            return 10**6
        start = dt.date(year, *span.start)
        end = dt.date(year, span.end[0], min(span.end[1], calendar.monthrange(year, span.end[0])[1]))
        if start <= published <= end:
            return 0
        return min(abs((published - start).days), abs((published - end).days))

    years = [y for y in (published.year - 1, published.year, published.year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
    return min(years, key=lambda y: (distance(y), -y))
