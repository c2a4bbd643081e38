"""Number expressions -> intervals, driven by one language's numbers.yaml and qualifiers.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from checker import scan
from checker.models import Interval, Quantity, number
from checker.schema import RELATIONS, NumbersFile, QualifiersFile

FLAGS = regex.IGNORECASE
LARGEST = Decimal(10) ** 15  # a larger number counts nothing checker compares (and would overflow a float)
SPACE = r"[^\S\n]+"  # blanks, never a line end: a claim stays on its line
NOT_WORD = r"(?![\p{L}\p{N}])"
WORD_START = r"(?<![\p{L}\p{N}])"


def alternation(phrases, boundary: bool = True, end: str = NOT_WORD) -> str:
    """An alternation of literal phrases, as a trie (the regex module does not factor alternations, and a
    list of 2,000 place names is ten times faster so); a blank in a phrase matches any run of blanks.

    With `boundary`, a phrase that starts (ends) with a letter or digit must not continue a word there;
    the guards are put once around each group of phrases, not around every phrase (compiling is slow).
    The longest phrase wins: at every branch the longer way is tried first."""
    groups: dict[tuple[bool, bool], dict] = {}
    for phrase in set(" ".join(p.split()) for p in phrases):
        if not phrase:
            continue
        key = (boundary and phrase[:1].isalnum(), boundary and phrase[-1:].isalnum())
        node = groups.setdefault(key, {})
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    parts = []
    for (start, stop), tree in sorted(groups.items()):
        parts.append((WORD_START if start else "") + "(?:" + _trie(tree) + ")" + (end if stop else ""))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _trie(node: dict) -> str:
    branches = [(SPACE if ch == " " else regex.escape(ch)) + _trie(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True, slots=True)
class Mention:
    """A number expression found in a text, with what it means and which rules made it."""

    start: int
    end: int
    text: str
    quantity: Quantity
    qualifiers: tuple[str, ...]  # relation names that fired: ('approx', 'gt')
    measure: str | None  # a unit after it ('jam', 'persen'): then it counts no people


class NumberGrammar:
    """Reads and writes the regular expressions of one language's numbers, and parses what they match."""

    def __init__(self, numbers: NumbersFile, qualifiers: QualifiersFile, decimal: list[str], group: list[str]):
        self.numbers, self.qualifiers = numbers, qualifiers
        self.decimal, self.group = decimal, group
        self.lexicon: dict[str, tuple[str, Decimal]] = {}
        for kind in ("words", "multipliers", "adders", "scales", "alone_scales", "articles"):
            for word, value in getattr(numbers, kind).items():
                self.lexicon.setdefault(word.lower(), (kind, Decimal(str(value))))
        for kind, words in (("decimal", numbers.decimal_words), ("negative", numbers.negatives)):
            for word in words:
                self.lexicon.setdefault(word.lower(), (kind, Decimal(0)))
        self.suffixes = {w: Decimal(str(v)) for w, v in numbers.suffixes.items()}  # case as written: 3M, 3m
        self.vague = {w.lower(): Interval.parse(v)[0] for w, v in numbers.vague.items()}
        self.relation_of = {p.lower(): rel for rel in RELATIONS for p in getattr(qualifiers.relations, rel)}

        # "tiga-tiganya" is no number unless the language joins number words with a hyphen ("twenty-one")
        self.end = NOT_WORD if "-" in numbers.word_separators else r"(?![\p{L}\p{N}]|-[\p{L}\p{N}])"
        alt = self.alternation
        sep_chars = "".join(regex.escape(s) for s in numbers.word_separators)
        sep = f"(?:{SPACE}|[^\\S\\n]*[{sep_chars}][^\\S\\n]*)" if sep_chars else SPACE
        joiner = f"(?:{alt(numbers.joiners)}{sep})?" if numbers.joiners else ""
        words = alt(numbers.words)
        tokens = alt([*numbers.words, *numbers.multipliers, *numbers.adders, *numbers.scales,
                              *numbers.alone_scales])
        scales = alt([*numbers.scales, *numbers.multipliers])
        articles = alt(numbers.articles)
        first = f"(?:{words}|{alt(numbers.alone_scales)}|{articles}(?={sep}{scales}))"
        digit_words = [w for w, v in numbers.words.items() if 0 <= v <= 9 and v == int(v)]
        decimals = digit_decimals = ""  # "two point two million", "1 point 1"
        if numbers.decimal_words and digit_words:
            point = f"{sep}{alt(numbers.decimal_words)}{sep}"
            decimals = f"(?:{point}(?:(?:{alt(digit_words)})(?:{sep}{alt(digit_words)})*|\\d+)(?:{sep}{scales})*)?"
            digit_decimals = f"(?:{point}\\d+)?"
        negative = ""  # "minus five"; a sign ("-5") touches the number and follows no word or number
        if words := [w for w in numbers.negatives if w[:1].isalnum()]:
            negative += f"{alt(words)}{SPACE}"
        if signs := [w for w in numbers.negatives if not w[:1].isalnum()]:
            negative += ("|" if negative else "") + rf"(?<![\p{{L}}\p{{N}}]){alternation(signs, False)}(?=\p{{N}})"
        negative = f"(?:{negative})?" if negative else ""
        glued = f"(?-i:{alternation(numbers.suffixes, boundary=False)}){NOT_WORD}" if numbers.suffixes else ""
        suffix = f"(?:{glued})?" if glued else ""
        g = "".join(regex.escape(s) for s in group) or "\x00"
        d = "".join(regex.escape(s) for s in decimal)
        self.digits = (rf"(?<![\p{{L}}\p{{N}}_\p{{Sc}}]|\p{{L}}-|\p{{N}}[/.,:]|\p{{Sc}}[^\S\n])"
                       rf"(?:\d{{1,3}}(?:[{g}]\d{{3}})+(?:[{d}]\d+)?|\d+(?:[{d}{g}]\d+)?|[{d}]\d+)"
                       rf"(?![\p{{N}}]|[{g}{d}/:]\p{{N}})")
        self._grouped = regex.compile(rf"\d{{1,3}}(?:[{g}]\d{{3}})+(?:[{d}]\d+)?")
        self.number = (f"(?:{negative}"
                       f"(?:{self.digits}{digit_decimals}{suffix}(?:{SPACE}{scales})*"
                       f"|{alt(numbers.vague)}(?:{sep}{joiner}{scales})*"
                       f"|{first}(?:{sep}{joiner}{tokens})*{decimals}))")
        self.measures = alt(numbers.measures) if numbers.measures else None
        suffix_group = f"(?P<suffix>{glued})?" if glued else ""
        self._token = regex.compile(
            f"(?P<digits>{self.digits}){suffix_group}|(?P<vague>{alt(numbers.vague)})"
            f"|(?P<word>{alt(self.lexicon)})", FLAGS)
        self._found = regex.compile(self.quantity(named=True, measure=True), FLAGS)
        self._single = regex.compile(self.quantity(named=True, measure=True, bounds=False), FLAGS)
        self._count = regex.compile(self.quantity(), FLAGS)
        # where a quantity can begin: a qualifier, a range word, a number word, a digit
        between = [a for a, _ in qualifiers.range_between]
        first_words = [*self.lexicon, *numbers.vague, *self.relation_of, *between]
        self._starts = regex.compile(rf"(?<!\d)\d|(?<!\p{{N}})[{d}](?=\d)|" + alternation(first_words, end=""), FLAGS)

    # --- regular expressions -------------------------------------------------------------------
    def alternation(self, phrases, boundary: bool = True) -> str:
        """Phrases of this language: a hyphen after one continues the word unless it joins numbers."""
        return alternation(phrases, boundary, self.end)

    def quantity(self, named: bool = False, measure: bool = False, bounds: bool = True) -> str:
        """A number with its qualifiers and range words; `named` adds the groups parse() reads."""
        q = self.qualifiers
        alt = self.alternation

        def grp(name: str, body: str) -> str:
            return f"(?P<{name}>{body})" if named else f"(?:{body})"

        def qualifier(name: str, phrases: list[str]) -> list[str]:
            """A word ("more than") stands apart from the number; a mark (">", "≥") may touch it."""
            out = []
            if words := [p for p in phrases if p[:1].isalnum()]:
                out.append(f"{grp(name, alt(words))}{SPACE}")
            if marks := [p for p in phrases if not p[:1].isalnum()]:
                out.append(f"(?<![<>=]){grp(name, alt(marks, False))}[^\\S\\n]*")
            return out

        quals = [part for rel in RELATIONS for part in qualifier(rel, getattr(q.relations, rel))]
        after = "|".join(grp(f"after_{rel}", alt(getattr(q.after, rel)))
                         for rel in RELATIONS if getattr(q.after, rel))
        words_to = [t for t in q.range_to if t[:1].isalnum()]
        marks_to = [t for t in q.range_to if not t[:1].isalnum()]
        to_parts = []
        if words_to:
            to_parts.append(f"{SPACE}{alt(words_to)}{SPACE}")
        if marks_to:
            to_parts.append(f"[^\\S\\n]*{alt(marks_to, False)}[^\\S\\n]*")
        to = "(?:" + "|".join(to_parts) + ")" if to_parts else "(?!)"
        n1, n2 = grp("n1", self.number), grp("n2", self.number)
        between = "|".join(f"{alt([a])}{SPACE}{n1}{SPACE}{alt([b])}{SPACE}{n2}"
                           for a, b in q.range_between)
        ranged = f"{n1}(?:{to}{n2}(?![\\-–]\\p{{N}}))?"  # a chain "1-222-2222" is a phone number, not a range
        body = f"(?:{between}|{ranged})" if between else ranged
        prefix = f"(?:{'|'.join(quals)}){{0,2}}" if quals else ""
        if after:  # "500 or more", "50 and under"
            body = f"{body}(?:{SPACE}(?:{after}))?"
        tail = ""
        if self.measures:
            gap = r"(?:[^\S\n]*|-)"  # "50 persen", "50%", "7.8-magnitude"
            tail = (f"(?:{gap}{grp('measure', self.measures)})?" if measure
                    else f"(?!{gap}{self.measures})")
        lower = qualifier("lo", [p for rel in ("gt", "ge") for p in getattr(q.relations, rel)])
        upper = qualifier("hi", [p for rel in ("lt", "le") for p in getattr(q.relations, rel)])
        if bounds and q.range_bounds and lower and upper:  # "more than 10 and less than 40", "at most 100, at least 20"
            join = f"(?:,?{SPACE}{alt(q.range_bounds)}|[^\\S\\n]*,){SPACE}"
            low = f"(?:{'|'.join(lower)}){grp('nlo', self.number)}"
            high = f"(?:{'|'.join(upper)}){grp('nhi', self.number)}"
            return f"(?:{low}{join}{high}|{high}{join}{low}|{prefix}{body}){tail}"
        return f"{prefix}{body}{tail}"

    # --- parsing ----------------------------------------------------------------------------
    def parse_digits(self, text: str, whole: bool = False) -> Decimal:
        """Digits as the language writes them; `whole` reads a lone separator before three digits as grouping
        ("16,500" in Indonesian, where the comma is decimal: 16500, when a count cannot be fractional)."""
        raw = text
        if whole:
            for sep in (*self.decimal, *self.group):
                head, _, tail = raw.partition(sep)
                if tail and raw.count(sep) == 1 and len(tail) == 3 and tail.isdigit() and 1 <= len(head) <= 3:
                    return Decimal(head + tail)
        if len(self.group) == 1 and len(self.decimal) == 1 and self.group != self.decimal and (
                self._grouped.fullmatch(raw)):  # "100,000.0", "1.234.567,5"
            return Decimal(raw.replace(self.group[0], "").replace(self.decimal[0], "."))
        for sep in self.group:
            parts = raw.split(sep)
            if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
                raw = raw.replace(sep, "")
                break
        for sep in [*self.decimal, *self.group]:
            raw = raw.replace(sep, ".")
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"not a number: {text!r}") from None

    def value(self, text: str, whole: bool = False) -> tuple[Interval, Decimal]:
        """The value of one number expression (a point, or an interval for a vague one) and its scale."""
        total = group = Decimal(0)
        term: Decimal | None = None
        vague: Interval | None = None
        scale = sign = Decimal(1)
        decimals: str | None = None  # the digits after a decimal word, as read so far

        def settle():  # "two point two" before a scale or the end: the decimals join the term
            nonlocal term, decimals
            if decimals:
                term = (term or Decimal(0)) + Decimal("0." + decimals)
            decimals = None

        for m in self._token.finditer(text):
            read = term is not None or bool(group) or bool(total)
            if m.group("digits"):
                if decimals is not None:  # "1 point 25"
                    decimals += m.group("digits")
                    continue
                term = self.parse_digits(m.group("digits"), whole)
                suffix = m.groupdict().get("suffix")
                if suffix:
                    total, group, term = total + group + term * self.suffixes[suffix], Decimal(0), None
                    scale *= self.suffixes[suffix]
                continue
            word = regex.sub(r"\s+", " ", (m.group("vague") or m.group("word")).lower())
            if m.group("vague") and not (read and word in self.lexicon):  # "three dozens": then a scale
                vague = self.vague[word]
                continue
            kind, v = self.lexicon[word]
            if kind == "negative":
                if not read and vague is None:  # a sign starts a number: "twenty-one" holds a hyphen
                    sign = Decimal(-1)
            elif kind == "decimal":
                decimals = ""
            elif decimals is not None and kind == "words":
                decimals += str(int(v))
            elif vague is not None and kind in ("scales", "multipliers"):
                vague = vague.scaled(v)
                scale *= v
            elif kind in ("words", "articles"):
                group, term = group + (term or 0), v
            elif kind == "multipliers":
                settle()
                term = (term if term is not None else Decimal(1)) * v
            elif kind == "adders":
                term = (term or Decimal(0)) + v
            elif kind == "alone_scales":
                total, group, term = total + group + (term or 0) + v, Decimal(0), None
            elif kind == "scales":
                settle()
                g = group + (term or 0)
                g = g if g or total else Decimal(1)  # "thousand" alone is 1000; "three thousand millions" 3e9
                total = (total + g) * v if 0 < total < v else total + g * v
                group, term, scale = Decimal(0), None, scale * v
        settle()
        if vague is not None:
            return vague, scale
        value = (total + group + (term or 0)) * sign
        if abs(value) > LARGEST:
            raise ValueError(f"{text!r} is beyond any count")
        return Interval.point(number(value)), scale

    def parse(self, text: str, whole: bool = False) -> Mention | None:
        """Parse one quantity expression as a whole (what a claim pattern's {count} matched); `whole` prefers
        the reading of its digits that makes it a whole number (see parse_digits)."""
        m = self._found.fullmatch(text)
        return self._mention(m, whole) if m else None

    def count_spans(self, text: str, timeout: float | None = None) -> list[tuple[int, int]]:
        """Where the text holds something that may count people (no measure after it): no parsing."""
        return [m.span() for m in scan.matches(self._count, self._starts, text, timeout=timeout)]

    def find(self, text: str, timeout: float | None = None):
        """Every quantity expression in a text, left to right."""
        for m in scan.matches(self._found, self._starts, text, timeout=timeout):
            mention = self._mention(m)
            if mention:
                yield mention
            elif m.group("nlo") is not None:  # two bounds that make no range ("more than 40 and less than 10")
                for part in self._single.finditer(text, m.start(), m.end(), timeout=timeout):
                    if mention := self._mention(part):
                        yield mention

    def _mention(self, m: regex.Match, whole: bool = False) -> Mention | None:
        found = m.groupdict()
        try:
            if found.get("nlo") is not None:
                rels = tuple(self.relation_of[regex.sub(r"\s+", " ", m.group(g).strip().lower())] for g in ("lo", "hi"))
                quantity = self.bounded(m.group("nlo"), m.group("nhi"), rels, whole)
            else:
                rels = tuple(rel for rel in RELATIONS if any(name in found and m.captures(name)
                                                             for name in (rel, f"after_{rel}")))
                quantity = self.quantity_of(m.group("n1"), m.group("n2"), rels, whole)
        except (ValueError, ArithmeticError):
            return None
        measure = m.groupdict().get("measure")
        return Mention(m.start(), m.end(), m.group(), quantity, rels, measure)

    def bounded(self, low: str, high: str, rels: tuple[str, str], whole: bool = False) -> Quantity:
        """A range written as two bounds: 'more than 10 and less than 40' is (10,40)."""
        a, b = self.value(low, whole)[0], self.value(high, whole)[0]
        if a.low is None or b.high is None or a.low > b.high:
            raise ValueError("the bounds leave no range")
        nominal = Interval(a.low, b.high, rels[0] == "ge", rels[1] == "le")
        return Quantity(nominal, nominal, False, "range")

    def quantity_of(self, first: str, second: str | None, rels: tuple[str, ...], whole: bool = False) -> Quantity:
        """Combine numbers and qualifier relations into a Quantity; widths come from qualifiers.yaml."""
        approximate = "approx" in rels
        bound = next((r for r in rels if r != "approx"), None)
        low, low_scale = self.value(first, whole)
        if second is not None:
            high, high_scale = self.value(second, whole)
            if low_scale == 1 and high_scale > 1 and low.low is not None and high.high is not None \
                    and Decimal(str(low.low)) * high_scale <= Decimal(str(high.high)):
                low = low.scaled(high_scale)  # "10 hingga 13 ribu": the scale belongs to both
            nominal = Interval(low.low, high.high, low.low_inclusive, high.high_inclusive)
            if nominal.low is not None and nominal.high is not None and nominal.low > nominal.high:
                raise ValueError("range runs backwards")
            return Quantity(nominal, nominal, approximate, "range")
        vague = low.low != low.high
        if bound in ("gt", "ge"):
            nominal = Interval(low.low if not vague or bound == "ge" else low.low, None,
                               bound == "ge" and low.low_inclusive, False)
        elif bound in ("lt", "le"):
            edge = low.high if not vague else low.low if bound == "lt" else low.high
            nominal = Interval(None, edge, False, bound == "le" and (low.high_inclusive or not vague))
        elif bound == "nearly":
            edge = low.low
            nominal = Interval(None, edge, False, False)
            w = Decimal(str(self.qualifiers.nearly_width))
            interval = Interval(number(Decimal(str(edge)) * (1 - w)), edge, True, False)
            return Quantity(nominal, interval, True, "nearly")
        else:
            nominal = low
        if approximate and bound is None and not vague:
            w = Decimal(str(self.qualifiers.approximate_width))
            x = Decimal(str(low.low))
            return Quantity(nominal, Interval(number(x * (1 - w)), number(x * (1 + w))), True, "approx")
        relation = bound or ("vague" if vague else "exact")
        return Quantity(nominal, nominal, approximate, relation)
