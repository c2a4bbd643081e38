"""Extraction on a Dask cluster: article batches, or files at URLs, as a Dask bag; results in input order."""

from __future__ import annotations

import gzip
import itertools
import threading
from collections import deque
from typing import Iterable, Iterator

from checker.api import load_grammar
from checker.errors import Problem, UsageError
from checker.extractor import Extractor, Result
from checker.sources import JSONL_SUFFIXES, Article, Skipped, read_jsonl, read_paths, read_text

INSTALL = "--engine dask needs dask and distributed: pip install 'figure-checker[dask]'"
CHUNK = 64  # articles read here and sent to a worker as one partition
IN_FLIGHT = 4  # partitions per worker thread queued ahead

_local = threading.local()  # one Extractor per worker thread, built on its first partition


def is_url(path: str) -> bool:
    return "://" in path


def _extractor(rules: tuple[str, ...], lang: str | None) -> Extractor:
    key = (rules, lang)
    if getattr(_local, "key", None) != key:
        _local.key, _local.extractor = key, Extractor(load_grammar(list(rules)), lang)
    return _local.extractor


def run_articles(articles: list[Article], rules: tuple[str, ...], lang: str | None) -> list[Result]:
    """A worker's share: the Results of articles the client read."""
    extractor = _extractor(rules, lang)
    return [extractor.run(a) for a in articles]


def read_url(url: str) -> Iterator[Article | Skipped]:
    """One file that fsspec opens (file://, s3://, gs://, https:// ...), read as the local readers read a
    file: JSON Lines (.gz decompressed) one article a line, else one text with its front matter."""
    import fsspec

    try:
        if url.lower().endswith(JSONL_SUFFIXES):
            encoding = "utf-8" if url.lower().endswith(".gz") else "utf-8-sig"  # as open_jsonl reads them
            with fsspec.open(url, "rt", compression="infer", encoding=encoding, errors="surrogateescape",
                             newline="") as stream:
                yield from read_jsonl(stream, url)
            return
        with fsspec.open(url, "rb", compression="infer") as stream:
            data = stream.read()
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        yield Skipped(Problem(url, None, None, f"cannot read: {exc}"))
        return
    yield from read_text(data, url, {})


def run_urls(urls: list[str], rules: tuple[str, ...], lang: str | None) -> list[Result | Skipped]:
    """A worker's share: the files it reads itself, extracted; what could not be read is kept in place."""
    out: list[Result | Skipped] = []
    for url in urls:
        for item in read_url(url):
            out.append(_extractor(rules, lang).run(item) if isinstance(item, Article) else item)
    return out


def expand(urls: list[str]) -> list[str]:
    """Every file a URL or URL glob names, in sorted order (s3://bucket/2026/*.jsonl.gz)."""
    import fsspec

    found: list[str] = []
    for url in urls:
        try:
            files = fsspec.open_files(url, "rb")
        except ImportError as exc:  # a protocol whose package is missing: "Install s3fs to access S3"
            raise UsageError(f"{url}: {exc} (on the workers too)") from None
        except (OSError, ValueError) as exc:
            raise UsageError(f"{url}: cannot list: {exc}") from None
        if not files:
            raise UsageError(f"{url}: no such file (or the glob matched none)")
        found += [f.full_name for f in sorted(files, key=lambda f: f.path)]
    return found


def client(scheduler: str | None, jobs: int | None):
    """A client of the scheduler at this address, or of a new local cluster of `jobs` worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(INSTALL) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot connect: {exc}") from None
    from checker.pipeline import jobs_default

    cluster = LocalCluster(n_workers=jobs or jobs_default(), threads_per_worker=1, dashboard_address=None)
    return Client(cluster)


def extract(paths: list[str], rules: list[str] | None, lang: str | None, jobs: int | None, run,
            scheduler: str | None = None, connect=None) -> Iterator[Result]:
    """As `pipeline.extract`, on a Dask cluster: local paths are read here, as ever, and sent to the workers in
    partitions of CHUNK articles; URLs are globbed here and read by the workers, one partition a file. The
    Results come back in input order, so the output is that of one process. `connect`: a Client to use."""
    try:
        import dask.bag as db
    except ImportError:
        raise UsageError(INSTALL) from None
    from checker.pipeline import _articles

    rules_key = tuple(str(r) for r in rules or ())
    urls = [p for p in paths if is_url(p)]
    if urls and len(urls) != len(paths):
        raise UsageError("--engine dask: give either local paths or URLs, not both in one run")
    articles = iter(()) if urls else _articles(read_paths(paths), run)
    head = list(itertools.islice(articles, 1))
    if not urls and not head:
        return  # nothing readable (a mistyped path): said at once, without compiling a rule or starting a cluster
    grammar = load_grammar(list(rules_key))  # fail early, here, on broken rules
    if lang is not None and lang not in grammar.languages:
        raise UsageError(f"--lang {lang!r}: no rules for that language; loaded: {', '.join(sorted(grammar.languages))}")
    if head:  # its language compiled here, once, into the cache local workers read
        Extractor(grammar, lang).language_of(head[0])
    files = expand(urls) if urls else []  # before a cluster is started: a wrong URL is said at once
    dask_client = connect or client(scheduler, jobs)
    try:
        threads = max(1, sum(dask_client.nthreads().values()))
        if urls:
            bag = db.from_sequence(files, npartitions=len(files)).map_partitions(run_urls, rules_key, lang)
            yield from _gather(dask_client, bag.to_delayed(), threads * IN_FLIGHT, run, count=True)
        else:
            parts = _batches(itertools.chain(head, articles), rules_key, lang, db)
            yield from _gather(dask_client, parts, threads * IN_FLIGHT, run, count=False)
    finally:
        if connect is None:
            cluster = dask_client.cluster
            dask_client.close()
            if cluster is not None:
                cluster.close()


def _batches(articles: Iterator[Article], rules: tuple[str, ...], lang: str | None, db):
    """A delayed partition per CHUNK articles read here."""
    while chunk := list(itertools.islice(articles, CHUNK)):
        yield db.from_sequence(chunk, npartitions=1).map_partitions(run_articles, rules, lang).to_delayed()[0]


def _gather(dask_client, parts: Iterable, window: int, run, count: bool) -> Iterator[Result]:
    """Compute the partitions, at most `window` at once (reading waits for extraction), and yield their
    Results in order; `count`: the articles were read by the workers, so are counted here."""
    pending: deque = deque()
    for part in parts:
        pending.append(dask_client.compute(part))
        while len(pending) >= window:
            yield from _counted(pending.popleft().result(), run, count)
    while pending:
        yield from _counted(pending.popleft().result(), run, count)


def _counted(items: list[Result | Skipped], run, count: bool) -> Iterator[Result]:
    for item in items:
        if isinstance(item, Skipped):
            run.problems.append(item.problem)
            run.skipped += item.skipped
            continue
        run.articles += count
        yield item
