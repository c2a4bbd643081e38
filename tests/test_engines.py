"""One process, --jobs 2 and --engine dask (on a LocalCluster) print byte-identical output."""

from __future__ import annotations

import importlib.util
import pickle
import shutil
import sys

import pytest

from conftest import FIXTURES, SEEDS

distributed = pytest.importorskip("distributed")

INPUTS = {"seeds": SEEDS, "events-id": FIXTURES / "events-id.jsonl"}
COMMANDS = {"extract": ("extract", "--format", "jsonl"), "compare": ("compare", "--format", "json")}


@pytest.fixture(scope="module")
def scheduler():
    """Two single-thread workers in this process: quick to start; results still come back out of order."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", INPUTS)
def test_engines_print_the_same_bytes(cli, scheduler, name, command):
    args = (*COMMANDS[command], INPUTS[name])
    one = cli(*args, "--jobs", "1")
    assert one.exit_code in (0, 1) and one.stdout
    for options in (("--jobs", "2"), ("--engine", "dask", "--scheduler", scheduler)):
        other = cli(*args, *options)
        assert (other.exit_code, other.stdout, other.stderr) == (one.exit_code, one.stdout, one.stderr), options


def test_dask_reads_urls_as_the_files_they_name(cli, scheduler, tmp_path, monkeypatch):
    for name in ("events-id.jsonl", "conflict.jsonl"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    here = cli("extract", "--format", "jsonl", "conflict.jsonl", "events-id.jsonl")
    there = cli("extract", "--format", "jsonl", "--engine", "dask", "--scheduler", scheduler,
                f"file://{tmp_path}/*.jsonl")
    assert there.exit_code == here.exit_code == 0
    assert there.stdout.replace(f"file://{tmp_path}/", "") == here.stdout


def test_without_dask_one_line_says_what_to_install(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.bag", None)  # import fails, as when dask is not installed
    result = cli("compare", SEEDS, "--engine", "dask")
    assert result.exit_code == 2
    assert result.output == "checker: --engine dask needs dask and distributed: pip install 'figure-checker[dask]'\n"


def test_scheduler_is_for_dask(cli):
    result = cli("compare", SEEDS, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_results_survive_the_trip_from_a_worker(grammar):
    """The in-process cluster above may pass objects as they are; a real one pickles them."""
    from checker.dask_engine import run_articles
    from checker.sources import read_paths

    articles = list(read_paths([str(FIXTURES / "events-id.jsonl")]))[:8]
    results = run_articles(articles, (), None)
    assert pickle.loads(pickle.dumps((articles, results))) == (articles, results)


def test_a_url_without_its_filesystem_is_a_usage_error(cli):
    pytest.importorskip("fsspec")
    if importlib.util.find_spec("s3fs"):
        pytest.skip("s3fs is installed")
    result = cli("extract", "s3://bucket/news.jsonl.gz", "--engine", "dask")
    assert result.exit_code == 2 and "s3fs" in result.output
