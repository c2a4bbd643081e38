"""Shared fixtures: the bundled grammar, a CLI runner with a fixed terminal, article builders."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.api import load_grammar
from checker.cli import app
from checker.errors import CheckerError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory):
    """The tests keep compiled rules in a cache of their own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def rules(tmp_path):
    """A private copy of the Indonesian pack and the gazetteer, to break or change."""
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "id", root / "id")
    shutil.copytree(ROOT / "rules" / "places", root / "places")
    return root


@pytest.fixture(scope="session")
def grammar():
    return load_grammar()


@pytest.fixture
def cli(monkeypatch):
    """Run `checker ...` in-process, as a 100-column terminal without colour would."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(*args, input=None):
        try:
            return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        except CheckerError as exc:  # what main() does with it: one line per problem, its exit code
            return Failed(int(exc.exit_code), "".join(f"{p}\n" for p in exc.problems))

    return invoke


@dataclass
class Failed:
    """A run that ended in a CheckerError, as a user sees it."""

    exit_code: int
    output: str


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


def pytest_configure(config):
    pytest.update_golden = config.getoption("--update-golden")
