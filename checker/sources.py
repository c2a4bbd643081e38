"""Read articles from files, folders, JSON Lines (plain or gzip) and standard input, one at a time.

Text is decoded (UTF-8, else cp1252 with a warning), its BOM dropped and its line ends made "\\n" one for
one, so that line and column computed on it are those of the original file. Metadata comes from a
front matter block, a `sources.csv` manifest beside the articles, or the JSON Lines record itself."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import regex

from checker.errors import Problem
from checker.models import Source
from checker.rules import display_path

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
MANIFEST = "sources.csv"
META_KEYS = ("date", "source", "url", "lang", "title")
FRONT_MATTER = regex.compile(r"\A---\n(.*?\n)---\n", regex.DOTALL)
LINE_ENDS = regex.compile(r"\r\n?")
SURROGATE = regex.compile(r"[\ud800-\udfff]")
# characters that show nothing and join or split no words a reader sees: a soft hyphen ("inve\u00adstigate",
# "people \u00ad— all females —"), a zero-width space, a word joiner, a BOM inside the text
INVISIBLE = regex.compile("[\u00ad\u200b\u2060\ufeff]")
BAD_BYTE = regex.compile(r"[\udc80-\udcff]")  # a byte that is not UTF-8, as errors="surrogateescape" keeps it


@dataclass(frozen=True, slots=True)
class Article:
    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read (or only partly): reported, and the run goes on."""

    problem: Problem
    skipped: bool = True  # False: a warning only (e.g. decoded with a fallback)


def normalise(text: str) -> str:
    """Drop a BOM and the characters that show nothing (`INVISIBLE`: a rule's words and spaces then meet
    across them), make every line end one "\\n" (line numbers stay those of the file; a column counts the
    characters a reader sees), and replace lone surrogates (from a bad decode upstream, legal in JSON) by
    U+FFFD so that output can always be encoded."""
    text = INVISIBLE.sub("", text)
    if "\r" in text:
        text = LINE_ENDS.sub("\n", text)
    return SURROGATE.sub("\ufffd", text)


def decode(data: bytes, shown: str) -> tuple[str | None, Skipped | None]:
    """Bytes -> text; None for binary data. Non-UTF-8 text is read as cp1252 (latin-1 where undefined)."""
    if b"\x00" in data[:8192]:
        return None, Skipped(Problem(shown, None, None, "binary file, skipped"))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace") if _cp1252_ok(data) else data.decode("latin-1")
        return text, Skipped(Problem(shown, line, None, "not UTF-8; read as cp1252 (Windows Latin-1); "
                                                        "convert it to UTF-8 to silence this"), skipped=False)


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _meta(values: dict, shown: str, line: int | None) -> tuple[dict, list[Skipped]]:
    """Metadata fields from a front matter, manifest row or JSON record; bad ones are warned about."""
    out, warnings = {}, []
    for key in META_KEYS:
        value = values.get(key)
        if value in (None, ""):
            continue
        if key == "date":
            parsed = parse_date(value)
            if parsed is None:
                warnings.append(Skipped(Problem(shown, line, None, f"date {value!r} is not YYYY-MM-DD; ignored"),
                                        skipped=False))
                continue
            value = parsed
        else:
            value = SURROGATE.sub("\ufffd", value if isinstance(value, str) else str(value))
        out["outlet" if key == "source" else key] = value
    return out, warnings


def front_matter(text: str, shown: str) -> tuple[str, dict, list[Skipped]]:
    """Read a leading '---' block of `key: value` lines and blank it out (its newlines stay)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text, {}, []
    values = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip().lower()] = value.strip().strip("\"'")
    meta, warnings = _meta(values, shown, 1)
    blank = regex.sub(r"[^\n]", " ", m.group())
    return blank + text[m.end():], meta, warnings


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[Skipped]]:
    """sources.csv: a row per article (path relative to the folder, date, source, url, lang, title)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}, []
    shown = display_path(path)
    rows, warnings = {}, []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), start=2):
                if not row.get("path"):
                    warnings.append(Skipped(Problem(shown, n, None, "row without a path; ignored"), skipped=False))
                    continue
                meta, bad = _meta({k.strip().lower(): v for k, v in row.items() if k}, shown, n)
                warnings.extend(bad)
                rows[os.path.normpath(folder / row["path"].strip())] = meta
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        warnings.append(Skipped(Problem(shown, None, None, f"cannot read manifest: {exc}")))
    return rows, warnings


