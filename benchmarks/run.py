"""replylint's performance, side by side, in one table (issue 7; docs/performance.md).

One command, from the repository root, with the replylint environment:

    python benchmarks/run.py            # the full run: every reply, 5 runs (~10 minutes)
    python benchmarks/run.py --quick    # 5,000 replies, 3 runs (~3 minutes)

It reads the 42k agent replies of ../shared/corpora (twcs + tweetsumm, with their
context: channel, handle, inbound message, history; set REPLYLINT_CORPORA to move them)
and prints ONE table:

* in-process ``Linter.check`` latency per reply, p50 / p99 / p99.9, with the default
  rule set and with the pre-send profile (wall clock, and CPU time of the thread,
  which a busy machine disturbs less);
* the floor: ``spacy.blank("en")`` tokenisation alone of the same replies, and the
  ratio whole rule set / tokenizer (total time, measured in the same run);
* end-to-end audit throughput through the real CLI (JSON Lines in, JSON out,
  ``replylint audit ... --format json -o /dev/null --map text=reply``) with 1 and 2
  workers, and the audit's peak RSS per process;
* Microsoft Presidio's pattern recognizers (no NLP engine, offline) on the same
  replies, in its own environment (--presidio-python, as benchmarks/privacy_vs_presidio.py
  sets it up), against replylint's whole rule set and its privacy rules alone;
* cold start: ``replylint --version`` and one ``replylint check "..."`` in fresh processes;
* per rule: each rule's share of the check time (so a regression has a name).

Every timed figure is the median of --runs runs; each ratio is taken run by run from
measurements made back to back, then its median is reported. The machine is shared
and noisy: read the ratios first. Nothing here writes corpus text anywhere.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpora import FILES, corpora_dir, load_replies  # noqa: E402

TARGETS = {
    "p50": 0.15,            # ms per reply, default rules
    "p99": 0.5,             # ms per reply, default rules
    "ratio_tokenizer": 3.0,  # whole rule set / tokenizer alone, at most
    "audit2": 15_000,       # replies/s end to end with 2 workers, at least
    "presidio": 25.0,       # times Presidio's throughput, at least
    "version": 100.0,       # ms, cold `replylint --version`
    "check": 1200.0,        # ms, one cold `replylint check`
    "rss": 150.0,           # MB per audit process
}
COLD_CHECK_TEXT = "Hi Sam, sorry you feel that way. Please DM us your full card number."


# ------------------------------------------------------------------ helpers
def percentile(sorted_values: list, p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def median(values) -> float:
    return statistics.median(values)


def replylint_bin() -> str:
    """The ``replylint`` script of the environment running this benchmark."""
    candidate = Path(sys.executable).with_name("replylint")
    return str(candidate) if candidate.exists() else (shutil.which("replylint") or "replylint")


# ------------------------------------------------------------- in-process
def forget_replies() -> None:
    """Empty the memos that remember earlier replies (RL204's normalised turns, inbound
    messages, names...), so every timed pass costs what a first pass over these replies
    costs, as in an audit. (A pre-send check of the same draft again gains from them.)"""
    import sys

    # Every LRU memo of the engine that is keyed by something a reply brings (turns,
    # inbound messages, names, numbers, texts); the one-slot loaders of word lists stay.
    for name, module in list(sys.modules.items()):
        if not name.startswith("replylint") or module is None:
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 2) > 1:
                value.cache_clear()


def time_pass(fn, items) -> tuple:
    """Per-item wall and thread-CPU latencies (ns) of ``fn(item)``, and the pass's total."""
    wall, cpu = [], []
    perf, thread = time.perf_counter_ns, time.thread_time_ns
    forget_replies()
    gc.collect()
    start = perf()
    for item in items:
        w, c = perf(), thread()
        fn(item)
        cpu.append(thread() - c)
        wall.append(perf() - w)
    total = perf() - start
    wall.sort()
    cpu.sort()
    return wall, cpu, total


def latency_stats(wall: list, cpu: list, total: int, n: int) -> dict:
    ms = 1e-6
    return {"p50": percentile(wall, 50) * ms, "p99": percentile(wall, 99) * ms,
            "p999": percentile(wall, 99.9) * ms, "cpu_p50": percentile(cpu, 50) * ms,
            "cpu_p99": percentile(cpu, 99) * ms, "cpu_p999": percentile(cpu, 99.9) * ms,
            "mean": total * ms / n, "cpu_mean": sum(cpu) * ms / n}


