"""The cache of compiled rules: used when it holds the rules, never stale, never a way to run code."""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from types import SimpleNamespace

import pytest
import regex
from regex import _regex

from checker import cache
from checker import grammar as grammar_module
from checker.api import explain
from checker.cache import Lazy
from checker.errors import Problem, RuleError
from checker.extractor import Extractor, detect_language
from checker.grammar import Grammar
from checker.models import Source
from checker.sources import Article


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    return tmp_path / "cache" / "checker" / "grammar"


def test_compiled_rules_are_loaded_from_the_cache_and_read_as_compiled(rules, store, monkeypatch):
    built = []
    outline, language = Grammar.outline, grammar_module._language
    monkeypatch.setattr(Grammar, "outline", classmethod(lambda cls, rs: built.append("rules") or outline(rs)))
    monkeypatch.setattr(grammar_module, "_language", lambda *a: built.append(a[0].code) or language(*a))
    text = "Sedikitnya 300 ribu orang tewas di Aleppo, Suriah, kata pejabat, Selasa (14/3/2017)."
    first = Grammar.load([rules])
    monkeypatch.setattr("checker.api.load_grammar", lambda dirs=None: first)
    fresh = explain(text, date="2017-03-15")
    second = Grammar.load([rules])
    monkeypatch.setattr("checker.api.load_grammar", lambda dirs=None: second)
    assert explain(text, date="2017-03-15") == fresh
    assert fresh["claims"] and fresh["claims"][0]["place"]
    assert built == ["rules", "id"]  # each compiled once, then read
    key = cache.fingerprint([rules])
    assert sorted(p.name for p in store.glob("*.pickle")) == [f"{key}.id.language.pickle",
                                                              f"{key}.id.numbers.pickle", f"{key}.pickle"]


def test_a_text_in_one_language_compiles_that_language_alone(store, monkeypatch):
    compiled = []

    def language(lang, problems, numbers=None):  # stands in for 20 s of compiling: the call says which
        compiled.append(lang.code)
        problems.append(Problem("checker", None, None, "compiled"))

    monkeypatch.setattr(grammar_module, "_numbers", lambda lang, problems: compiled.append(f"{lang.code} numbers")
                        or "numbers")
    monkeypatch.setattr(grammar_module, "_language", language)
    fresh = Grammar.load()
    assert len(fresh.languages) > 1 and compiled == []
    for _ in range(2):  # the second time, from the cache
        with pytest.raises(RuleError, match="^checker: compiled$"):
            Extractor(fresh).run(Article(Source(id="a", path="a"), "Sedikitnya 300 ribu orang tewas di Aleppo."))
        assert compiled == ["id numbers", "id"]


def test_a_rule_error_keeps_its_problems_across_processes():
    error = RuleError([Problem("id/deaths.yaml", 3, 14, "pattern does not compile"), Problem("b.yaml", 1, 1, "x")])
    copied = pickle.loads(pickle.dumps(error))
    assert type(copied) is RuleError and copied.problems == error.problems and str(copied) == str(error)


def test_the_key_changes_with_every_rule_file(rules):
    before = cache.fingerprint([rules])
    assert cache.fingerprint([rules]) == before
    numbers = rules / "id" / "numbers.yaml"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    edited = cache.fingerprint([rules])
    assert edited != before
    (rules / "id" / "extra.yaml").write_text("id: id.extra\n", encoding="utf-8")
    assert cache.fingerprint([rules]) != edited


class Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_foreign_entry_in_the_cache_never_runs_code(rules, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.mkdir(parents=True, mode=0o700)
    data = pickle.dumps(Payload())  # with a digest that matches: only the unpickler stands in the way
    (store / f"{cache.fingerprint([rules])}.pickle").write_bytes(hashlib.sha256(data).digest() + data)
    assert cache.cached([rules], lambda: "built") == "built"
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        cache.loads(pickle.dumps(Payload()))


def test_regex_flags_are_kept_as_numbers_which_every_python_reads_back():
    """A pattern's flags (regex.IGNORECASE) are kept as their number: Python 3.11.2 pickles a flag by
    `getattr(RegexFlag, 'I')`, which the cache's unpickler refuses, so that every language read from the cache was
    compiled anew there."""
    data = cache._pickled({"flags": regex.IGNORECASE | regex.V1})
    assert b"getattr" not in data and b"RegexFlag" not in data
    assert cache.loads(data) == {"flags": int(regex.IGNORECASE | regex.V1)}


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership is a POSIX notion")
def test_a_cache_folder_others_can_write_to_is_not_read(rules, store):
    assert cache.cached([rules], lambda: "built") == "built"
    store.chmod(0o777)
    assert cache.cached([rules], lambda: "again") == "again"


def test_no_cache_when_asked(rules, store, monkeypatch):
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    assert cache.cached([rules], lambda: "built") == "built"
    assert not store.exists()


def test_only_the_most_recently_used_grammars_are_kept(rules, store):
    for k in range(cache.KEEP + 2):
        (rules / "id" / "note.yaml").write_text(f"# {k}\n", encoding="utf-8")
        cache.cached([rules], lambda: {"k": k})
        cache.load(f"{cache.key([rules])}.id.language", lambda: {"part": k})  # kept beside it, pruned with it
    assert len(list(store.glob("*.pickle"))) == 2 * cache.KEEP
    assert cache.cached([rules], lambda: "rebuilt") == {"k": cache.KEEP + 1}


@pytest.mark.parametrize("damage", ["edit", "truncate", "empty"])
def test_a_damaged_entry_is_ignored_and_rebuilt(rules, store, damage):
    """An entry edited by hand (a bundled value changed), cut short or emptied is never read: rebuilt."""
    assert cache.cached([rules], lambda: {"pattern": "tewas"}) == {"pattern": "tewas"}
    entry = next(store.glob("*.pickle"))
    data = entry.read_bytes()
    entry.write_bytes({"edit": data.replace(b"tewas", b"TEWAS"), "truncate": data[:-5], "empty": b""}[damage])
    assert cache.cached([rules], lambda: {"pattern": "rebuilt"}) == {"pattern": "rebuilt"}
    assert cache.cached([rules], lambda: {"pattern": "not again"}) == {"pattern": "rebuilt"}  # kept, sound


def test_a_text_in_one_language_reads_that_language_alone_from_the_cache(grammar):
    fresh = Grammar.load()  # the `grammar` fixture kept the bundled rules in the cache
    assert fresh.languages.loaded() == [] and len(fresh.languages) > 1
    assert detect_language("puluhan ribu warga mengungsi", fresh) == "id"  # a tie: number words decide
    assert fresh.languages.loaded() == []
    result = Extractor(fresh).run(Article(Source(id="a", path="a"), "Sedikitnya 300 ribu orang tewas di Aleppo."))
    assert fresh.languages.loaded() == ["id"] and result.claims


def test_a_damaged_part_is_rebuilt_when_first_used(rules, store):
    assert cache.cached([rules], lambda: {"part": Lazy("tewas")})["part"].get() == "tewas"
    entry = next(store.glob("*.pickle"))
    entry.write_bytes(entry.read_bytes().replace(b"tewas", b"TEWAS"))
    assert cache.cached([rules], lambda: {"part": Lazy("rebuilt")})["part"].get() == "rebuilt"
    assert cache.cached([rules], lambda: {"part": Lazy("not again")})["part"].get() == "rebuilt"  # kept, sound


def test_patterns_read_from_the_cache_are_built_when_first_used(rules, store):
    pattern = regex.compile(r"(?r)\b(?:tewas|meninggal)\b", regex.IGNORECASE)
    assert cache.cached([rules], lambda: {"p": Lazy(pattern)})["p"].get().search("ada 3 TEWAS") is not None
    deferred = cache.cached([rules], lambda: {"p": Lazy(None)})["p"].get()
    assert isinstance(deferred, cache.Deferred) and deferred._pattern is None  # read, not built
    assert deferred.search("ada 3 TEWAS").span() == pattern.search("ada 3 TEWAS").span()
    assert (deferred.pattern, deferred.flags) == (pattern.pattern, pattern.flags)
    copied = pickle.loads(pickle.dumps(deferred))  # what a worker gets: the pattern itself
    assert isinstance(copied, regex.Pattern) and copied.search("ada 3 TEWAS").span() == (6, 11)


class _Clock:
    """time.perf_counter as a test would have it: a second more at each reading."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_building_a_pattern_read_from_the_cache_is_no_time_spent_matching(rules, store, monkeypatch):
    """A pattern is built when first used, in the middle of an article's time limits: that time is left out of
    them, or what is found would depend on what had been built before."""
    from checker import extractor

    cache.cached([rules], lambda: {"p": Lazy(regex.compile(r"\d+ tewas"))})
    deferred = cache.cached([rules], lambda: {"p": Lazy(None)})["p"].get()
    monkeypatch.setattr(cache, "time", SimpleNamespace(thread_time=_Clock()))  # each reading, a second more
    monkeypatch.setattr(extractor, "time", SimpleNamespace(thread_time=lambda: 100.0))  # matching takes none
    spent = extractor._spent()
    assert deferred.search("ada 3 tewas").span() == (4, 11)
    assert spent - extractor._spent() == 1.0


def test_large_patterns_are_read_factored_and_tell_their_text_written_out(rules, store, monkeypatch):
    """A large pattern read from the cache is built factored, when first used, and matches as written; its
    `pattern` is the text written out, which builds nothing. A copy (what a worker gets) is the same."""
    words = "|".join(f"{w}{i}" for i in range(40) for w in ("tewas", "luka", "hilang"))
    pattern = regex.compile(rf"(?:(?:{words})\s+){{1,6}}" + rf"(?:{words})?" * 8 + rf"\s*(?:\d+|(?:{words}))",
                            regex.IGNORECASE)  # factored, some nine times shorter
    monkeypatch.setattr(cache, "TWOFOLD", 1000)
    cache.cached([rules], lambda: {"p": Lazy(pattern)})
    twofold = cache.cached([rules], lambda: {"p": Lazy(None)})["p"].get()
    assert isinstance(twofold, cache.Twofold) and len(twofold._quick[0]) * 5 < len(pattern.pattern)
    assert twofold._text is None  # not kept: written out again from the factored form when asked
    assert twofold.pattern == pattern.pattern and "_pattern" not in twofold.__dict__  # the text builds nothing
    texts = ["ada TEWAS3 luka7 12 orang", "hilang0 tewas39 luka1", "tewas1 luka", "luka2  hilang5 99"]
    found = [twofold.match(t) for t in texts] + [twofold.search(t) for t in texts]
    want = [pattern.match(t) for t in texts] + [pattern.search(t) for t in texts]
    assert [m and (m.span(), m.group()) for m in found] == [m and (m.span(), m.group()) for m in want]
    assert any(found), "nothing matched: the test would prove nothing"
    assert twofold._pattern.pattern == twofold._quick[0] != pattern.pattern  # matched factored
    assert twofold.flags == pattern.flags
    copied = pickle.loads(pickle.dumps(twofold))  # what a worker gets
    assert isinstance(copied, cache.Twofold) and copied.search(texts[1]).span() == pattern.search(texts[1]).span()
    assert copied.pattern == pattern.pattern


def test_a_large_pattern_is_compiled_factored_to_begin_with_and_kept_as_the_cache_would(monkeypatch):
    """Building rules, a large pattern is compiled factored (some twenty times faster), matches as written, and
    is kept in the cache as one read from it; a small one, or one factoring hardly shortens, is compiled as is."""
    words = "|".join(f"{w}{i}" for i in range(40) for w in ("tewas", "luka", "hilang"))
    source = rf"(?:(?:{words})\s+){{1,6}}" + rf"(?:{words})?" * 8 + rf"\s*(?:\d+|(?:{words}))"
    monkeypatch.setattr(cache, "LARGE", len(source))
    twofold, written = cache.compiled(source, regex.IGNORECASE), regex.compile(source, regex.IGNORECASE)
    assert isinstance(twofold, cache.Twofold) and twofold.pattern == source and twofold.flags == written.flags
    assert len(twofold._pattern.pattern) * 5 < len(source)  # built factored, once
    texts = ["ada TEWAS3 luka7 12 orang", "hilang0 tewas39 luka1", "tewas1 luka", "luka2  hilang5 99"]
    assert [m and m.span() for t in texts for m in (twofold.match(t), twofold.search(t))] == [
        m and m.span() for t in texts for m in (written.match(t), written.search(t))]
    assert any(twofold.search(t) for t in texts), "nothing matched: the test would prove nothing"
    monkeypatch.setattr(cache, "TWOFOLD", 1000)  # this one as large as the patterns the cache keeps factored
    assert cache._pickled(twofold) == cache._pickled(written)  # kept as the cache keeps the pattern written out
    monkeypatch.setattr(cache, "LARGE", len(source) + 1)
    assert type(cache.compiled(source, regex.IGNORECASE)) is regex.Pattern
    monkeypatch.setattr(cache, "LARGE", 10)
    assert type(cache.compiled(r"\d+(?:tewas|luka)", 0)) is regex.Pattern  # nothing to factor


def test_the_largest_english_claim_patterns_read_factored_match_as_written(grammar, store):
    """The factored form of the bundled rules' largest patterns finds what they find, at every position of the
    English rules' own examples."""
    english = grammar.languages["en"]
    largest = [_built(p) for p in sorted((p for c in english.claims for p in (c.before, c.after) if p is not None),
                                         key=lambda p: -len(p.pattern))[:3]]  # built written out: these alone
    examples = [e.text for doc in english.rules.claims if doc.model.id in ("en.deaths", "en.injured")
                for e in doc.model.examples.match]
    # every eighth example, then the others until the factored form has matched one (which the sample need not)
    sample = examples[::8]
    texts = sample + [t for k, t in enumerate(examples) if k % 8]
    for pattern in largest:
        kept, matched = cache._pickled(pattern), 0
        for tried, text in enumerate(texts):
            if matched and tried >= len(sample):
                break
            twofold = cache.loads(kept)  # anew for each text: each call to the factored form
            assert isinstance(twofold, cache.Twofold)
            for at in [m.start() for m in regex.finditer(r"\s", text)]:  # after each word: the count's among them
                m, want = twofold.match(text, at), pattern.match(text, at)
                assert (m and m.span()) == (want and want.span()), (pattern.pattern[:60], text, at)
                matched += m is not None
        assert matched, "the factored form matched no example: the test would prove nothing"


def _built(p) -> regex.Pattern:
    """A pattern as built, whether by this process or read from the cache."""
    if isinstance(p, cache.Twofold):
        return regex.compile(p.pattern, p.flags, cache_pattern=False)
    return _regex.compile(*p._data) if isinstance(p, cache.Deferred) else p


@pytest.mark.skipif(os.name == "nt", reason="no file locks: processes build an entry side by side")
def test_an_entry_being_built_elsewhere_is_waited_for_and_read(rules, store):
    """Two workers meeting a language the cache lacks: one compiles it, the other reads what it kept."""
    name, started, built, got = f"{cache.key([rules])}.id.language", threading.Event(), [], []

    def slow():
        started.set()
        time.sleep(0.5)
        built.append("first")
        return {"by": "first"}

    first = threading.Thread(target=lambda: got.append(cache.load(name, slow)))
    first.start()
    started.wait()
    second = cache.load(name, lambda: built.append("second") or {"by": "second"})
    first.join()
    assert built == ["first"] and second == got[0] == {"by": "first"}


def test_rules_that_do_not_compile_are_kept_as_such_and_never_compiled_twice(rules, store):
    """A worker waiting for a language another one found broken reads the problems instead of compiling."""
    name, built = f"{cache.key([rules])}.id.language", []

    def broken():
        built.append(1)
        raise RuleError([Problem("id/deaths.yaml", 3, 14, "pattern does not compile")])

    for _ in range(2):
        with pytest.raises(RuleError) as caught:
            cache.load(name, broken)
        assert caught.value.problems == [Problem("id/deaths.yaml", 3, 14, "pattern does not compile")]
    assert built == [1]


def test_compiling_rules_collects_garbage_in_cycles_and_leaves_the_collector_as_it_found_it():
    """A build runs with the cyclic collector on, at thresholds of its own (paused, the garbage of compiling
    the English rules peaked at 4.1 GB); after it, the collector is as it was: paused, with Python's
    thresholds."""
    import gc
    import weakref

    from checker.nogc import COMPILING, rare_gc

    class Node:
        pass

    thresholds = gc.get_threshold()
    gc.disable()
    try:
        with rare_gc():
            assert gc.isenabled() and gc.get_threshold() == COMPILING
            node = Node()
            node.me = node  # a cycle: freed only by the collector
            gone = weakref.ref(node)
            del node
            keep = [Node() for _ in range(20 * COMPILING[0])]  # enough new objects for the collector to run
            assert gone() is None and keep
        assert not gc.isenabled() and gc.get_threshold() == thresholds
    finally:
        gc.enable()
        gc.set_threshold(*thresholds)