MAX_FILE = 64 * 2**20  # bytes of one text file: an article is far smaller; a larger file is named and skipped
MAX_RECORD = 16 * 2**20  # characters of one JSON Lines record


def read_text_file(path: Path, meta: dict) -> Iterator[Article | Skipped]:
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            yield Skipped(Problem(shown, None, None, f"larger than {MAX_FILE:,} bytes: not read (split it, or "
                                                     f"make it JSON Lines, one article a line)"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(Problem(shown, None, None, f"cannot read: {exc.strerror or exc}"))
        return
    yield from read_text(data, shown, meta)


def read_text(data: bytes, shown: str, meta: dict) -> Iterator[Article | Skipped]:
    """The bytes of one text file (read here, or by a Dask worker from a URL) as its article."""
    text, warning = decode(data, shown)
    if warning:
        yield warning
    if text is None:
        return
    text, fm_meta, warnings = front_matter(normalise(text), shown)
    yield from warnings
    if not text.strip():
        yield Skipped(Problem(shown, None, None, "empty file, nothing to read"), skipped=False)
        return
    yield Article(Source(id=shown, path=shown, **{**meta, **fm_meta}), text)


def read_jsonl(stream: io.TextIOBase, shown: str) -> Iterator[Article | Skipped]:
    """One article a line: id, text, and optionally date, source, url, lang, title. A line longer than
    MAX_RECORD characters (a gzip bomb's one endless line) is skipped as it is read, never held whole."""
    n = 0
    while True:
        try:
            raw = stream.readline(MAX_RECORD + 1)
            if len(raw) > MAX_RECORD and not raw.endswith("\n"):
                while (rest := stream.readline(MAX_RECORD)) and not rest.endswith("\n"):
                    pass
                n += 1
                yield Skipped(Problem(shown, n, None, f"a record longer than {MAX_RECORD:,} characters; line "
                                                      f"skipped"))
                continue
        except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
            yield Skipped(Problem(shown, n + 1, None, f"cannot read further: {exc}; the rest is skipped"))
            return
        if not raw:
            if not n:
                yield Skipped(Problem(shown, None, None, "empty file, nothing to read"), skipped=False)
            return
        n += 1
        if not raw.strip():
            continue
        if BAD_BYTE.search(raw):  # bytes that are not UTF-8, kept by the stream as lone surrogates
            raw = BAD_BYTE.sub("\ufffd", raw)
            yield Skipped(Problem(shown, n, None, "not UTF-8: the bytes that are not were read as U+FFFD; convert "
                                                  "the file to UTF-8 to silence this"), skipped=False)
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Skipped(Problem(shown, n, exc.colno, f"not valid JSON ({exc.msg}); line skipped"))
            continue
        if not isinstance(record, dict):
            yield Skipped(Problem(shown, n, None, "not a JSON object; line skipped"))
            continue
        text = record.get("text")
        if not isinstance(text, str):
            what = "has no \"text\"" if text is None else "has a \"text\" that is not a string"
            yield Skipped(Problem(shown, n, None, f"record {what}; line skipped"))
            continue
        meta, warnings = _meta(record, shown, n)
        yield from warnings
        ident = record.get("id")
        ident = SURROGATE.sub("\ufffd", str(ident)) if ident not in (None, "") else f"{shown}:{n}"
        yield Article(Source(id=ident, path=shown, record_line=n, **meta), normalise(text))


def open_jsonl(path: Path) -> Iterator[Article | Skipped]:
    shown = display_path(path)
    try:
        if path.name.endswith(".gz"):
            stream = gzip.open(path, "rt", encoding="utf-8", errors="surrogateescape")
        else:
            stream = path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        yield Skipped(Problem(shown, None, None, f"cannot read: {exc.strerror or exc}"))
        return
    with stream:
        yield from read_jsonl(stream, shown)


def read_stdin(meta: dict) -> Iterator[Article | Skipped]:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    yield from read_stream(data, "<stdin>", meta)


def read_stream(data: bytes, shown: str, meta: dict) -> Iterator[Article | Skipped]:
    """Standard input, a pipe or a process substitution (`<(zcat a.jsonl.gz)`): JSON Lines when its first
    line is a JSON object, else one text."""
    text, warning = decode(data, shown)
    if warning:
        yield warning
    if text is None:
        return
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("{") and _is_object(first):
        yield from read_jsonl(io.StringIO(text), shown)
        return
    text, fm_meta, warnings = front_matter(normalise(text), shown)
    yield from warnings
    yield Article(Source(id=shown, path=shown, **{**meta, **fm_meta}), text)


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES) or name.endswith(JSONL_SUFFIXES)


MAX_DEPTH = 64  # folders below a path given: deeper ones are reported and not walked


def read_paths(paths: list[str]) -> Iterator[Article | Skipped]:
    """Every article of every path, in a stable order: arguments as given, folders walked sorted. Each real
    file and folder is read once, however many links lead to it (a link loop is reported and skipped); a
    pipe (`<(zcat …)`, /dev/stdin) is read as standard input is; other special files are named and skipped."""
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        if raw == "-":
            yield from read_stdin({})
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in _walk(path, seen, 0):
                found = True
                yield from item
            if not found:
                yield Skipped(Problem(display_path(path), None, None,
                                      f"no articles ({', '.join(TEXT_SUFFIXES + JSONL_SUFFIXES)}) in this folder"))
        elif path.is_file():
            if _first_visit(path, seen):
                yield from _one_file(path, read_manifest(path.parent)[0])
        elif path.exists():
            yield from _special(path)
        else:
            yield Skipped(Problem(display_path(path), None, None, "no such file or folder"))


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        st = path.stat()
    except OSError:
        return True  # reading it will say what is wrong
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _special(path: Path) -> Iterator[Article | Skipped]:
    shown = display_path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            with path.open("rb") as stream:
                data = stream.read()
            yield from read_stream(data, shown, {})
            return
    except OSError as exc:
        yield Skipped(Problem(shown, None, None, f"cannot read: {exc.strerror or exc}"))
        return
    kind = "a socket" if stat.S_ISSOCK(mode) else "a block device" if stat.S_ISBLK(mode) else "not a regular file"
    yield Skipped(Problem(shown, None, None, f"{kind}: not read"))


def _walk(folder: Path, seen: set[tuple[int, int]], depth: int) -> Iterator[Iterator[Article | Skipped]]:
    if not _first_visit(folder, seen):
        yield iter([Skipped(Problem(display_path(folder), None, None,
                                    "a folder already read through another path (a link loop?): skipped"),
                            skipped=False)])
        return
    if depth > MAX_DEPTH:
        yield iter([Skipped(Problem(display_path(folder), None, None,
                                    f"more than {MAX_DEPTH} folders deep: not walked"))])
        return
    manifest, warnings = read_manifest(folder)
    if warnings:
        yield iter(warnings)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield iter([Skipped(Problem(display_path(folder), None, None, f"cannot list: {exc.strerror or exc}"))])
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                yield from _walk(entry, seen, depth + 1)
            elif entry.is_file() and is_article_file(entry) and _first_visit(entry, seen):
                yield _one_file(entry, manifest)
        except OSError as exc:
            yield iter([Skipped(Problem(display_path(entry), None, None, f"cannot read: {exc.strerror or exc}"))])


def _one_file(path: Path, manifest: dict[str, dict]) -> Iterator[Article | Skipped]:
    if path.name.lower().endswith(JSONL_SUFFIXES):
        return open_jsonl(path)
    return read_text_file(path, manifest.get(os.path.normpath(path), {}))

