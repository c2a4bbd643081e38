"""The user's cache: parsed rule files, and the compiled rules of a rules folder.

Compiling the rules (about 350 large regular expressions) takes seconds; loading them compiled takes a
fraction of one. A compiled grammar is kept under a key made of everything it was built from: the content
of every rule file, the working directory (problems name files relative to it), checker's own source, and
the Python, regex and pydantic releases. Nothing in the cache is ever stale, only unused.

The compiled grammar is a pickle, read back by an unpickler that builds nothing but checker's own classes,
compiled patterns and a few plain types: a file in the cache cannot make checker run code of its choosing.
Files another user owns, or in a folder others can write to, are ignored. Each entry starts with the
SHA-256 of its head, and the head holds the SHA-256 of every part kept apart (`Lazy`: a language's rule
files, the gazetteer), each read and checked only when first used: an entry cut short, corrupted or edited by
hand is ignored and rebuilt, never half-read. What is compiled later (a language, when the input first needs
it) is kept in entries of its own beside it, `<key>.<part>.pickle`, and pruned with it.
`CHECKER_NO_CACHE=1` bypasses the cache altogether."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import struct
import sys
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import pydantic
import regex
from regex import _regex

from checker import __version__
from checker.errors import RuleError
from checker.macros import factor, inline
from checker.nogc import no_gc, rare_gc

FORMAT = 3  # of the compiled-grammar file: SHA-256 of (SIZES + head), SIZES, the head pickle, the parts
SIZES = struct.Struct("<QQ")  # bytes of the head, bytes of the parts after it
KEEP = 4  # compiled grammars kept (the most recently used): each is some megabytes
SUFFIXES = (".yaml", ".yml", ".tsv")
ALLOWED = {  # module -> names an unpickler may build (besides checker's own classes)
    "builtins": {"set", "frozenset", "slice", "complex", "int"},
    "decimal": {"Decimal"},
    "datetime": {"date", "datetime", "timedelta", "timezone"},
    "regex._regex_core": {"RegexFlag"},
    "collections": {"OrderedDict", "defaultdict", "Counter"},
}


def folder(kind: str) -> Path | None:
    """The cache folder for one kind of entry, or None when caching is off."""
    if os.environ.get("CHECKER_NO_CACHE"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "checker" / kind


def write(path: Path, data: bytes) -> None:
    """Write a cache entry atomically; say nothing when it cannot be written (then there is no cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _trusted(path: Path) -> bool:
    """The file is the user's own, in a folder only the user can write to."""
    if not hasattr(os, "getuid"):
        return True
    try:
        for p in (path, path.parent):
            st = p.stat()
            if st.st_uid != os.getuid() or (p != path and st.st_mode & 0o022):
                return False
    except OSError:
        return False
    return True


def read(path: Path) -> bytes | None:
    if not _trusted(path):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


@dataclass(frozen=True)
class Broken:
    """What the cache keeps of rules that do not compile: their problems (never the exception, which libraries
    such as dask's pickle with its traceback)."""

    problems: list


TWOFOLD = 50_000  # words of compiled code above which a pattern is kept factored (see Twofold) …
SHRINKS = 8  # … when factoring makes it at least this many times shorter
LARGE = 300_000  # characters from which a pattern is compiled factored to begin with (see `compiled`)
MISSING = object()  # no entry in the cache, or none that can be read
_built = 0.0  # processor seconds spent building patterns read from the cache (see `building_time`)


def _build(*data):
    """A pattern built from what regex pickles it as, its time added to `building_time`."""
    global _built
    began = time.thread_time()
    try:
        return _regex.compile(*data)
    finally:
        _built += time.thread_time() - began


def building_time() -> float:
    """Processor seconds spent building patterns read from the cache. A pattern is built when first used, in the
    middle of matching; time limits on matching leave this out (checker.extractor), or the article a pattern is
    first used on would time out and output would depend on what had been built before."""
    return _built


class Lazy:
    """A part of a cached object kept apart in its cache entry, read and checked on first use (`get`): a text
    in one language need not load the others."""

    __slots__ = ("_value", "_load")

    def __init__(self, value=None, load=None):
        self._value, self._load = value, load

    def get(self):
        if self._load is not None:
            self._value, self._load = self._load(), None
        return self._value

    def __reduce__(self):  # pickled anywhere but a cache entry's head (a copy, a worker): the value itself
        return Lazy, (self.get(),)


class Deferred:
    """A compiled pattern read from the cache, built when first used. Building one from its pickled form takes
    the `regex` module about as long as 10 KB of its code, and a language holds some 160 of them, 50 MB in
    memory: a command that needs a few (`explain` of one sentence) no longer builds them all. Each attribute
    is copied onto this object when first asked for, so a call such as `.match` costs what the pattern's does
    and some 0.1 µs more (Python's hook for __getattr__): a few milliseconds over 500 articles."""

    def __init__(self, *data):
        self._data = data  # what regex pickles a pattern as: the arguments of regex._regex.compile
        self._pattern = None

    def __getattr__(self, name: str):  # only for what is not on this object yet: each attribute once
        if self._pattern is None:
            self._pattern = _build(*self._data)
        value = getattr(self._pattern, name)
        setattr(self, name, value)
        return value

    def __reduce__(self):  # a copy, or a worker's: the pattern itself
        return _regex.compile, self._data


class Twofold:
    """A large compiled pattern read from the cache, kept factored (checker.macros: each repeated group written
    once), which `regex` builds some twenty times faster than the pattern written out, and which finds the same
    matches with the same groups (tests/test_macros.py) at the same speed once built, in a fraction of the
    memory: 3,000 English articles, one process, took 63 processor seconds and 463 MB at the peak, flat, where
    moving calls to the written-out form once they had cost its build took 70 s and 1.7 GB, growing. The text
    written out is what `pattern` gives (what `rules lint` reads), written out again from the factored form when
    asked (`checker.macros.inline`, character for character): kept, it was a fifth of the English rules' memory
    (21 of some 100 MB), and nothing but `rules lint` asks for it. It is kept only where writing out would not give
    it back. The factored form is built when first used."""

    def __init__(self, text: str | None, quick: tuple):
        self._text, self._quick = text, quick

    @classmethod
    def built(cls, text: str, quick: regex.Pattern) -> Twofold:
        """One already built: `quick` is the factored form of `text`, compiled."""
        made = cls(*_kept(text, quick._pickled_data))
        made._pattern = quick
        return made

    def __getattr__(self, name: str):  # only for what is not on this object yet: each attribute once
        if name == "pattern":
            value = inline(self._quick[0]) if self._text is None else self._text
        else:
            if "_pattern" not in self.__dict__:
                self._pattern = _build(*self._quick)
            value = getattr(self._pattern, name)
        setattr(self, name, value)
        return value

    def __reduce__(self):  # a copy, or a worker's: as read
        return Twofold, (self._text, self._quick)


def _kept(text: str, quick: tuple) -> tuple[str | None, tuple]:
    """What a Twofold keeps of a pattern's text written out and its factored form (what regex pickles it as): no
    text where the factored form writes out to it."""
    return (None if inline(quick[0]) == text else text), quick


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, parts=None):
        super().__init__(file)
        self.parts = parts

    def persistent_load(self, pid):
        if self.parts is None:
            raise pickle.UnpicklingError("a part kept apart, outside a cache entry's head")
        return self.parts.lazy(pid)

    def find_class(self, module: str, name: str):
        if module.split(".")[0] == "checker":
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        elif module == "regex._regex" and name == "compile":
            return Deferred
        elif name in ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in checker's cache")


