"""The error types and exit codes of checker, named once."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Exit(enum.IntEnum):
    """Process exit codes. Documented in the README and in `checker --help`."""

    OK = 0  # ran, nothing to report
    CONFLICT = 1  # ran, and found what --fail-on asks to fail on (or a rule example failed)
    USAGE = 2  # could not run: bad option, missing path, broken rule file
    SKIPPED = 3  # ran, but some inputs were unreadable and were skipped
    NOTHING = 4  # ran, but found no claim to compare: nothing was checked (wrong --lang? no figures?)
    INTERNAL = 70  # a bug in checker (EX_SOFTWARE)
    OUTPUT = 74  # the output could not be written: a full disk, a device error (EX_IOERR)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as `path:line:col: message`."""

    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class CheckerError(Exception):
    """An error a user can fix; carries its exit code and one or more located problems."""

    exit_code = Exit.USAGE

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("checker", None, None, problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # raised in a worker process, re-raised in its parent with every problem intact
        return type(self), (self.problems,)


class RuleError(CheckerError):
    """One or more rule files are malformed: all problems are reported at once."""


class UsageError(CheckerError):
    """A command-line argument cannot be used (a missing path, a bad option value)."""
