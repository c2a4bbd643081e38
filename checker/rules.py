"""Find, read and validate the rule files, keeping the line and column of every value for error messages."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import regex
from pydantic import BaseModel, ValidationError

from checker import cache, schema
from checker.errors import Problem, RuleError

Loc = tuple  # a path into a YAML document: ("patterns", 0, "pattern")
CACHE_VERSION = 1  # of the parse cache's format
KEY = "<key>"  # positions[loc + (KEY,)]: where the key of loc stands (an unknown key is reported there)
REQUIRED = ("language", "numbers", "qualifiers", "calendar", "dates", "context")


def bundled_rules_dir() -> Path:
    """The rules shipped with checker: inside the installed package, or the repository's rules/ folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the bundled rules are missing from this installation; pass --rules DIR")


@dataclass(frozen=True)
class RuleDoc:
    """One validated rule file, with where each of its values stands."""

    path: str
    model: BaseModel
    positions: dict[Loc, tuple[int, int]]

    def where(self, loc: Loc) -> tuple[int | None, int | None]:
        """1-based line and column of the value at `loc`, or of its nearest located parent."""
        for end in range(len(loc), -1, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos:
                return pos
        return None, None

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.where(loc)
        rule_id = getattr(self.model, "id", None)
        return Problem(self.path, line, col, f"{message} [{rule_id}]" if rule_id else message)


@dataclass
class LanguageRules:
    """The validated rule files of one language."""

    code: str
    files: dict[str, RuleDoc] = field(default_factory=dict)  # grammar files by stem
    claims: list[RuleDoc] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # stems of files that exist but did not validate

    def model(self, stem: str):
        doc = self.files.get(stem)
        return doc.model if doc else None


@dataclass
class RuleSet:
    """Everything the rule folders hold, validated; compiled later by checker.grammar."""

    languages: dict[str, LanguageRules]
    places: list[RuleDoc]
    problems: list[Problem] = field(default_factory=list)  # everything wrong, reported once compiled too

    def docs(self):
        for lang in self.languages.values():
            yield from lang.files.values()
            yield from lang.claims
        yield from self.places


def display_path(path: Path) -> str:
    """A path as the user should read it: relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _cache_file(text: str) -> Path | None:
    """Where the parse of a rule file with this content is kept (YAML with positions is slow to parse)."""
    base = cache.folder("rules")
    if base is None:
        return None
    digest = hashlib.sha256(f"{CACHE_VERSION}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return base / f"{digest}.json"


def _encode(value):
    """Plain data -> JSON that keeps what JSON would lose (integer keys, tuples as paths)."""
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {"l": [_encode(v) for v in value]}
    return value


def _decode(value):
    if isinstance(value, dict):
        if "d" in value:
            return {_decode(k): _decode(v) for k, v in value["d"]}
        return [_decode(v) for v in value["l"]]
    return value


MAX_RULE_FILE = 16 * 1024 * 1024  # bytes: the largest bundled file (the GeoNames cities) is 2 MB


def _bounded(path: Path, shown: str) -> None:
    """A rule file larger than MAX_RULE_FILE is refused before it is read (memory stays bounded)."""
    size = path.stat().st_size
    if size > MAX_RULE_FILE:
        raise RuleError([Problem(shown, None, None, f"rule file is {size:,} bytes, over the {MAX_RULE_FILE:,} a "
                                                    f"rule file may hold; not read")])


def read_yaml(path: Path) -> tuple[object, dict[Loc, tuple[int, int]]]:
    """Parse one YAML file safely (no tags are ever turned into code) into plain data and positions.

    The result is cached as JSON, keyed by the file's content: never code, and never stale."""
    shown = display_path(path)
    try:
        _bounded(path, shown)
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([Problem(shown, None, None, f"cannot read rule file: {exc}")]) from None
    entry = _cache_file(text)
    if entry is not None and (stored := cache.read(entry)) is not None:
        try:
            data, positions = _decode(json.loads(stored.decode("utf-8")))
            return data, {tuple(loc): tuple(pos) for loc, pos in positions}
        except (ValueError, KeyError, TypeError):
            pass  # a broken cache entry is parsed again
    from checker.yamltree import parse

    data, positions = parse(text, shown)
    if entry is not None:
        cache.write(entry, json.dumps(_encode([data, list(positions.items())])).encode("utf-8"))
    return data, positions


def validate(path: Path, model: type[BaseModel]) -> RuleDoc:
    """Read and validate one rule file; every problem in it is reported at once."""
    data, positions = read_yaml(path)
    shown = display_path(path)
    if not isinstance(data, dict):
        raise RuleError([Problem(shown, 1, 1, "a rule file must be a mapping of keys to values")])
    try:
        return RuleDoc(shown, model.model_validate(data), positions)
    except ValidationError as exc:
        problems = []
        doc = RuleDoc(shown, None, positions)  # type: ignore[arg-type]
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(x) for x in loc) or "file"
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown key"
                loc = loc + (KEY,)
            rule_id = data.get("id") if isinstance(data.get("id"), str) else None
            line, col = doc.where(loc)
            suffix = f" [{rule_id}]" if rule_id else ""
            problems.append(Problem(shown, line, col, f"{where}: {message}{suffix}"))
        raise RuleError(problems) from None


TSV_COLUMNS = ("id", "name", "parent", "aliases", "population", "lat", "lon", "minor")
PLACE_ID = regex.compile(r"[a-z0-9][a-z0-9_.-]*")  # as schema.Place.id: rows are checked by hand, it is faster