def loads(data: bytes, parts: _Parts | None = None):
    return _Unpickler(io.BytesIO(data), parts).load()


class _Pickler(pickle.Pickler):
    """Pickles a large compiled pattern factored, with its text written out (see Twofold)."""

    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)

    def reducer_override(self, obj):
        if isinstance(obj, regex.RegexFlag):  # kept as its number: Python 3.11.0-3.11.3 pickle a flag by getattr,
            return int, (int(obj),)  # which no unpickler here may call
        if type(obj) is regex.Pattern and len(obj._pickled_data[2]) >= TWOFOLD:
            quick = _factored(obj.pattern, obj.flags)
            if quick is not None:  # else kept written out
                return Twofold, _kept(obj.pattern, quick._pickled_data)
        return NotImplemented


def _factored(text: str, flags: int) -> regex.Pattern | None:
    """The factored form of a pattern, compiled with `flags`; None when factoring shortens it less than SHRINKS
    times, or its factored form does not compile."""
    short = factor(text)
    if len(short) * SHRINKS > len(text):
        return None
    try:
        return regex.compile(short, flags, cache_pattern=False)
    except (regex.error, OverflowError, RecursionError):
        return None


def compiled(source: str, flags: int):
    """regex.compile(source, flags); but a pattern of LARGE characters or more that factoring shortens enough is
    compiled factored, as the cache keeps it (a Twofold, which matches what the pattern does): built some twenty
    times faster. Written out, the 24 largest English claim patterns took two of the three minutes of building
    the language the first time."""
    if len(source) >= LARGE:
        given = flags  # and the flags `regex` gives a text pattern: those the cache keeps it with
        given |= 0 if flags & (regex.ASCII | regex.LOCALE) else regex.UNICODE
        given |= 0 if flags & (regex.VERSION0 | regex.VERSION1) else regex.DEFAULT_VERSION
        quick = _factored(source, given)
        if quick is not None:  # else compiled written out, which says what is wrong if anything is
            return Twofold.built(source, quick)
    return regex.compile(source, flags)