def in_process(records: list, runs: int) -> dict:
    """Tokenizer floor, default rules and pre-send profile, interleaved run by run."""
    import spacy

    import replylint

    default = replylint.Linter(replylint.Config())
    presend = replylint.Linter(replylint.Config(profile="pre-send"))
    nlp = spacy.blank("en")
    pairs = [(r["text"], r["context"]) for r in records]
    texts = [r["text"] for r in records]

    def check_default(pair):
        default.check(pair[0], pair[1])

    def check_presend(pair):
        presend.check(pair[0], pair[1])

    # Warm-up: lazy imports (TextBlob, phonenumbers), caches, the vocab's new words.
    for text, ctx in pairs:
        default.check(text, ctx)
        presend.check(text, ctx)
        nlp.make_doc(text)
    out = {"default": [], "presend": [], "tokenizer": [], "ratio": [], "ratio_cpu": []}
    n = len(pairs)
    for _ in range(runs):
        tok = latency_stats(*time_pass(nlp.make_doc, texts), n)
        dflt = latency_stats(*time_pass(check_default, pairs), n)
        pre = latency_stats(*time_pass(check_presend, pairs), n)
        out["tokenizer"].append(tok)
        out["default"].append(dflt)
        out["presend"].append(pre)
        out["ratio"].append(dflt["mean"] / tok["mean"])
        out["ratio_cpu"].append(dflt["cpu_mean"] / tok["cpu_mean"])
    out["rules"] = len(default.rules)
    out["presend_rules"] = len(presend.rules)
    return out


def summarise(runs: list) -> dict:
    return {key: median(r[key] for r in runs) for key in runs[0]}


def rule_costs(records: list) -> "tuple[list, float]":
    """Per rule: mean CPU µs per reply spent in that rule (its condition, matching,
    checks and findings), and the shared part (normalise, segment, tokenise, phrase
    matching), with the default rule set, over one pass."""
    import replylint

    linter = replylint.Linter(replylint.Config())
    costs = {rule.code: 0 for rule in linter.rules}
    run_rule = linter._run_rule
    thread = time.thread_time_ns

    def timed(rule, *args):
        start = thread()
        try:
            return run_rule(rule, *args)
        finally:
            costs[rule.code] += thread() - start

    def timed_check(code, check):
        def run(*args):
            start = thread()
            try:
                hits = check(*args)
                # A check written as a generator does its work when iterated.
                return hits if isinstance(hits, (list, tuple)) else list(hits)
            finally:
                costs[code] += thread() - start
        return run

    pairs = [(r["text"], r["context"]) for r in records]
    for text, ctx in pairs:  # warm-up
        linter.check(text, ctx)
    # Data rules go through _run_rule; check functions are called from the plan.
    linter._run_rule = timed
    linter._plan = [(rule, when, gates, check and timed_check(rule.code, check))
                    for rule, when, gates, check in linter._plan]
    forget_replies()
    start = thread()
    for text, ctx in pairs:
        linter.check(text, ctx)
    total = thread() - start
    n = len(pairs)
    per_rule = sorted(((code, ns / n / 1e3) for code, ns in costs.items()), key=lambda kv: -kv[1])
    shared = (total - sum(costs.values())) / n / 1e3
    return per_rule, shared, total / n / 1e3