def read_places_tsv(path: Path) -> RuleDoc:
    """A generated gazetteer file: '# id:' and '# generated_by:' lines, a header of TSV_COLUMNS, a place a line
    (aliases joined by '|'). Every bad line is reported at once, as path:line:column."""
    shown = display_path(path)
    try:
        _bounded(path, shown)
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([Problem(shown, None, None, f"cannot read place file: {exc}")]) from None
    meta, rows, problems, positions = {}, [], [], {(): (1, 1)}
    header = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() in ("id", "generated_by"):
                value = value.strip()
                meta[key.strip()] = json.loads(value) if value.startswith('"') else value
            continue
        cells = line.split("\t")
        if header is None:
            header = tuple(cells)
            if header != TSV_COLUMNS:
                problems.append(Problem(shown, number, 1, f"header must be {' '.join(TSV_COLUMNS)}"))
                break
            continue
        if len(cells) != len(TSV_COLUMNS):
            problems.append(Problem(shown, number, 1, f"{len(cells)} columns, expected {len(TSV_COLUMNS)}"))
            continue
        row = dict(zip(TSV_COLUMNS, cells))
        positions[("places", len(rows))] = (number, 1)
        try:
            rows.append(schema.Place.model_construct(
                id=_place_id(row["id"]), name=row["name"] or _fail("empty name"), parent=row["parent"] or None,
                aliases=[a for a in row["aliases"].split("|") if a], names={},
                population=int(row["population"]) if row["population"] else None,
                lat=_between(row["lat"], 90), lon=_between(row["lon"], 180), minor=row["minor"] == "1"))
        except ValueError as exc:
            problems.append(Problem(shown, number, 1, f"{exc} [{meta.get('id', path.stem)}]"))
    if header is None and not problems:
        problems.append(Problem(shown, 1, 1, "no header line"))
    if problems:
        raise RuleError(problems)
    expected = f"places.{path.stem}"
    if meta.get("id") != expected:
        raise RuleError([Problem(shown, 1, 1, f"'# id: {expected}' must open the file")])
    model = schema.PlacesFile.model_construct(id=expected, description=None, generated_by=meta.get("generated_by"),
                                              places=rows)
    return RuleDoc(shown, model, positions)


def _fail(message: str):
    raise ValueError(message)


def _place_id(text: str) -> str:
    if not PLACE_ID.fullmatch(text):
        raise ValueError(f"place id {text!r} must match {PLACE_ID.pattern}")
    return text


def _between(text: str, bound: float) -> float | None:
    if not text:
        return None
    value = float(text)
    if not -bound <= value <= bound:
        raise ValueError(f"{value} is not between -{bound} and {bound}")
    return value


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def load_rules(dirs: list[Path] | None = None) -> RuleSet:
    """Load the rule folders (each a root of <lang>/ folders and places/, or one <lang>/ folder).

    Problems are collected in the RuleSet, not raised: compiling adds its own, and all are reported at once."""
    roots = [Path(d) for d in dirs] if dirs else [bundled_rules_dir()]
    problems: list[Problem] = []
    languages: dict[str, LanguageRules] = {}
    places: list[RuleDoc] = []
    seen_ids: dict[str, str] = {}

    def take(path: Path, folder: str):
        model = schema.model_for(path.stem, folder)
        try:
            doc = validate(path, model)
        except RuleError as exc:
            problems.extend(exc.problems)
            return None
        expected = f"{folder}.{path.stem}"
        if doc.model.id != expected:
            problems.append(doc.problem(("id",), f"id must be {expected!r}, from the file's place"))
        elif expected in seen_ids:
            problems.append(doc.problem(("id",), f"duplicate rule id, also in {seen_ids[expected]}"))
        seen_ids[expected] = doc.path
        return doc

    for root in roots:
        if not root.is_dir():
            problems.append(Problem(display_path(root), None, None, "rules folder not found"))
            continue
        folders = [root] if (root / "language.yaml").exists() else sorted(p for p in root.iterdir() if p.is_dir())
        for folder in folders:
            name = folder.name
            if name == "places":
                docs = [take(p, "places") for p in _yaml_files(folder)]
                places.extend(d for d in docs if d and isinstance(d.model, schema.PlacesFile))
                for path in sorted(folder.glob("*.tsv")):
                    try:
                        places.append(read_places_tsv(path))
                    except RuleError as exc:
                        problems.extend(exc.problems)
                continue
            if name == "schema" or not (folder / "language.yaml").exists():
                continue
            lang = languages.setdefault(name, LanguageRules(name))
            for path in _yaml_files(folder):
                doc = take(path, name)
                if doc is None:
                    lang.broken.add(path.stem)
                    continue
                if path.stem in schema.GRAMMAR_FILES:
                    lang.files[path.stem] = doc
                else:
                    lang.claims.append(doc)
    for lang in languages.values():
        for stem in REQUIRED:
            if stem not in lang.files and stem not in lang.broken:
                problems.append(Problem(f"{lang.code}/{stem}.yaml", None, None, "required rule file is missing"))
        language = lang.model("language")
        if language and language.code != lang.code:
            problems.append(lang.files["language"].problem(("code",), f"code must be {lang.code!r}, the folder name"))
    if not languages and not problems:
        problems.append(Problem(", ".join(display_path(r) for r in roots), None, None,
                                "no language folder (one holding language.yaml) found"))
    return RuleSet(languages, places, problems)


def write_generated(root: Path, files: dict[Path, str]) -> list[Path]:
    """Write generated rule files (CLDR names, place data) under a rules folder; the ones whose content changed."""
    if not root.is_dir():
        raise RuleError([Problem(display_path(root), None, None, "no such rules folder")])
    changed = []
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