def _pickled(obj) -> bytes:
    out = io.BytesIO()
    _Pickler(out).dump(obj)
    return out.getvalue()


class _Writer(_Pickler):
    """Pickles an object's head; each Lazy in it becomes a part of its own, its SHA-256 in the head."""

    def __init__(self, file):
        super().__init__(file)
        self.parts: list[bytes] = []
        self.lazies: list[Lazy] = []  # in the order of their parts
        self.size = 0

    def persistent_id(self, obj):
        if type(obj) is not Lazy:
            return None
        data = _pickled(obj.get())
        pid = (len(self.parts), self.size, len(data), hashlib.sha256(data).digest())
        self.parts.append(data)
        self.lazies.append(obj)
        self.size += len(data)
        return pid


def dumps(obj) -> tuple[bytes, list[Lazy]]:
    """A cache entry of obj (see the module's docstring), and its Lazy parts in their order."""
    head = io.BytesIO()
    writer = _Writer(head)
    writer.dump(obj)
    sizes = SIZES.pack(len(head.getvalue()), writer.size)
    digest = hashlib.sha256(sizes + head.getvalue()).digest()
    return b"".join([digest, sizes, head.getvalue(), *writer.parts]), writer.lazies


class _Parts:
    """The parts of one cache entry, each read when first used and unpickled once its SHA-256 matches. The file
    stays open: replaced or removed meanwhile, it is still the one whose head was read. A part that cannot be
    read back comes from the rules built anew, once."""

    def __init__(self, fd: int, start: int, rebuild):
        self.fd, self.start, self.rebuild = fd, start, rebuild
        self.fresh: list[Lazy] | None = None
        weakref.finalize(self, os.close, fd)

    def lazy(self, pid) -> Lazy:
        return Lazy(load=lambda: self.load(pid))

    def load(self, pid):
        index, offset, size, digest = pid
        try:
            data = _read_at(self.fd, self.start + offset, size)
            if len(data) == size and hashlib.sha256(data).digest() == digest:
                with no_gc():
                    return loads(data)
        except Exception:  # noqa: BLE001 - a broken part is rebuilt, whatever is wrong with it
            pass
        if self.fresh is None:
            self.fresh = self.rebuild()
        return self.fresh[index].get()


