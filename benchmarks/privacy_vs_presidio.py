"""replylint's privacy rules (RL801-RL803) side by side with Microsoft Presidio.

One command, run with the replylint environment; Presidio runs in its own
environment (never a replylint dependency), called as a subprocess on the same texts:

    /work/venv/bin/python benchmarks/privacy_vs_presidio.py

Options: --n 2000 (generated replies), --runs 5 (timed runs, median reported),
--seed 7, --presidio-python /work/bench-venv/bin/python, --threshold 0.4 (Presidio
score a result needs to count as a flag), --twcs PATH (real replies for replylint's
privacy-only throughput; read, never copied).

Presidio is set up offline with its predefined pattern recognizers (plus the UK NINO,
UK postcode and ABA routing ones, to cover the same kinds) and a NoOpNlpEngine, so no
spaCy model is loaded and no NER runs. tldextract is pointed at its bundled suffix list
so nothing is fetched.

Prints: throughput of each (replies/s, median of --runs), the speed ratio, and an
agreement table by category of labelled span: how many each flags, and what each flags
that the other does not.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PRESIDIO_PYTHON = "/work/bench-venv/bin/python"
DEFAULT_TWCS = "/work/shared/corpora/twcs/replies.jsonl"


# ------------------------------------------------------------ Presidio side
def presidio_worker(texts_path: str, runs: int) -> None:
    """Runs inside the Presidio environment: analyse every text, time ``runs`` passes."""
    import logging

    import tldextract
    import tldextract.tldextract as tld_module

    # The email recognizer calls tldextract, which would try to download the public
    # suffix list; the snapshot bundled with the package is enough and keeps it offline.
    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    from importlib.metadata import version

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        AbaRoutingRecognizer, UkNinoRecognizer, UkPostcodeRecognizer,
    )

    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    for recognizer in (UkNinoRecognizer(), UkPostcodeRecognizer(), AbaRoutingRecognizer()):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])

    texts = json.loads(Path(texts_path).read_text())
    results = [[(r.entity_type, r.start, r.end, r.score) for r in analyzer.analyze(t, language="en")]
               for t in texts]  # also warms up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for t in texts:
            analyzer.analyze(t, language="en")
        timings.append(time.perf_counter() - start)
    json.dump({"version": version("presidio-analyzer"), "timings": timings, "results": results,
               "recognizers": sorted(r.name for r in registry.recognizers)}, sys.stdout)


def run_presidio(python: str, texts: list, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="privacy-bench-") as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts))
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        out = subprocess.run([python, __file__, "--presidio-worker", str(path), "--runs", str(runs)],
                             capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        sys.exit(f"Presidio worker failed ({python}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


# ------------------------------------------------------------ replylint side
def time_runs(fn, runs: int) -> list:
    fn()  # warm-up: compiled patterns, phonenumbers metadata, caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return timings


def replylint_findings(cases) -> "tuple[list, object]":
    import replylint

    linter = replylint.Linter(replylint.Config(select=["RL801", "RL802", "RL803"]))
    found = [[(f.code, f.start, f.end) for f in linter.check(c.text, channel=c.channel).findings]
             for c in cases]
    return found, linter


# ---------------------------------------------------------------- scoring
def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def agreement(cases, ours: list, theirs: list, threshold: float) -> "tuple[list, dict]":
    """Rows per category: n, expected, flagged by each, only-by-each (+ Presidio's entity types)."""
    rows: dict = {}
    extra = Counter()
    for case, our_hits, their_hits in zip(cases, ours, theirs):
        their_hits = [h for h in their_hits if h[3] >= threshold]
        for hit in our_hits:
            if not any(overlaps(hit[1], hit[2], l.start, l.end) for l in case.labels):
                extra["replylint"] += 1
        for hit in their_hits:
            if not any(overlaps(hit[1], hit[2], l.start, l.end) for l in case.labels):
                extra["Presidio"] += 1
        for label in case.labels:
            row = rows.setdefault(label.category, {"n": 0, "expect": label.should_flag, "ours": 0,
                                                   "theirs": 0, "only_ours": 0, "only_theirs": 0,
                                                   "their_types": Counter()})
            we = any(overlaps(s, e, label.start, label.end) for _, s, e in our_hits)
            hit_types = [t for t, s, e, _ in their_hits if overlaps(s, e, label.start, label.end)]
            they = bool(hit_types)
            row["n"] += 1
            row["ours"] += we
            row["theirs"] += they
            row["only_ours"] += we and not they
            row["only_theirs"] += they and not we
            if they:
                row["their_types"].update(set(hit_types))
    return list(rows.items()), dict(extra)


def print_table(rows: list) -> None:
    header = (f"{'category':<28} {'should flag':>11} {'n':>5} {'replylint':>10} {'Presidio':>9} "
              f"{'only replylint':>15} {'only Presidio':>14}  Presidio entity types")
    print(header)
    print("-" * len(header))
    order = {True: 0, False: 1}
    for name, r in sorted(rows, key=lambda kv: (order[kv[1]["expect"]], kv[0])):
        types = ", ".join(t for t, _ in r["their_types"].most_common(3))
        print(f"{name:<28} {'yes' if r['expect'] else 'no':>11} {r['n']:>5} {r['ours']:>10} "
              f"{r['theirs']:>9} {r['only_ours']:>15} {r['only_theirs']:>14}  {types}")


def summary(rows: list, tool: str) -> str:
    pos = [r for _, r in rows if r["expect"]]
    neg = [r for _, r in rows if not r["expect"]]
    key = "ours" if tool == "replylint" else "theirs"
    found = sum(r[key] for r in pos)
    false_alarms = sum(r[key] for r in neg)
    total_pos, total_neg = sum(r["n"] for r in pos), sum(r["n"] for r in neg)
    precision = found / (found + false_alarms) if found + false_alarms else 0.0
    return (f"{tool:<10} flags {found}/{total_pos} labelled customer data and requests "
            f"(recall {found / total_pos:.1%}), {false_alarms}/{total_neg} look-alikes "
            f"(precision {precision:.1%})")


# ------------------------------------------------------------------ TWCS
def twcs_throughput(path: str, runs: int) -> "tuple[int, float, float, float] | None":
    from replylint.privacy import find_data_requests, find_personal_data

    if not Path(path).exists():
        return None
    with open(path, encoding="utf-8") as fh:
        replies = [json.loads(line)["reply"] for line in fh if line.strip()]

    def privacy_pass():
        for text in replies:
            find_personal_data(text)
            find_data_requests(text)

    median = statistics.median(time_runs(privacy_pass, runs))
    # CPU time too: on a shared machine wall time includes waiting for a core.
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        privacy_pass()
        cpu.append(time.process_time() - start)
    mean_len = sum(map(len, replies)) / len(replies)
    return len(replies), median, statistics.median(cpu), mean_len


# ------------------------------------------------------------------- main
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--presidio-python", default=DEFAULT_PRESIDIO_PYTHON)
    parser.add_argument("--twcs", default=DEFAULT_TWCS)
    parser.add_argument("--presidio-worker", metavar="TEXTS_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.presidio_worker:
        presidio_worker(args.presidio_worker, args.runs)
        return 0

    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    from pii_generator import generate

    from replylint.privacy import find_data_requests, find_personal_data

    cases = generate(args.n, seed=args.seed)
    texts = [c.text for c in cases]
    mean_len = sum(map(len, texts)) / len(texts)
    print(f"Generated {len(cases)} labelled replies (seed {args.seed}, mean {mean_len:.0f} characters); "
          f"{args.runs} timed runs each, median reported.\n")

    ours, linter = replylint_findings(cases)
    contexts = [{"channel": c.channel} for c in cases]
    rules_t = statistics.median(time_runs(
        lambda: [linter.check(t, ctx) for t, ctx in zip(texts, contexts)], args.runs))
    library_t = statistics.median(time_runs(
        lambda: [(find_personal_data(t), find_data_requests(t)) for t in texts], args.runs))
    presidio = run_presidio(args.presidio_python, texts, args.runs)
    presidio_t = statistics.median(presidio["timings"])

    n = len(texts)
    print("Throughput on the generated set (single process):")
    print(f"  replylint RL801-RL803 via Linter.check (incl. tokenising) {n / rules_t:>10,.0f} replies/s"
          f"  ({rules_t / n * 1e3:.3f} ms/reply)")
    print(f"  replylint privacy recognisers only                        {n / library_t:>10,.0f} replies/s"
          f"  ({library_t / n * 1e3:.3f} ms/reply)")
    print(f"  Presidio {presidio['version']} pattern recognizers, no NLP      {n / presidio_t:>10,.0f} replies/s"
          f"  ({presidio_t / n * 1e3:.3f} ms/reply)")
    print(f"  speed ratio: replylint rules {presidio_t / rules_t:.1f}x Presidio; "
          f"recognisers only {presidio_t / library_t:.1f}x Presidio\n")

    rows, extra = agreement(cases, ours, presidio["results"], args.threshold)
    print(f"Agreement by labelled span (a tool flags a span when any of its findings overlaps it; "
          f"Presidio results count at score >= {args.threshold}):")
    print_table(rows)
    print()
    print(summary(rows, "replylint"))
    print(summary(rows, "Presidio"))
    print(f"Flags outside every labelled span: replylint {extra.get('replylint', 0)}, "
          f"Presidio {extra.get('Presidio', 0)}")
    low = sum(1 for hits in presidio["results"] for h in hits if h[3] < args.threshold)
    print(f"Presidio results below the threshold, not counted: {low}")
    print(f"Presidio recognizers: {', '.join(presidio['recognizers'])}\n")

    twcs = twcs_throughput(args.twcs, max(3, args.runs // 2))
    if twcs:
        count, seconds, cpu_seconds, twcs_len = twcs
        print(f"Real replies ({args.twcs}: {count:,} replies, mean {twcs_len:.0f} characters), "
              f"privacy recognisers only: {count / seconds:,.0f} replies/s, "
              f"{seconds / count * 1e3:.4f} ms/reply wall, {cpu_seconds / count * 1e3:.4f} ms/reply CPU "
              f"(budget 0.1 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
