"""Stream articles through extraction on every core; results come back in input order."""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from checker.api import load_grammar
from checker.errors import Problem, UsageError
from checker.extractor import Extractor, Result
from checker.sources import Article, Skipped, read_paths

SERIAL_BELOW = 16  # articles: fewer than this are not worth starting processes for
CHUNK = 8  # articles sent to a worker at once
IN_FLIGHT = 4  # chunks per worker queued ahead

_worker: Extractor | None = None


def _init(rules: tuple[str, ...], lang: str | None) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no worker tracebacks
    _worker = Extractor(load_grammar(list(rules)), lang)


def _run(articles: list[Article]) -> list[Result]:
    return [_worker.run(a) for a in articles]  # type: ignore[union-attr]


@dataclass
class Run:
    """Totals a command reports at the end: what was read, skipped, and the problems met."""

    articles: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


def jobs_default() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract(paths: list[str], rules: list[str] | None, lang: str | None, jobs: int | None,
            run: Run) -> Iterator[Result]:
    """Extract every article of `paths`, yielding one Result per article, in input order.

    Inputs that cannot be read are recorded in `run` and skipped; the rest goes on. Memory stays flat: at
    most a few chunks of articles are in flight at once."""
    yield from extract_articles(read_paths(paths), rules, lang, jobs, run)


def extract_articles(items: Iterable[Article | Skipped], rules: list[str] | None, lang: str | None,
                     jobs: int | None, run: Run) -> Iterator[Result]:
    """As `extract`, over articles already read (the Python API builds them from strings and records)."""
    rules_key = tuple(str(r) for r in rules or ())
    items = _articles(items, run)
    head = list(itertools.islice(items, 1))
    if not head:
        return  # nothing readable (a mistyped path): said at once, without compiling any rule
    grammar = load_grammar(list(rules_key))  # fail early, in this process, on broken rules
    if lang is not None and lang not in grammar.languages:
        raise UsageError(f"--lang {lang!r}: no rules for that language; loaded: {', '.join(sorted(grammar.languages))}")
    head += list(itertools.islice(items, SERIAL_BELOW - 1))
    extractor = Extractor(grammar, lang)
    for article in head:  # their languages compiled here, once, before any worker needs them: broken rules fail early
        extractor.language_of(article)
    jobs = jobs or jobs_default()
    if jobs > 1 and len(head) >= SERIAL_BELOW and grammar.languages.key is None:
        grammar.languages.every()  # no cache to share them through: compiled once, here, and inherited by workers
    if len(head) < SERIAL_BELOW or jobs <= 1:
        for article in itertools.chain(head, items):
            yield extractor.run(article)
        return
    import multiprocessing  # with concurrent.futures (and logging, traceback): only for a pool of processes
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    pending: deque = deque()  # (chunk, future), in input order
    stream = itertools.chain(head, items)
    here: Extractor | None = None  # extraction in this process, once a worker has died
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(rules_key, lang))
    try:
        def done(chunk, future) -> list[Result]:
            nonlocal here
            if here is None:
                try:
                    return future.result()
                except BrokenProcessPool:  # a worker was killed (by the OOM killer, a signal): go on here
                    run.problems.append(Problem("checker", None, None, "a worker process died (killed, or out "
                                                "of memory); its articles and the rest are read in this process"))
                    here = Extractor(load_grammar(list(rules_key)), lang)
            return [here.run(article) for article in chunk]

        while chunk := list(itertools.islice(stream, CHUNK)):
            pending.append((chunk, pool.submit(_run, chunk) if here is None else None))
            while len(pending) >= jobs * IN_FLIGHT:  # back-pressure: reading waits for extraction
                yield from done(*pending.popleft())
        while pending:
            yield from done(*pending.popleft())
    finally:
        pool.shutdown(wait=here is None, cancel_futures=True)


def _articles(items: Iterable[Article | Skipped], run: Run) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Skipped):
            run.problems.append(item.problem)
            run.skipped += item.skipped
            continue
        run.articles += 1
        yield item
