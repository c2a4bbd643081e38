"""Settings from a file, so that CI and a team share them: `checker.toml` in the working directory, else the
`[tool.figure-checker]` table of `pyproject.toml` there, or the file `--config` names. Keys are the long
options of each command (`fail-on`, `tolerance` …) under the command's table, or at the top for every
command that has them; the command line wins. An unknown key is an error naming the key and the file."""

from __future__ import annotations

import sys
from pathlib import Path

from checker.errors import Problem, UsageError
from checker.report.escape import printable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILE = "checker.toml"
TABLE = ("tool", "figure-checker")


def find(explicit: Path | None = None) -> tuple[Path, dict] | None:
    """(the file, its settings table), or None when there is none."""
    if explicit is not None:
        return explicit, _table(explicit, _read(explicit), standalone=explicit.name != "pyproject.toml")
    if Path(FILE).is_file():
        return Path(FILE), _table(Path(FILE), _read(Path(FILE)), standalone=True)
    if Path("pyproject.toml").is_file():
        data = _read(Path("pyproject.toml"))
        if isinstance(data.get("tool"), dict) and TABLE[1] in data["tool"]:
            return Path("pyproject.toml"), _table(Path("pyproject.toml"), data, standalone=False)
    return None


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise UsageError(f"--config {printable(str(path))}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError([Problem(printable(str(path)), None, None, f"not valid TOML: {exc}")]) from None


def _table(path: Path, data: dict, standalone: bool) -> dict:
    if standalone:
        return data
    table = data.get("tool", {}).get(TABLE[1], {})
    if not isinstance(table, dict):
        raise UsageError([Problem(str(path), None, None, "[tool.figure-checker] must be a table")])
    return table


def default_map(path: Path, table: dict, commands: dict[str, dict[str, str]]) -> dict[str, dict]:
    """Click's default_map from a settings table. `commands` maps each command's settings (its long options
    as written in the file, `fail-on`, and its arguments, `paths`) to parameter names; a key at the top
    applies to every command that has it, a command's own table to it alone."""
    everything = set().union(*(set(c) for c in commands.values()))
    out: dict[str, dict] = {name: {} for name in commands}
    for key, value in table.items():
        if key in commands and isinstance(value, dict):
            for sub, v in value.items():
                if sub not in commands[key]:
                    raise _unknown(path, f"{key}.{sub}", sorted(commands[key]))
                out[key][commands[key][sub]] = v
        elif key in everything:
            for name, options in commands.items():
                if key in options:
                    out[name].setdefault(options[key], value)
        else:
            raise _unknown(path, key, sorted(everything | set(commands)))
    return out


def _unknown(path: Path, key: str, known: list[str]) -> UsageError:
    return UsageError([Problem(printable(str(path)), None, None,
                               f"unknown setting {printable(key)!r}; known: {', '.join(known)}")])
