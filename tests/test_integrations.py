"""The GitHub Action, the pre-commit hook and the settings file, as a user meets them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, write_jsonl
from test_ci_formats import CONFLICT


def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_the_action_carries_what_github_requires():
    action = _yaml(ROOT / "action.yml")
    assert {"name", "description", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    assert all("shell" in step for step in action["runs"]["steps"] if "run" in step)
    assert not any("${{" in step.get("run", "") for step in action["runs"]["steps"])  # inputs via env only


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_the_actions_command_runs_as_written(tmp_path):
    """Its compare step, run as GitHub would run it (bash, inputs in the environment), outside GitHub."""
    step = _yaml(ROOT / "action.yml")["runs"]["steps"][-1]
    write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    checker = Path(sys.executable).parent / "checker"
    if not checker.exists():
        pytest.skip("checker is not installed as a script beside this Python")
    env = {**os.environ, "PATH": f"{checker.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "CHECKER_PATHS": "a.jsonl", "CHECKER_ARGS": "--tolerance 0", "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    done = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=a.jsonl,line=1,")
    assert "| conflict" in (tmp_path / "s.md").read_text(encoding="utf-8")


def test_the_pre_commit_hook_carries_what_pre_commit_requires():
    (hook,) = _yaml(ROOT / ".pre-commit-hooks.yaml")
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert hook["entry"].split()[0] == "checker"


def test_settings_come_from_pyproject_and_the_command_line_wins(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    (tmp_path / "pyproject.toml").write_text('[tool.figure-checker]\npaths = ["a.jsonl"]\n'
                                             '[tool.figure-checker.compare]\nfail-on = "never"\n', encoding="utf-8")
    assert cli("compare").exit_code == 0
    assert cli("compare", "--fail-on", "conflict").exit_code == 1


def test_a_checker_toml_is_read_and_an_unknown_key_is_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    (tmp_path / "checker.toml").write_text('tolerance = 0.9\n', encoding="utf-8")
    assert cli("compare", "a.jsonl").exit_code == 0  # 12 and 40 lie within 90% of each other
    (tmp_path / "checker.toml").write_text('tolerance = 0.9\nfail_on = "never"\n', encoding="utf-8")
    result = cli("compare", "a.jsonl")
    assert result.exit_code == 2 and result.output.startswith("checker.toml: unknown setting 'fail_on'")


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_ends_with_one_line_exit_130_and_no_worker_left(tmp_path):
    checker = Path(sys.executable).parent / "checker"
    if not checker.exists():
        pytest.skip("checker is not installed as a script beside this Python")
    articles = (ROOT / "tests" / "fixtures" / "events-id.jsonl").read_text(encoding="utf-8")
    big = tmp_path / "big.jsonl"
    big.write_text("".join(line.replace('"id": "', f'"id": "{k}-') + "\n" for k in range(12)
                           for line in articles.splitlines()), encoding="utf-8")
    import signal

    run = subprocess.Popen([str(checker), "extract", str(big), "-j", "2", "-f", "jsonl"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert run.stdout.readline()  # the workers are extracting: interrupt them mid-run
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130 and err == "checker: interrupted\n", err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("command", [["compare"], ["extract", "-f", "jsonl"]])
def test_a_full_disk_on_stdout_is_one_line_and_exit_74(tmp_path, command):
    checker = Path(sys.executable).parent / "checker"
    if not checker.exists():
        pytest.skip("checker is not installed as a script beside this Python")
    write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    with open("/dev/full", "w") as full:
        done = subprocess.run([str(checker), *command, str(tmp_path / "a.jsonl")], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 74, done.stderr
    assert done.stderr.splitlines()[-1] == "checker: cannot write the output: No space left on device"
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_closed_pipe_is_no_error(tmp_path):
    checker = Path(sys.executable).parent / "checker"
    if not checker.exists():
        pytest.skip("checker is not installed as a script beside this Python")
    write_jsonl(tmp_path / "a.jsonl", CONFLICT * 200)
    run = subprocess.Popen([str(checker), "extract", "-f", "jsonl", "-j", "1", str(tmp_path / "a.jsonl")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert run.stdout.readline()
    run.stdout.close()  # as `| head -1` does
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0 and "Traceback" not in err and "error" not in err, err