def _read_at(fd: int, offset: int, size: int) -> bytes:
    """Bytes of an open file, which processes forked since share (and its position with it)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # no fork without pread (Windows): one process reads it
    return os.read(fd, size)


def fingerprint(roots: list[Path]) -> str:
    """A key for everything a grammar is built from (see the module's docstring)."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{os.getcwd()}".encode("utf-8", "surrogatepass"))
    # the releases, as the modules say (asking the installed packages' metadata takes longer)
    digest.update(f"\0regex {regex.__version__}\0pydantic {pydantic.VERSION}\0figure-checker {__version__}".encode())
    own = Path(__file__).resolve().parent
    for path in sorted(own.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for root in roots:
        root = root.resolve()
        digest.update(b"\0root\0" + str(root).encode("utf-8", "surrogatepass"))
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
            digest.update(b"\0" + str(path.relative_to(root)).encode("utf-8", "surrogatepass") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def key(roots: list[Path]) -> str | None:
    """The name of the cache entry of these rule folders; None when caching is off or a rule file cannot be read
    (building says which, and where)."""
    if folder("grammar") is None:
        return None
    try:
        return fingerprint(roots)
    except OSError:
        return None


def cached(roots: list[Path], build):
    """`build()` of these rule folders, from the cache when it holds it, else built and kept."""
    return load(key(roots), build)


def load(name: str | None, build):
    """The cache entry `name`, else `build()`, kept under that name (when there is one). Its Lazy parts are read
    from the cache when first used. Entries named `<name>.<part>` belong with the entry `<name>`. One process
    builds an entry at a time: another that needs it meanwhile waits, and reads what the first kept."""
    where = folder("grammar")
    path = where / f"{name}.pickle" if where and name else None
    if path is None:
        return _store(None, build, whole=True)
    found = _read(path, build)
    if found is MISSING:
        with _building(path):
            found = _read(path, build)  # built by another process while this one waited
            if found is MISSING:
                found = _store(path, build, whole=True)
    if isinstance(found, Broken):  # rules that do not compile: kept too, so that no waiting process retries
        raise RuleError(found.problems)
    return found


def _read(path: Path, build):
    """The entry at `path`, its parts read when first used (rebuilt by `build` if damaged); MISSING if none."""
    if (fd := _open(path)) is None:
        return MISSING
    parts = None
    try:
        head = _head(fd)
        if head is not None:
            parts = _Parts(fd, 32 + SIZES.size + len(head), lambda: _store(path, build))  # closes fd when done
            with no_gc():
                found = loads(head, parts)
            _touch(path)
            return found
    except Exception:  # noqa: BLE001 - a broken or foreign entry is rebuilt, whatever is wrong with it
        pass
    if parts is None:
        os.close(fd)
    return MISSING


@contextlib.contextmanager
def _building(path: Path):
    """Hold the lock of the entry at `path` (`<entry>.lock`, beside it) while it is built. Where no lock can be
    taken (no fcntl, as on Windows; a file system without locks), processes build it side by side."""
    fd = None
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path.with_suffix(".lock"), os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o600)
        if _trusted(path.with_suffix(".lock")):  # never wait on a lock another user could hold
            fcntl.flock(fd, fcntl.LOCK_EX)
    except (ImportError, OSError):
        pass
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # and the lock with it


def _store(path: Path | None, build, whole: bool = False):
    """Build, keep in the cache at `path` (when there is one); the object built, or (not whole) its Lazy parts."""
    with rare_gc():
        try:
            built = build()
        except RuleError as exc:
            if path is None:
                raise
            built = Broken(exc.problems)
    data, lazies = dumps(built)
    if path is not None:
        write(path, data)
        _prune(path.parent)
    if isinstance(built, Broken):
        raise RuleError(built.problems)
    return built if whole else lazies


def _open(path: Path) -> int | None:
    """A cache entry, opened to be read (its parts when first used); None when it is missing or not trusted."""
    if not _trusted(path):
        return None
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None


def _head(fd: int) -> bytes | None:
    """The head pickle of a cache entry whose size and digest match; None for anything else."""
    start = _read_at(fd, 0, 32 + SIZES.size)
    if len(start) < 32 + SIZES.size:
        return None
    head_size, parts_size = SIZES.unpack(start[32:])
    if os.fstat(fd).st_size != len(start) + head_size + parts_size:
        return None
    head = _read_at(fd, len(start), head_size)
    if len(head) != head_size or hashlib.sha256(start[32:] + head).digest() != start[:32]:
        return None
    return head


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(where: Path) -> None:
    """Remove all but the KEEP most recently used compiled grammars, each with the parts kept beside it."""
    try:
        used: dict[str, float] = {}
        for entry in where.iterdir():  # entries, parts, locks
            grammar = entry.name.split(".")[0]
            used[grammar] = max(used.get(grammar, 0.0), entry.stat().st_mtime)
        for old in sorted(used, key=used.get, reverse=True)[KEEP:]:
            for entry in where.glob(f"{old}.*"):  # the entry, its parts, their locks
                entry.unlink()
    except OSError:
        pass
