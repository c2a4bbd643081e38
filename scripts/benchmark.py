"""Throughput and memory of `checker extract` on a corpus: the figures in the README come from here.

    python scripts/benchmark.py ../shared/corpus/bulk-id.jsonl.gz --times 1 3 --jobs 1 2

For each repetition count N the corpus is streamed N times over (so that memory can be seen to stay
flat as the input grows), through the installed `checker` command, writing JSON Lines to /dev/null."""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def repeated(corpus: Path, times: int, folder: Path) -> tuple[Path, int, int]:
    """A JSON Lines file holding the corpus `times` over; its size in bytes and its number of articles."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    out = folder / f"corpus-x{times}.jsonl"
    articles = 0
    with open(out, "wb") as sink:
        for _ in range(times):
            with opener(corpus, "rb") as source:
                for line in source:
                    sink.write(line)
                    articles += 1
    return out, out.stat().st_size, articles


def run(path: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak memory (MiB, the largest of checker's processes) of one extraction."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(["checker", "extract", str(path), "--format", "jsonl", "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a JSON Lines file (.jsonl or .jsonl.gz)")
    parser.add_argument("--times", type=int, nargs="+", default=[1], help="repetitions of the corpus")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1], help="process counts")
    parser.add_argument("--readme", type=Path, help="also write the table between <!-- bench:start/end --> here")
    args = parser.parse_args()
    lines = [f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}:", "",
             "| input | articles | MB | jobs | seconds | MB/s | articles/s | peak MiB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for times in args.times:
            path, size, articles = repeated(args.corpus, times, Path(tmp))
            for jobs in args.jobs:
                seconds, peak = run(path, jobs)
                mb = size / 1e6
                lines.append(f"| {args.corpus.name} x{times} | {articles:,} | {mb:.1f} | {jobs} | {seconds:.1f} | "
                             f"{mb / seconds:.2f} | {articles / seconds:.0f} | {peak} |")
                print(lines[-1], flush=True)
            path.unlink()
    if args.readme:
        text = args.readme.read_text(encoding="utf-8")
        head, rest = text.split("<!-- bench:start -->", 1)
        _, tail = rest.split("<!-- bench:end -->", 1)
        args.readme.write_text(head + "<!-- bench:start -->\n" + "\n".join(lines) + "\n<!-- bench:end -->" + tail,
                               encoding="utf-8")


if __name__ == "__main__":
    main()
