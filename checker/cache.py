"""The user's cache: parsed rule files, and the compiled rules of a rules folder.

Compiling the rules (about 350 large regular expressions) takes seconds; loading them compiled takes a
fraction of one. A compiled grammar is kept under a key made of everything it was built from: the content
of every rule file, the working directory (problems name files relative to it), checker's own source, and
the Python, regex and pydantic releases. Nothing in the cache is ever stale, only unused.

The compiled grammar is a pickle, read back by an unpickler that builds nothing but checker's own classes,
compiled patterns and a few plain types: a file in the cache cannot make checker run code of its choosing.
Files another user owns, or in a folder others can write to, are ignored. Each entry starts with the
SHA-256 of what follows: an entry cut short, corrupted or edited by hand is ignored and rebuilt, never
half-read. `CHECKER_NO_CACHE=1` bypasses the cache altogether."""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import sys
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

FORMAT = 2  # of the compiled-grammar file: the SHA-256 of the pickle, then the pickle
KEEP = 4  # compiled grammars kept (the most recently used): each is some megabytes
SUFFIXES = (".yaml", ".yml", ".tsv")
ALLOWED = {  # module -> names an unpickler may build (besides checker's own classes)
    "builtins": {"set", "frozenset", "slice", "complex"},
    "decimal": {"Decimal"},
    "datetime": {"date", "datetime", "timedelta", "timezone"},
    "regex._regex": {"compile"},
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


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module.split(".")[0] == "checker":
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        elif name in ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in checker's cache")


def loads(data: bytes):
    return _Unpickler(io.BytesIO(data)).load()


def fingerprint(roots: list[Path]) -> str:
    """A key for everything a grammar is built from (see the module's docstring)."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{os.getcwd()}".encode("utf-8", "surrogatepass"))
    for package in ("regex", "pydantic", "figure-checker"):
        try:
            digest.update(f"\0{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{package} -".encode())
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


@contextmanager
def no_gc():
    """Compiling builds millions of short-lived objects that are never cycles: collecting them is waste."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cached(roots: list[Path], build):
    """`build()` of these rule folders, from the cache when it holds it, else built and kept."""
    where = folder("grammar")
    try:
        path = where / f"{fingerprint(roots)}.pickle" if where else None
    except OSError:
        path = None  # a rule file cannot be read: building says which, and where
    if path is not None and (data := _verified(read(path))) is not None:
        try:
            with no_gc():
                grammar = loads(data)
            _touch(path)
            return grammar
        except Exception:  # noqa: BLE001 - a broken or foreign entry is rebuilt, whatever is wrong with it
            pass
    with no_gc():
        built = build()
    if path is not None:
        data = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        write(path, hashlib.sha256(data).digest() + data)
        _prune(path.parent)
    return built


def _verified(entry: bytes | None) -> bytes | None:
    """The pickle of a cache entry whose digest matches it; None for anything else."""
    if entry is None or len(entry) < 32:
        return None
    digest, data = entry[:32], entry[32:]
    return data if hashlib.sha256(data).digest() == digest else None


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(where: Path) -> None:
    """Remove all but the KEEP most recently used compiled grammars."""
    try:
        entries = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:
        pass