# ----------------------------------------------------------------- audits
def audit_run(inputs: list, workers: int, cwd: str) -> "tuple[float, float]":
    """Seconds and peak RSS (MB, largest process of the audit) of one CLI audit."""
    cmd = [replylint_bin(), "audit", *map(str, inputs), "--format", "json", "-o", os.devnull,
           "--map", "text=reply", "--workers", str(workers), "--no-progress", "--fail-on", "never"]
    # A fresh wrapper process per audit: RUSAGE_CHILDREN's ru_maxrss is then the peak
    # of this audit's processes (the CLI and its pool workers), not of earlier ones.
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "rc = subprocess.run(sys.argv[1:]).returncode\n"
               "t = time.perf_counter() - t\n"
               "print(rc, t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True,
                         cwd=cwd, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        sys.exit(f"audit failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    rc, seconds, maxrss_kb = out.stdout.split()
    if rc not in ("0", "1"):
        sys.exit(f"audit exited {rc}: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return float(seconds), int(maxrss_kb) / 1024


def subset_file(records: list, tmp: str) -> Path:
    """For --quick: the chosen replies as JSON Lines, in a temporary folder deleted at the end."""
    import json

    path = Path(tmp) / "replies.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({"id": r["id"], "reply": r["text"]}) + "\n")
    return path


# -------------------------------------------------------------- cold start
def cold(cmd: list, runs: int, cwd: str) -> float:
    """Median wall ms of ``cmd`` in fresh processes (one untimed run first: disk cache)."""
    subprocess.run(cmd, capture_output=True, cwd=cwd, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=cwd, check=False)
        times.append((time.perf_counter() - start) * 1e3)
    return median(times)


# ---------------------------------------------------------------- Presidio
def presidio(texts: list, runs: int, python: str) -> "dict | None":
    if not Path(python).exists():
        return None
    from privacy_vs_presidio import run_presidio  # the privacy benchmark's worker, reused

    return run_presidio(python, texts, runs)


def replylint_on(texts_ctx: list, runs: int, codes=None) -> list:
    import replylint

    config = replylint.Config(select=list(codes)) if codes else replylint.Config()
    linter = replylint.Linter(config)
    for text, ctx in texts_ctx:
        linter.check(text, ctx)
    times = []
    for _ in range(runs):
        forget_replies()
        start = time.perf_counter()
        for text, ctx in texts_ctx:
            linter.check(text, ctx)
        times.append(time.perf_counter() - start)
    return times


# ------------------------------------------------------------------- table
def status(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="5,000 replies and 3 runs instead of every reply and 5 runs")
    parser.add_argument("--runs", type=int, help="timed runs per measure (median reported)")
    parser.add_argument("--limit", type=int, help="use only the first N replies")
    parser.add_argument("--presidio-sample", type=int, default=6000,
                        help="replies given to Presidio (every k-th reply; it handles ~600/s)")
    parser.add_argument("--presidio-python", default="/work/bench-venv/bin/python")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: "
                        "latency, audit, presidio, cold, rules")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    limit = args.limit or (5000 if args.quick else None)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    started = time.time()
    load_before = os.getloadavg()
    records = load_replies()
    if limit:
        step = max(1, len(records) // limit)
        records = records[::step][:limit]
    n = len(records)
    mean_chars = sum(len(r["text"]) for r in records) / n
    mean_words = sum(len(r["text"].split()) for r in records) / n
    rows = []  # (measure, result, target, status)

    def row(measure, result, target="", ok=None):
        rows.append((measure, result, target, "" if ok is None else status(ok)))

    neutral = tempfile.mkdtemp(prefix="replylint-bench-")  # no project config applies there
    try:
        if "latency" not in skip:
            res = in_process(records, runs)
            d, p, t = (summarise(res[k]) for k in ("default", "presend", "tokenizer"))
            ratio, ratio_cpu = median(res["ratio"]), median(res["ratio_cpu"])
            row(f"Linter.check, default rules ({res['rules']}): p50 / p99 / p99.9 ms",
                f"{d['p50']:.3f} / {d['p99']:.3f} / {d['p999']:.3f}", "p50 <= 0.15, p99 <= 0.5",
                d["p50"] <= TARGETS["p50"] and d["p99"] <= TARGETS["p99"])
            row("  same, thread CPU time: p50 / p99 / p99.9 ms",
                f"{d['cpu_p50']:.3f} / {d['cpu_p99']:.3f} / {d['cpu_p999']:.3f}")
            row(f"Linter.check, pre-send profile ({res['presend_rules']}): p50 / p99 / p99.9 ms",
                f"{p['p50']:.3f} / {p['p99']:.3f} / {p['p999']:.3f}")
            row("  same, thread CPU time: p50 / p99 / p99.9 ms",
                f"{p['cpu_p50']:.3f} / {p['cpu_p99']:.3f} / {p['cpu_p999']:.3f}")
            row('spacy.blank("en") tokenizer alone: p50 / p99 ms; mean',
                f"{t['p50']:.3f} / {t['p99']:.3f}; {t['mean']:.3f}")
            row("default rules: mean ms/reply; replies/s (1 core)",
                f"{d['mean']:.3f}; {1e3 / d['mean']:,.0f}")
            row("whole rule set / tokenizer alone (wall; CPU)", f"{ratio:.2f}x; {ratio_cpu:.2f}x",
                "<= 3x", ratio <= TARGETS["ratio_tokenizer"])

        if "audit" not in skip:
            with tempfile.TemporaryDirectory(prefix="replylint-audit-") as tmp:
                inputs = ([corpora_dir() / f for f in FILES] if not limit
                          else [subset_file(records, tmp)])
                for workers in (1, 2):
                    times, rss = [], []
                    for _ in range(runs):
                        seconds, peak = audit_run(inputs, workers, neutral)
                        times.append(seconds)
                        rss.append(peak)
                    rate = n / median(times)
                    target = f">= {TARGETS['audit2']:,}/s" if workers == 2 else ""
                    row(f"audit CLI, JSONL -> JSON, {workers} worker{'s' * (workers > 1)}: replies/s",
                        f"{rate:,.0f} ({median(times):.2f} s)", target,
                        rate >= TARGETS["audit2"] if workers == 2 else None)
                    row(f"  peak RSS per process, {workers} worker{'s' * (workers > 1)}: MB",
                        f"{max(rss):.0f}", "<= 150", max(rss) <= TARGETS["rss"])

        if "presidio" not in skip:
            step = max(1, n // args.presidio_sample)
            sample = records[::step][:args.presidio_sample]
            theirs = presidio([r["text"] for r in sample], runs, args.presidio_python)
            if theirs is None:
                row("Presidio pattern recognizers", f"not run: {args.presidio_python} missing")
            else:
                pairs = [(r["text"], r["context"]) for r in sample]
                ours = replylint_on(pairs, runs)
                privacy = replylint_on(pairs, runs, ("RL801", "RL802", "RL803"))
                their_t = median(theirs["timings"])
                row(f"Presidio {theirs['version']} pattern recognizers, no NLP: replies/s",
                    f"{len(sample) / their_t:,.0f} (on {len(sample):,} of the replies)")
                row("replylint, all default rules / privacy rules only: replies/s",
                    f"{len(sample) / median(ours):,.0f} / {len(sample) / median(privacy):,.0f}")
                ratio_all = their_t / median(ours)
                row("replylint speed / Presidio's: all rules; privacy rules only",
                    f"{ratio_all:.1f}x; {their_t / median(privacy):.1f}x", ">= 25x",
                    ratio_all >= TARGETS["presidio"])

        if "cold" not in skip:
            cold_runs = max(7, runs)
            version = cold([replylint_bin(), "--version"], cold_runs, neutral)
            row("cold `replylint --version`: ms", f"{version:.0f}", "<= 100",
                version <= TARGETS["version"])
            check = cold([replylint_bin(), "check", COLD_CHECK_TEXT], cold_runs, neutral)
            spacy_import = cold([sys.executable, "-c", "import spacy"], cold_runs, neutral)
            row("cold `replylint check \"...\"`: ms (of which `import spacy`)",
                f"{check:.0f} ({spacy_import:.0f})", "<= 1200", check <= TARGETS["check"])
    finally:
        shutil.rmtree(neutral, ignore_errors=True)

    per_rule = None
    if "rules" not in skip:
        per_rule, shared, total_us = rule_costs(records)

    # ---------------------------------------------------------------- print
    print(f"replylint {_version()} on {n:,} replies (mean {mean_chars:.0f} characters, "
          f"{mean_words:.0f} words); {runs} runs, medians")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load_before[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end; "
          f"{time.time() - started:.0f} s")
    width = max(len(r[0]) for r in rows) if rows else 40
    rwidth = max([len(r[1]) for r in rows] + [6])
    twidth = max([len(r[2]) for r in rows] + [6])
    print()
    print(f"{'measure':<{width}}  {'result':>{rwidth}}  {'target':<{twidth}}  status")
    print("-" * (width + rwidth + twidth + 12))
    for measure, result, target, state in rows:
        print(f"{measure:<{width}}  {result:>{rwidth}}  {target:<{twidth}}  {state}")
    if per_rule is not None:
        print()
        print(f"Per rule (default rules, CPU µs per reply, one pass; total {total_us:.1f} µs):")
        print(f"  {'shared: normalise, segment, tokenise, phrase matcher':<54} {shared:>7.1f}"
              f"  {100 * shared / total_us:>5.1f}%")
        for code, us in per_rule:
            print(f"  {code:<54} {us:>7.1f}  {100 * us / total_us:>5.1f}%")
    return 0


def _version() -> str:
    from replylint._version import __version__
    return __version__


if __name__ == "__main__":
    sys.exit(main())
