"""Every speed figure of the README, measured on this machine in one run.

    python benchmarks/run.py ../shared/corpus/bulk-id.jsonl.gz --compare ../shared/corpus/gunviolence-en.jsonl.gz

Prints, as Markdown tables: start-up of three commands; `checker extract` over the corpus with one and two
processes (articles/s, MB/s, peak memory), and over the corpus repeated (memory must stay flat); the ratio
of one process's time to `grep -ciE` over the same decompressed file with the event words of every
language's rules; and, with --compare, grouping time and memory as claims grow
(scripts/compare_scale.py). Only the installed `checker` command is timed, in fresh processes: no figure
depends on this script's own imports. `--readme README.md` writes the tables between
<!-- bench:start --> and <!-- bench:end -->."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scripts"))

from benchmark import repeated  # noqa: E402  (scripts/benchmark.py: the corpus repeated)

SENTENCE = "Sedikitnya 300 ribu orang tewas"


def run(path: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak memory (MiB: the largest of this extraction's processes) of `checker extract`."""
    started = time.perf_counter()
    child = subprocess.Popen(["checker", "extract", str(path), "--format", "jsonl", "--jobs", str(jobs)],
                             stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped above
    return time.perf_counter() - started, usage.ru_maxrss // 1024


def timed(command: list[str], runs: int) -> float:
    """Median wall seconds of a command, after one run that warms the rule cache."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def start_up(runs: int) -> list[str]:
    lines = ["| command | seconds (median of later runs) |", "|---|---:|"]
    for label, command in (("checker --help", ["checker", "--help"]),
                           (f'checker explain "{SENTENCE}"', ["checker", "explain", SENTENCE]),
                           ("checker compare (the seeds)", ["checker", "compare"])):
        lines.append(f"| `{label}` | {timed(command, runs):.2f} |")
    return lines


def triggers() -> str:
    """The event words of every language's rules (a figure's kind of event is read from them): grep's work."""
    from checker.api import load_grammar

    words = set()
    for language in load_grammar().languages.values():
        words |= {w for w, kind in language.events.type_of.items() if kind is not None}
    return "\\b(" + "|".join(sorted(words)) + ")\\b"


def grep_ratio(path: Path) -> list[str]:
    """checker extract (one process) against grep -ciE, over one decompressed file, in this run."""
    if shutil.which("grep") is None:
        return ["(no grep on this machine)"]
    pattern = triggers()
    grep = timed(["grep", "-ciE", pattern, str(path)], 3)
    checker, _ = run(path, 1)
    return ["| grep -ciE (event words) | checker extract --jobs 1 | ratio |", "|---:|---:|---:|",
            f"| {grep:.2f} s | {checker:.1f} s | {checker / grep:.0f} |"]


def extraction(corpus: Path, times: list[int], jobs: list[int], folder: Path) -> list[str]:
    lines = ["| input | articles | MB | jobs | seconds | MB/s | articles/s | peak MiB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n in times:
        path, size, articles = repeated(corpus, n, folder)
        for j in jobs if n == times[0] else jobs[-1:]:
            seconds, peak = run(path, j)
            mb = size / 1e6
            lines.append(f"| {corpus.name} x{n} | {articles:,} | {mb:.1f} | {j} | {seconds:.1f} | "
                         f"{mb / seconds:.2f} | {articles / seconds:.0f} | {peak} |")
            print(lines[-1], file=sys.stderr, flush=True)
        if n != times[0]:
            path.unlink()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a JSON Lines file (.jsonl or .jsonl.gz)")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10], help="repetitions of the corpus")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each start-up command")
    parser.add_argument("--compare", type=Path, help="a corpus whose claims are grouped at growing sizes")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 5, 50],
                        help="copies of --compare's claims (the gun-violence corpus gives about 20,000 a copy)")
    parser.add_argument("--readme", type=Path, help="write the tables between <!-- bench:start/end --> here")
    args = parser.parse_args()
    if shutil.which("checker") is None:
        print("benchmarks/run.py: the checker command is not installed (pip install .)", file=sys.stderr)
        return 2
    out = [f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
           f"{time.strftime('%Y-%m-%d')}.", "", "Start-up:", "", *start_up(args.runs), ""]
    with tempfile.TemporaryDirectory() as tmp:
        table = extraction(args.corpus, args.times, args.jobs, Path(tmp))
        out += ["Extraction:", "", *table, ""]
        first, _, _ = repeated(args.corpus, 1, Path(tmp))
        out += ["Against grep, one process, the same decompressed file:", "", *grep_ratio(first), ""]
    if args.compare:
        scale = subprocess.run([sys.executable, str(HERE.parent / "scripts" / "compare_scale.py"), str(args.compare),
                                "--copies", *map(str, args.copies)], capture_output=True, text=True, check=False)
        out += ["Grouping (compare after extraction):", "", *scale.stdout.strip().splitlines(), ""]
    text = "\n".join(out).rstrip()
    print(text)
    if args.readme:
        readme = args.readme.read_text(encoding="utf-8")
        head, rest = readme.split("<!-- bench:start -->", 1)
        _, tail = rest.split("<!-- bench:end -->", 1)
        args.readme.write_text(f"{head}<!-- bench:start -->\n{text}\n<!-- bench:end -->{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
