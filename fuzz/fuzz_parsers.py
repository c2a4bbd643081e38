"""Coverage-guided fuzzing of the number and date grammars and of a whole extraction, with atheris.

    pip install atheris && python fuzz/fuzz_parsers.py -max_total_time=300 fuzz/corpus

Any exception is a finding. Seeds: fuzz/seeds/ (copy them into the corpus folder to start from them)."""

import sys

import atheris

from checker.api import load_grammar
from checker.dates import resolve
from checker.extractor import Extractor
from checker.models import Source
from checker.sources import Article, normalise

GRAMMAR = load_grammar()
EXTRACTOR = Extractor(GRAMMAR)


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    lang = sorted(GRAMMAR.languages)[fdp.ConsumeIntInRange(0, len(GRAMMAR.languages) - 1)]
    text = normalise(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()))
    language = GRAMMAR.languages[lang]
    for mention in language.numbers.find(text):
        assert text[mention.start:mention.end] == mention.text
        language.numbers.parse(mention.text)
    for date in resolve(language.dates.find(text), None):
        assert text[date.start:date.end] == date.text
    result = EXTRACTOR.run(Article(Source(id="fuzz", path="fuzz", lang=lang), text))
    lines = text.split("\n")
    for claim in result.claims:
        assert lines[claim.line - 1][claim.column - 1:].startswith(claim.text)


if __name__ == "__main__":
    atheris.instrument_all()  # every Python function loaded so far, checker's included
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
