"""Number expressions -> intervals, driven by one language's numbers.yaml and qualifiers.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from checker import scan
from checker.models import Interval, Quantity, number
from checker.schema import RELATIONS, NumbersFile, QualifiersFile

FLAGS = regex.IGNORECASE
LARGEST = Decimal(10) ** 18  # a larger number counts nothing checker compares (and would lose digits as a float)
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
        for kind in ("words", "multipliers", "adders", "scales", "alone_scales", "articles", "fractions"):
            for word, value in getattr(numbers, kind).items():
                self.lexicon.setdefault(word.lower(), (kind, Decimal(str(value))))
        for word, value in numbers.lone_words.items():  # read as a word; the regex keeps it alone
            self.lexicon.setdefault(word.lower(), ("words", Decimal(str(value))))
        for kind, words in (("decimal", numbers.decimal_words), ("negative", numbers.negatives),
                            ("positive", numbers.positives), ("exponent", numbers.exponent_words)):
            for word in words:
                self.lexicon.setdefault(" ".join(word.lower().split()), (kind, Decimal(0)))
        self.suffixes = {w: Decimal(str(v)) for w, v in numbers.suffixes.items()}  # case as written: 3M, 3m
        self.money_suffixes = {w: Decimal(str(v)) for w, v in numbers.money_suffixes.items()}
        self.ordinals = {w.lower(): Decimal(str(v)) for w, v in numbers.ordinals.items()}
        self.vague = {w.lower(): Interval.parse(v)[0] for w, v in numbers.vague.items()}
        self.relation_of = {p.lower(): rel for rel in RELATIONS for p in getattr(qualifiers.relations, rel)}

        # "tiga-tiganya" is no number unless the language joins number words with a hyphen ("twenty-one")
        self.end = NOT_WORD if "-" in numbers.word_separators else r"(?![\p{L}\p{N}]|-[\p{L}\p{N}])"
        alt = self.alternation
        sep_chars = "".join(regex.escape(s) for s in numbers.word_separators)
        sep = f"(?:{SPACE}|[^\\S\\n]*[{sep_chars}][^\\S\\n]*)" if sep_chars else SPACE
        joiner = f"(?:{alt(numbers.joiners)}{sep})?" if numbers.joiners else ""
        words = alt(numbers.words)
        scales = alt([*numbers.scales, *numbers.multipliers])
        shares = alt(numbers.fractions) if numbers.fractions else "(?!)"
        articles = alt(numbers.articles)
        # "a" counts before a scale or a share ("a hundred", "a half"), and after a share ("half a million")
        article = f"{articles}(?={sep}(?:{scales}|{shares}))"
        plain_tokens = [*numbers.words, *numbers.multipliers, *numbers.adders, *numbers.scales, *numbers.alone_scales]
        tokens = f"(?:{alt(plain_tokens)}|{shares}|{article})"
        alone_shares = alt(numbers.alone_fractions) if numbers.alone_fractions else "(?!)"
        # a lone word ("another") is a number only where no number follows: "another two" is two
        lone = (f"|{alt(numbers.lone_words)}(?!{sep}{joiner}(?:{tokens}|{alt(numbers.vague)}|\\d))"
                if numbers.lone_words else "")
        first = f"(?:{words}|{alt(numbers.alone_scales)}|{alone_shares}|{article}{lone})"
        digit_words = [w for w, v in numbers.words.items() if 0 <= v <= 9 and v == int(v)]
        decimals = digit_decimals = ""  # "two point two million", "1 point 1"
        if numbers.decimal_words and digit_words:
            point = f"{sep}{alt(numbers.decimal_words)}{sep}"
            decimals = f"(?:{point}(?:(?:{alt(digit_words)})(?:{sep}{alt(digit_words)})*|\\d+)(?:{sep}{scales})*)?"
            digit_decimals = f"(?:{point}\\d+)?"
        g = "".join(regex.escape(s) for s in group) or "\x00"
        d = "".join(regex.escape(s) for s in decimal)
        sign_words = [w for w in [*numbers.negatives, *numbers.positives] if w[:1].isalnum()]
        negative = f"{alt(sign_words)}{SPACE}" if sign_words else ""  # "minus five", "negatif satu"
        if signs := [w for w in numbers.negatives if not w[:1].isalnum()]:  # "-5", "-,5": touching, after no word
            negative += ("|" if negative else "") + (rf"(?<![\p{{L}}\p{{N}}]){alternation(signs, False)}"
                                                     rf"(?=\p{{N}}|[{d}]\p{{N}})")
        negative = f"(?:{negative})?" if negative else ""
        # a scale, or a word that multiplies or adds, glued to digits: 100K, 2ribu, 3belas (case as written
        # for the scale letters, which may be units in another case)
        glued_words = [*numbers.adders, *numbers.multipliers, *numbers.scales]
        glued_parts = [f"(?-i:{alternation(numbers.suffixes, boundary=False)})" if numbers.suffixes else "",
                       alternation(glued_words, boundary=False) if glued_words else ""]
        glued = "(?:" + "|".join(p for p in glued_parts if p) + f"){NOT_WORD}" if any(glued_parts) else ""
        suffix = f"(?:{glued})?" if glued else ""
        exponent = ""  # 1,5e-3; 1.3x10^6
        if numbers.exponent_marks:
            exponent = f"(?:(?-i:{alternation(numbers.exponent_marks, boundary=False)})[+-]?\\d{{1,3}}(?!\\d))?"
        self.digits = (rf"(?<![\p{{L}}\p{{N}}_\p{{Sc}}]|(?<!\p{{N}})\p{{L}}-|\p{{N}}[/.,:]|\p{{Sc}}[^\S\n])"
                       rf"(?:\d{{1,3}}(?:[{g}]\d{{3}})+(?:[{d}]\d+)?|\d+(?:[{d}{g}]\d+)?|[{d}]\d+){exponent}"
                       rf"(?![\p{{N}}]|[{g}{d}/:]\p{{N}})")
        self._grouped = regex.compile(rf"\d{{1,3}}(?:[{g}]\d{{3}})+(?:[{d}]\d+)?")
        self._exponent = (regex.compile(f"(?-i:{alternation(numbers.exponent_marks, boundary=False)})(?=[+-]?\\d)")
                          if numbers.exponent_marks else None)
        # a joiner joins only after a scale, a multiplier or a multiple of ten, or before a share: "one hundred and
        # five", "twenty and three", "one and a half", "three and one fourth"; never two numbers ("killed two and
        # three others were wounded" is two)
        if numbers.joiners:
            tens = [w for w, v in numbers.words.items() if v >= 20 and v % 10 == 0]
            large = alt([*numbers.scales, *numbers.multipliers, *numbers.alone_scales, *tens])
            joined = (f"(?:(?<={large}){sep}{alt(numbers.joiners)}{sep}|{sep}{alt(numbers.joiners)}{sep}"
                      f"(?=(?:{words}{sep})?{shares}|{article})|{sep})")
        else:
            joined = sep
        words_part = f"{first}(?:{joined}{tokens})*{decimals}"
        # after a scale, a smaller part may follow in digits or words: "2 juta 500 ribu", "9 ratus 90 ribu 2",
        # "3 million and a half"; never before a measure or a capitalised word ("5 ribu 17 Agustus")
        more = ""
        if numbers.parts_after_scale:
            and_ = f"(?:{alt(numbers.joiners)}{SPACE})?" if numbers.joiners else ""
            measured = f"(?![^\\S\\n]*(?:{alt(numbers.measures)}))" if numbers.measures else ""
            small = (rf"(?<![\p{{L}}\p{{N}}])\d{{1,3}}(?![\p{{N}}]|[{g}{d}/:]\p{{N}}){suffix}"
                     rf"(?:{SPACE}{scales})*(?!{SPACE}(?-i:\p{{Lu}}))")
            more = f"(?:{SPACE}{and_}(?:{small}|{words_part}){measured})*"
        scaled = f"(?:{glued}|{SPACE}{scales})" if glued else f"{SPACE}{scales}"
        power = (f"(?:{SPACE}{alt(numbers.exponent_words)}{SPACE}{negative}(?:\\d{{1,3}}|{words}))?"
                 if numbers.exponent_words else "")

        # "Kedua pilot", "ketiga korban": an ordinal word that opens a noun phrase counts its nouns
        collective_words = [f"{p}{w}" for p in numbers.collective_prefixes for w, v in numbers.words.items()
                            if 2 <= v <= 10 and v == int(v)]
        collective = ""
        if collective_words:
            openers = [alternation(numbers.collective_after, end="")] if numbers.collective_after else []
            if numbers.collective_after_prefixes:
                openers.append(f"{alternation(numbers.collective_after_prefixes, end='')}\\p{{L}}+")
            after = f"|(?<=(?<![\\p{{L}}])(?:{'|'.join(openers)})[^\\S\\n]+)" if openers else ""
            collective = (f"|(?:(?<=(?:\\A|[\\n.,;:!?\"“”(])[^\\S\\n]*){after})"
                          f"{alternation(collective_words)}(?=[^\\S\\n]+\\p{{L}})")

        def number(parts: str) -> str:
            return (f"(?:{negative}(?:{self.digits}{digit_decimals}(?:{scaled}(?:{SPACE}{scales})*{parts})?"
                    f"|{alt(numbers.vague)}(?:{sep}{joiner}{scales})*|{words_part}{collective}){power})")

        self.number = number(more)
        self.plain = number("")  # without parts after a scale: read again where a longer reading made no number
        # a share in digits ("1/2", "3/4") is a number to read, never a count: only `find` reads it
        self.share = rf"(?<![\p{{L}}\p{{N}}/.,])\d{{1,3}}/\d{{1,3}}(?![\p{{N}}]|[/.,]\p{{N}})"
        if numbers.share_words:  # "2 in 5", "one out of three": never before a measure ("2 in 5 days")
            part = rf"(?:(?<![\p{{L}}\p{{N}}])\d{{1,3}}(?![\p{{N}}]|[{g}{d}]\p{{N}})|{words}(?:-{words})?)"
            measured = f"(?![^\\S\\n]*(?:{alt(numbers.measures)}))" if numbers.measures else ""
            self.share += f"|{part}{SPACE}{alt(numbers.share_words)}{SPACE}{part}{measured}"
            self.share = f"(?:{self.share})"
        self._share_word = regex.compile(rf"/|{SPACE}{alt(numbers.share_words)}{SPACE}" if numbers.share_words
                                         else "/", FLAGS)
        # an ordinal ("pertama", "kesepuluh", "ke-3") is a number to read, never a count: only `find` reads it
        ordinal = []
        if numbers.ordinals:  # "first", "the tenth", "twenty-first"
            tens = [w for w, v in numbers.words.items() if 20 <= v < 100 and v % 10 == 0]
            compound = f"(?:{alt(tens)}-)?" if tens and "-" in numbers.word_separators else ""
            the = f"{alt(numbers.ordinal_articles)}{SPACE}" if numbers.ordinal_articles else ""
            ordinal.append(f"{the}{compound}{alt(numbers.ordinals)}")
        if numbers.ordinal_prefixes:
            ordinal.append(f"{WORD_START}(?:{alternation(numbers.ordinal_prefixes, boundary=False)})"
                           f"(?:{alternation(numbers.words, boundary=False)}{self.end}|\\d{{1,3}}(?![\\p{{N}}]))")
        self.ordinal = "(?:" + "|".join(ordinal) + ")" if ordinal else "(?!)"
        self._ordinal = regex.compile(self.ordinal, FLAGS)
        self._ordinal_article = regex.compile(f"{alt(numbers.ordinal_articles)}{SPACE}" if numbers.ordinal_articles
                                              else "(?!)", FLAGS)
        self._ordinal_prefix = regex.compile(alternation(numbers.ordinal_prefixes, boundary=False) + "(?=.)"
                                             if numbers.ordinal_prefixes else "(?!)", FLAGS)
        self.measures = alt(numbers.measures) if numbers.measures else None
        suffix_group = f"(?P<suffix>{glued})?" if glued else ""
        self._token = regex.compile(
            f"(?P<share>{self.share})|(?P<digits>{self.digits}){suffix_group}|(?P<vague>{alt(numbers.vague)})"
            f"|(?P<word>{alt(self.lexicon)})", FLAGS)
        self._found = regex.compile(self.quantity(named=True, measure=True, shares=True), FLAGS)
        self._single = regex.compile(self.quantity(named=True, measure=True, bounds=False, shares=True), FLAGS)
        self._plain = regex.compile(self.quantity(named=True, measure=True, bounds=False, plain=True), FLAGS)
        self._count = regex.compile(self.quantity(), FLAGS)
        # an article that heads a list of people each counted by one: "a man and a woman", "a man, a woman and a
        # child" (see `listed_one`); never one inside such a list, nor one that names people a count before it
        # counted ("found two people, a woman and a boy")
        if numbers.article_lists:
            item = rf"(?:{SPACE}[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}'’\-]*){{1,3}}?"
            last = alt([*numbers.articles, *numbers.list_possessives])  # 'a woman and her son'
            self._listed = regex.compile(
                rf"(?<![\p{{L}}\p{{N}}\-])(?<!(?:{words}|\d+|{articles})(?:{SPACE}[\p{{L}}'’\-]+){{0,3}},{SPACE})"
                rf"{articles}(?={item}(?:,{SPACE}{articles}{item})*,?{SPACE}{alt(numbers.article_lists)}{SPACE}"
                rf"{last}{SPACE})", FLAGS)
        else:
            self._listed = None
        self._money = (regex.compile(f"(?:{alternation(numbers.money, boundary=False)})[^\\S\\n]*$", FLAGS)
                       if numbers.money else None)
        # where a quantity can begin: a qualifier, a range word, a number word, a digit
        between = [a for a, _ in qualifiers.range_between]
        first_words = [*self.lexicon, *numbers.vague, *self.relation_of, *between, *collective_words]
        self._starts = regex.compile(rf"(?<!\d)\d|(?<!\p{{N}})[{d}](?=\d)|" + alternation(first_words, end=""), FLAGS)
        ordinal_words = [*numbers.ordinals, *numbers.ordinal_prefixes, *numbers.ordinal_articles]  # only `find` reads
        self._find_starts = regex.compile(self._starts.pattern + "|" + alternation(ordinal_words, end=""), FLAGS)

    # --- regular expressions -------------------------------------------------------------------
    def alternation(self, phrases, boundary: bool = True) -> str:
        """Phrases of this language: a hyphen after one continues the word unless it joins numbers."""
        return alternation(phrases, boundary, self.end)

    def quantity(self, named: bool = False, measure: bool = False, bounds: bool = True, shares: bool = False,
                 plain: bool = False) -> str:
        """A number with its qualifiers and range words; `named` adds the groups parse() reads; `shares` reads
        "1/2" too (a share is read by `find`, never a count)."""
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
        after = "|".join(grp(f"after_{rel}", f"{alt(getattr(q.after, rel))}{self._not_begun(getattr(q.after, rel))}")
                         for rel in RELATIONS if getattr(q.after, rel))
        words_to = [t for t in q.range_to if t[:1].isalnum()]
        marks_to = [t for t in q.range_to if not t[:1].isalnum()]
        to_parts = []
        if words_to:
            to_parts.append(f"{SPACE}{alt(words_to)}{SPACE}")
        if marks_to:
            to_parts.append(f"[^\\S\\n]*{alt(marks_to, False)}[^\\S\\n]*")
        to = "(?:" + "|".join(to_parts) + ")" if to_parts else "(?!)"
        number = self.plain if plain else f"(?:{self.share}|{self.ordinal}|{self.number})" if shares else self.number
        n1, n2 = grp("n1", number), grp("n2", number)
        # after a word of change, "from 12 to 17" is 12 becoming 17: no range ("the toll rose from 12 to 17")
        change = (f"(?<![\\p{{L}}]){alt(q.changes)}(?:{SPACE}[\\p{{L}}\\-]+){{0,2}}?{SPACE}" if q.changes else "")
        between = "|".join(f"{f'(?<!{change})' if change else ''}{alt([a])}{SPACE}{n1}{SPACE}{alt([b])}{SPACE}{n2}"
                           for a, b in q.range_between)
        # a number repeated in brackets is one: "5 (lima) orang", "forty-five (45)"
        echo = f"(?:[^\\S\\n]*\\([^\\S\\n]*{grp('echo', number)}[^\\S\\n]*\\))?"
        ranged = f"{n1}{echo}(?:{to}{n2}(?![\\-–]\\p{{N}}))?"  # a chain "1-222-2222" is a phone number, not a range
        if change and q.range_between:  # the number right after "rose from" stands alone
            ranged = f"(?:(?<={change}{alt([a for a, _ in q.range_between])}{SPACE}){n1}{echo}|{ranged})"
        body = f"(?:{between}|{ranged})" if between else ranged
        prefix = f"(?:{'|'.join(quals)}){{0,2}}" if quals else ""
        if after:  # "500 or more", "50 and under"
            body = f"{body}(?:{SPACE}(?:{after}))?"
        if q.closes:  # "less than 5000 or equal": the strict bound closes
            numeral = f"(?:\\p{{N}}|{alt(self.numbers.words)})"  # "or equal to 6000" starts another number
            body = f"{body}(?:,?{SPACE}{grp('closes', alt(q.closes))}(?!{SPACE}(?:\\p{{L}}+{SPACE})?{numeral}))?"
        tail = ""
        if self.measures:
            gap = r"(?:[^\S\n]*|-)"  # "50 persen", "50%", "7.8-magnitude"
            tail = (f"(?:{gap}{grp('measure', self.measures)})?" if measure
                    else f"(?!{gap}{self.measures})")
        lower = qualifier("lo", [p for rel in ("gt", "ge") for p in getattr(q.relations, rel)])
        upper = qualifier("hi", [p for rel in ("lt", "le") for p in getattr(q.relations, rel)])
        if bounds and q.range_bounds and lower and upper:  # "more than 10 and less than 40", "at most 100, at least 20"
            join = f"(?:,?{SPACE}{alt(q.range_bounds)}|[^\\S\\n]*,){SPACE}"
            low = f"(?:{'|'.join(lower)}){grp('nlo', number)}"
            high = f"(?:{'|'.join(upper)}){grp('nhi', number)}"
            return f"(?:{low}{join}{high}|{high}{join}{low}|{prefix}{body}){tail}"
        return f"{prefix}{body}{tail}"

    def _not_begun(self, phrases: list[str]) -> str:
        """A lookahead refusing what would make the end of an after-phrase the start of a qualifier: in
        "200 or greater than 190", "or greater" is not said of 200, since "greater than" begins there."""
        q = self.qualifiers
        rest = set()
        for phrase in phrases:
            words = phrase.lower().split()
            for i in range(len(words)):
                tail = words[i:]
                for qualifier in (p.lower().split() for rel in RELATIONS for p in getattr(q.relations, rel)):
                    if len(qualifier) > len(tail) and qualifier[:len(tail)] == tail:
                        rest.add(" ".join(qualifier[len(tail):]))
        return f"(?!{SPACE}{self.alternation(rest)}{SPACE}[\\p{{L}}\\p{{N}}])" if rest else ""

    # --- parsing ----------------------------------------------------------------------------
    def parse_digits(self, text: str, whole: bool = False) -> Decimal:
        """Digits as the language writes them; `whole` reads a lone separator before three digits as grouping
        ("16,500" in Indonesian, where the comma is decimal: 16500, when a count cannot be fractional)."""
        if self._exponent and (mark := self._exponent.search(text)):  # "1,524e+1"
            power = int(text[mark.end():])
            return self.parse_digits(text[:mark.start()], whole) * Decimal(10) ** power
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

    def value(self, text: str, whole: bool = False, money: bool = False) -> tuple[Interval, Decimal]:
        """The value of one number expression (a point, or an interval for a vague one) and its scale;
        `money` reads the letters after digits as a price is written ("Rp3M": miliar)."""
        total = group = Decimal(0)
        term: Decimal | None = None
        vague: Interval | None = None
        scale = sign = Decimal(1)
        decimals: str | None = None  # the digits after a decimal word, as read so far
        last = ""  # the kind of the token before
        last_value = Decimal(1)  # the value of the scale or multiplier before
        part_of: tuple[str, Decimal] | None = None  # "9 ratus 90 ...": the part after which word, of what value
        share_after_scale = False  # "3 million and a half": the share is of the million
        suffixes = {**self.suffixes, **self.money_suffixes} if money else self.suffixes

        def settle():  # "two point two" before a scale or the end: the decimals join the term
            nonlocal term, decimals
            if decimals:
                term = (term or Decimal(0)) + Decimal("0." + decimals)
            decimals = None

        if self._ordinal.fullmatch(text):  # "kesepuluh", "the twenty-first"
            word = self._ordinal_article.sub("", text.lower(), count=1)
            if (prefix := self._ordinal_prefix.match(word)) and word not in self.ordinals:
                return self.value(word[prefix.end():])[0], Decimal(1)
            tens, _, word = word.rpartition("-")
            return Interval.point(number(self.ordinals[word] + (self.lexicon[tens][1] if tens else 0))), Decimal(1)
        for m in self._token.finditer(text):
            read = term is not None or bool(group) or bool(total)
            if m.group("share"):  # "3/4", "2 in 5"
                top, bottom = (self.value(x)[0].low for x in self._share_word.split(m.group("share"), maxsplit=1))
                if not top or not bottom or top > bottom:
                    raise ValueError(f"{text!r} is no share")
                group, term, last = group + (term or 0), Decimal(str(top)) / Decimal(str(bottom)), "share"
                continue
            if m.group("digits"):
                if decimals is not None:  # "1 point 25"
                    decimals += m.group("digits")
                    continue
                digits = self.parse_digits(m.group("digits"), whole)
                if last in ("scales", "multipliers"):  # "9 ratus 90 ribu": a part after a scale
                    group, term, part_of = group + (term or 0), digits, (last, last_value)
                else:
                    term = digits
                last = "digits"
                suffix = m.groupdict().get("suffix")
                if suffix and suffix in suffixes:
                    total, group, term = total + group + term * suffixes[suffix], Decimal(0), None
                    scale, last, last_value = scale * suffixes[suffix], "scales", suffixes[suffix]
                elif suffix:  # a number word glued to digits: "3belas", "2ribu"
                    kind, v = self.lexicon[suffix.lower()]
                    if kind == "adders":
                        term += v
                    elif kind == "multipliers":
                        term *= v
                    else:
                        total, group, term = total + group + term * v, Decimal(0), None
                        scale *= v
                    last, last_value = kind, v
                continue
            word = regex.sub(r"\s+", " ", (m.group("vague") or m.group("word")).lower())
            if m.group("vague") and not (read and word in self.lexicon):  # "three dozens": then a scale
                vague = self.vague[word]
                continue
            kind, v = self.lexicon[word]
            if kind == "exponent":  # "lima koma empat kali sepuluh pangkat enam"
                settle()
                power = self.value(text[m.end():], whole)[0]
                if power.low is None or power.low != power.high or power.low != int(power.low) or abs(power.low) > 18:
                    raise ValueError(f"{text!r}: no power of ten")
                mantissa = total + group + (term or 0)
                return Interval.point(number(sign * mantissa * Decimal(10) ** int(power.low))), scale
            if kind == "negative":
                if not read and vague is None:  # a sign starts a number: "twenty-one" holds a hyphen
                    sign = Decimal(-1)
            elif kind == "positive":
                pass
            elif kind == "decimal":
                decimals = ""
            elif decimals is not None and kind == "words":
                decimals += str(int(v))
            elif vague is not None and kind in ("scales", "multipliers"):
                vague = vague.scaled(v)
                scale *= v
            elif kind == "articles" and last == "fractions":  # "half a million"
                continue
            elif kind == "fractions":  # "two thirds", "a half", "one and a half"
                share_after_scale = bool(total) and not group and last == "articles"
                term = (term if term is not None and last in ("words", "articles") else Decimal(1)) / v
            elif kind in ("words", "articles"):
                if (last == "words" and term is not None and 0 < term < 10 and 10 <= v < 100 and not group
                        and not total):  # "one twenty two": one hundred and twenty-two
                    group, term = term * 100, v
                else:
                    group, term = group + (term or 0), v
            elif kind == "multipliers":
                settle()
                if part_of and part_of[0] == kind and v >= part_of[1]:  # "3 hundred and 2 hundred": two numbers
                    raise ValueError(f"{text!r}: a part as large as what it follows")
                term = (term if term is not None else Decimal(1)) * v
            elif kind == "adders":
                term = (term or Decimal(0)) + v
            elif kind == "alone_scales":
                total, group, term = total + group + (term or 0) + v, Decimal(0), None
            elif kind == "scales":
                settle()
                if part_of and part_of[0] == kind and v >= part_of[1]:  # "5 ribu 2 juta": two numbers
                    raise ValueError(f"{text!r}: a part as large as what it follows")
                g = group + (term or 0)
                g = g if g or total else Decimal(1)  # "thousand" alone is 1000; "three thousand millions" 3e9
                total = (total + g) * v if 0 < total < v else total + g * v
                group, term, scale = Decimal(0), None, scale * v
            if kind in ("scales", "multipliers"):
                last_value = v
            last = kind
        settle()
        if vague is not None:
            return vague, scale
        if last == "fractions" and share_after_scale:  # "one million and a half"
            term = (term or 0) * last_value
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
        """Where the text holds something that may count people (no measure after it): no parsing. An article
        that heads a list of people each counted by one is among them (`listed_one`)."""
        spans = [m.span() for m in scan.matches(self._count, self._starts, text, timeout=timeout)]
        if self._listed is None:
            return spans
        listed = [m.span() for m in self._listed.finditer(text, timeout=timeout)]
        return sorted({*spans, *listed}) if listed else spans

    def listed_one(self, text: str) -> Quantity | None:
        """The one person an article counts at the head of a list ('A man and a woman were shot': `text` is
        'A'); None for any other text."""
        if self._listed is None or self.lexicon.get(text.lower(), ("",))[0] != "articles":
            return None
        one = Interval.point(1)
        return Quantity(nominal=one, interval=one, approximate=False, relation="exact")

    def find(self, text: str, timeout: float | None = None):
        """Every quantity expression in a text, left to right."""
        for m in scan.matches(self._found, self._find_starts, text, timeout=timeout):
            mention = self._mention(m)
            if mention:
                yield mention
            else:  # two bounds that make no range ("more than 40 and less than 10"), "12 in 6 boxes" (no share),
                # "3 hundred and 2 hundred" (two numbers): read again, shorter
                again = self._single if m.group("nlo") is not None else self._plain
                for part in again.finditer(text, m.start(), m.end(), timeout=timeout):
                    if mention := self._mention(part):
                        yield mention

    def priced(self, text: str, start: int) -> bool:
        """Whether a currency ('Rp', '$') stands right before the number at `start`: a price, never a count."""
        return bool(self._money and self._money.search(text, max(0, start - 8), start))

    def _mention(self, m: regex.Match, whole: bool = False) -> Mention | None:
        found = m.groupdict()
        money = self.priced(m.string, m.start())
        try:
            if found.get("nlo") is not None:
                rels = tuple(self.relation_of[regex.sub(r"\s+", " ", m.group(g).strip().lower())] for g in ("lo", "hi"))
                quantity = self.bounded(m.group("nlo"), m.group("nhi"), rels, whole, money)
            else:
                rels = tuple(rel for rel in RELATIONS if any(name in found and m.captures(name)
                                                             for name in (rel, f"after_{rel}")))
                if found.get("closes"):  # "more than 5000 or equal to"
                    rels = tuple({"gt": "ge", "lt": "le"}.get(r, r) for r in rels)
                quantity = self.quantity_of(m.group("n1"), m.group("n2"), rels, whole, money)
                echo = found.get("echo")
                if echo and self.value(echo, whole, money)[0] != self.value(m.group("n1"), whole, money)[0]:
                    return None  # "5 (enam)": which is meant cannot be told
        except (ValueError, ArithmeticError):
            return None
        measure = m.groupdict().get("measure")
        return Mention(m.start(), m.end(), m.group(), quantity, rels, measure)

    def bounded(self, low: str, high: str, rels: tuple[str, str], whole: bool = False,
                money: bool = False) -> Quantity:
        """A range written as two bounds: 'more than 10 and less than 40' is (10,40)."""
        a, b = self.value(low, whole, money)[0], self.value(high, whole, money)[0]
        if a.low is None or b.high is None or a.low > b.high:
            raise ValueError("the bounds leave no range")
        nominal = Interval(a.low, b.high, rels[0] == "ge", rels[1] == "le")
        return Quantity(nominal, nominal, False, "range")

    def quantity_of(self, first: str, second: str | None, rels: tuple[str, ...], whole: bool = False,
                    money: bool = False) -> Quantity:
        """Combine numbers and qualifier relations into a Quantity; widths come from qualifiers.yaml."""
        approximate = "approx" in rels
        bound = next((r for r in rels if r != "approx"), None)
        low, low_scale = self.value(first, whole, money)
        if second is not None:
            high, high_scale = self.value(second, whole, money)
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
