"""Run the examples every rule file carries: must-match with the expected value, must-not-match, todo."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.api import parse_iso_date
from checker.dates import resolve
from checker.errors import Problem
from checker.extractor import Extractor
from checker.grammar import Grammar, Language
from checker.models import Interval, Source
from checker.rules import RuleDoc
from checker.schema import ClaimFile, Example
from checker.sources import Article


@dataclass
class Report:
    passed: int = 0
    failures: list[Problem] = field(default_factory=list)
    todo: list[Problem] = field(default_factory=list)  # known gaps that still fail
    fixed: list[Problem] = field(default_factory=list)  # todo examples that now pass
    rules: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


def same_value(expected: str, got: str) -> bool:
    """Compare two values in interval or date notation, ignoring how they are spelled ('12' = '[12,12]')."""
    if expected == got:
        return True
    try:
        return Interval.parse(expected) == Interval.parse(got)
    except (ValueError, ArithmeticError):  # a date, or not notation at all
        return False


def run(grammar: Grammar) -> Report:
    report = Report()
    for language in grammar.languages.every():
        rules = language.rules
        for stem in ("numbers", "qualifiers", "dates", "context", "events"):
            doc = rules.files.get(stem)
            if doc is not None:
                report.rules += 1
                _examples(doc, lambda ex, stem=stem: _grammar_example(stem, grammar, language, ex), report)
        for doc in rules.claims:
            report.rules += 1
            _examples(doc, lambda ex, doc=doc: _claim_example(grammar, language, doc.model, ex), report)
    return report


def _examples(doc: RuleDoc, check, report: Report) -> None:
    examples = getattr(doc.model, "examples", None)
    if examples is None:
        return
    for polarity, items in (("match", examples.match), ("no_match", examples.no_match)):
        for i, example in enumerate(items):
            error = check(example) if polarity == "match" else _must_not(check, example)
            where = doc.problem(("examples", polarity, i), f"{polarity} example {example.text!r}: {error}")
            if example.todo:
                (report.todo if error else report.fixed).append(
                    where if error else doc.problem(("examples", polarity, i),
                                                    f"todo example {example.text!r} now passes: drop `todo`"))
            elif error:
                report.failures.append(where)
            else:
                report.passed += 1


def _must_not(check, example: Example) -> str | None:
    """A must-not example passes when the check, asked for no value, finds nothing."""
    found = check(Example(text=example.text, published=example.published))
    return None if found == "found nothing" else f"must not match, but {found}"


def _grammar_example(stem: str, grammar: Grammar, language: Language, ex: Example) -> str | None:
    """numbers/qualifiers: the first quantity; dates: the first date; context: the scope found, or the flags
    of a claim; events: the kind of event the text is about."""
    if stem in ("numbers", "qualifiers"):
        found = [n for n in language.numbers.find(ex.text)]
        if not found:
            return "found nothing"
        got = found[0].quantity.notation()
        if ex.value is None:
            return f"found {found[0].text!r} = {got}"
        return None if same_value(ex.value, got) else f"expected {ex.value}, got {got} (from {found[0].text!r})"
    if stem == "dates":
        found = resolve(language.dates.find(ex.text), parse_iso_date(ex.published))
        if not found:
            return "found nothing"
        got = found[0].span.notation()
        if ex.value is None:
            return f"found {found[0].text!r} = {got}"
        return None if ex.value == got else f"expected {ex.value}, got {got} (from {found[0].text!r})"
    if stem == "events":
        got = language.events.main(ex.text)
        if got is None:
            return "found nothing"
        if ex.event is None:
            return f"found event {got}"
        return None if ex.event == got else f"expected event {ex.event}, got {got}"
    if ex.part is not None:
        source = Source(id="<example>", path="<example>", date=parse_iso_date(ex.published), lang=language.code)
        claims = [c for c in Extractor(grammar, language.code).run(Article(source, ex.text)).claims
                  if ex.words is None or c.text == ex.words]  # the claim of these words, else the first
        if not claims:
            return "found nothing"
        return None if claims[0].part == ex.part else f"expected part {ex.part}, got {claims[0].part}"
    if ex.flags is not None:
        source = Source(id="<example>", path="<example>", date=parse_iso_date(ex.published), lang=language.code)
        claims = Extractor(grammar, language.code).run(Article(source, ex.text)).claims
        found = ", ".join(f"{c.text!r}: {list(c.flags)}" for c in claims if c.flags)
        if not claims or (ex.flags and not found):
            return "found nothing"
        if not ex.flags:  # flags: [] says that no claim is flagged
            return f"found claims flagged {found}" if found else None
        return None if any(set(ex.flags) <= set(c.flags) for c in claims) else f"found claims flagged {found}"
    scopes = language.context.scopes_in(ex.text, language.numbers, language.dates)
    if not scopes:
        return "found nothing"
    got = scopes[0].value.key
    if ex.scope is None:
        return f"found scope {got}"
    return None if ex.scope == got else f"expected scope {ex.scope}, got {got}"


def _claim_example(grammar: Grammar, language: Language, rule: ClaimFile, ex: Example) -> str | None:
    source = Source(id="<example>", path="<example>", date=parse_iso_date(ex.published), lang=language.code)
    claims = [c for c in Extractor(grammar, language.code).run(Article(source, ex.text)).claims
              if c.rule == rule.id]
    if not claims:
        return "found nothing"
    if ex.value is None and ex.words is None:
        return "found " + ", ".join(f"{c.text!r} = {c.notation()}" for c in claims)
    errors = []
    for claim in claims:
        wrong = []
        if ex.value is not None and not same_value(ex.value, claim.notation()):
            wrong.append(f"value {claim.notation()} (expected {ex.value})")
        if ex.words is not None and ex.words != claim.text:
            wrong.append(f"words {claim.text!r} (expected {ex.words!r})")
        if ex.place is not None and ex.place not in (claim.place, claim.place_id):
            wrong.append(f"place {claim.place} (expected {ex.place})")
        if ex.scope is not None and ex.scope != (claim.scope.key if claim.scope else None):
            wrong.append(f"scope {claim.scope.key if claim.scope else None} (expected {ex.scope})")
        if ex.event is not None and ex.event != claim.event:
            wrong.append(f"event {claim.event} (expected {ex.event})")
        if ex.subject is not None and ex.subject != claim.subject:
            wrong.append(f"subject {claim.subject} (expected {ex.subject})")
        if ex.attribution is not None and ex.attribution != claim.attribution:
            wrong.append(f"attribution {claim.attribution!r} (expected {ex.attribution!r})")
        if not wrong:
            return None
        errors.append(f"{claim.text!r}: " + ", ".join(wrong))
    return "; ".join(errors)

