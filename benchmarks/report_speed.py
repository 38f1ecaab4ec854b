"""How long `replylint audit --format html` takes on the 42k replies of the shared corpora,
how much of that is the report, and how big the file is.

    python benchmarks/report_speed.py [--workers N] [--runs R] [--out report.html]

Three measurements:

1. end to end, as a user runs it: the CLI in a fresh process with ``--format html``
   (wall time, CPU time of the process and its workers, file size);
2. the same audit with ``--format json``: the audit without the report, to compare;
3. the report alone, in this process: the audit's results are gathered once, then
   fed to the html renderer ``--runs`` times (collect + render, best of the runs).

The machine is shared: the load average is printed beside the figures, since wall
time on two busy cores says more about the neighbours than about replylint. The
corpora are read where they are (``REPLYLINT_CORPORA`` or ../shared/corpora) and
the report is written outside the repository.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import FILES, corpora_dir  # noqa: E402

MAPS = ["--map", "text=reply"]


def cli(inputs, fmt, out, workers) -> dict:
    command = [sys.executable, "-m", "replylint.cli", "audit", *inputs, *MAPS, "--format", fmt,
               "-o", str(out), "--fail-on", "never", "--no-progress"]
    if workers:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"replylint failed ({done.returncode}): {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "size": Path(out).stat().st_size}


def gather_results(inputs):
    """The audit's results and errors, in order, with the summary (engine time not timed)."""
    from replylint.audit import audit
    from replylint.config import Config
    from replylint.io import parse_map_options, read_inputs
    from replylint.linter import Linter

    linter = Linter(Config())
    items = read_inputs(inputs, None, parse_map_options(["text=reply"]), {})
    gathered = list(audit(items, linter, workers=os.cpu_count() or 1))
    return gathered, linter


def report_only(gathered, linter, runs: int) -> "tuple[float, float, int]":
    from replylint.audit import Summary, feed
    from replylint.formats import RenderOptions
    from replylint.formats.html import HtmlRenderer

    best, best_cpu, size = float("inf"), float("inf"), 0
    for _ in range(runs):
        out = io.StringIO()
        started, started_cpu = time.perf_counter(), time.process_time()
        renderer = HtmlRenderer(out, RenderOptions(rules=tuple(linter.rules)))
        summary = Summary()
        renderer.begin()
        feed(gathered, renderer, summary)
        renderer.end(summary)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
        size = len(out.getvalue().encode("utf-8"))
    return best, best_cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=None, help="default: the CLI's (cores)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the report-only step")
    parser.add_argument("--out", default=None, help="where to keep the report (default: a temp dir)")
    args = parser.parse_args()

    root = corpora_dir()
    inputs = [str(root / name) for name in FILES]
    folder = Path(tempfile.mkdtemp(prefix="replylint-report-bench-"))
    html = Path(args.out) if args.out else folder / "report.html"
    print(f"cores: {os.cpu_count()}  load average before: {os.getloadavg()[0]:.2f}")

    end_to_end = cli(inputs, "html", html, args.workers)
    audit_only = cli(inputs, "json", folder / "audit.json", args.workers)
    print(f"load average after the CLI runs: {os.getloadavg()[0]:.2f}")
    gathered, linter = gather_results(inputs)
    replies = sum(1 for item in gathered if hasattr(item, "record"))
    report_time, report_cpu, report_size = report_only(gathered, linter, args.runs)

    print(f"replies: {replies:,}")
    print(f"audit --format html (end to end): {end_to_end['wall']:6.2f} s wall, "
          f"{end_to_end['cpu']:6.2f} s CPU, report {end_to_end['size'] / 1e6:.2f} MB -> {html}")
    print(f"audit --format json (no report):  {audit_only['wall']:6.2f} s wall, "
          f"{audit_only['cpu']:6.2f} s CPU")
    print(f"report alone (collect + render):  {report_time:6.2f} s wall, {report_cpu:6.2f} s CPU "
          f"(best of {args.runs}), {report_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
