"""A later run of compare or explain (the rules in the cache) imports and builds only what it needs."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT

# modules a later run of a few articles needs no part of (under 16 articles, no pool of processes)
NEVER = ["ssl", "urllib.request", "xml.sax", "checker.baseline", "scipy", "concurrent.futures", "multiprocessing"]
RUN = """import contextlib, io, json, sys
from checker.cli import main
sys.argv = ["checker", *{args!r}]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
from checker import schema
print(json.dumps({{"modules": sorted(sys.modules),
                  "validators": sorted(name for name in dir(schema) if getattr(getattr(schema, name),
                                                                             "__pydantic_complete__", False))}}))
"""


def run(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN.format(args=list(args))], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("args", [("compare", "--quiet"), ("compare", "--quiet", "--format", "json"),
                                  ("explain", "Sedikitnya 300 ribu orang tewas")])
def test_a_later_run_imports_nothing_it_does_not_use(grammar, args):  # grammar: the rules are in the cache
    modules = run(*args)["modules"]
    assert [m for m in modules if any(m == n or m.startswith(f"{n}.") for n in NEVER)] == []


def test_rules_read_from_the_cache_build_no_validator(grammar):
    """The rule-file models build their validators when a rule file is first validated (defer_build), never
    when a cached grammar is read back."""
    assert run("explain", "Sedikitnya 300 ribu orang tewas")["validators"] == []
