"""Snapshot every finding on the real corpora, to prove a speed-up changed nothing.

    python benchmarks/findings_snapshot.py --write /tmp/before.jsonl   # before a change
    python benchmarks/findings_snapshot.py --compare /tmp/before.jsonl # after it
    python benchmarks/findings_snapshot.py --compare /tmp/before.jsonl --remember-words

The snapshot holds one line per reply: its index and its findings as (code, start,
end, severity, message, suggestion, replacement), plus any rule errors. It never
holds reply text beyond what a finding's message quotes, and it belongs in /tmp,
not in the repository (the corpora are licensed for research only). ``--compare``
prints, per rule, how many findings appeared and disappeared, and exits 1 on any
difference.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import load_replies  # noqa: E402


def snapshot(limit=None, remember_words=False) -> list:
    from replylint import Linter

    linter = Linter(remember_words=remember_words)
    out = []
    started = time.process_time()
    for i, rec in enumerate(load_replies(limit)):
        report = linter.check(rec["text"], rec["context"])
        out.append({"i": i,
                    "f": [[f.code, f.start, f.end, str(f.severity), f.message, f.suggestion, f.replacement]
                          for f in report.findings],
                    "e": [e["code"] for e in report.errors]})
    print(f"{len(out):,} replies in {time.process_time() - started:.1f} s CPU", file=sys.stderr)
    return out


def compare(old: list, new: list) -> int:
    if len(new) < len(old):  # --limit: compare the replies checked
        old = old[:len(new)]
    if len(old) != len(new):
        print(f"reply count differs: {len(old)} then {len(new)}")
        return 1
    gained, lost, examples = Counter(), Counter(), {}
    for a, b in zip(old, new):
        before = Counter(tuple(f) for f in a["f"])
        after = Counter(tuple(f) for f in b["f"])
        for f in after - before:
            gained[f[0]] += 1
            examples.setdefault(("+", f[0]), (a["i"], f))
        for f in before - after:
            lost[f[0]] += 1
            examples.setdefault(("-", f[0]), (a["i"], f))
        if a["e"] != b["e"]:
            gained["errors"] += 1
    if not gained and not lost:
        print("identical findings")
        return 0
    for code in sorted(set(gained) | set(lost)):
        print(f"{code}: +{gained[code]} -{lost[code]}")
    for (sign, code), (i, f) in sorted(examples.items()):
        print(f"  {sign} reply #{i}: {f[:4]}")
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write a snapshot here")
    group.add_argument("--compare", type=Path, help="compare with this earlier snapshot")
    parser.add_argument("--limit", type=int, help="only the first N replies")
    parser.add_argument("--remember-words", action="store_true",
                        help="check as the server does (Linter(remember_words=True))")
    args = parser.parse_args(argv)
    current = snapshot(args.limit, args.remember_words)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as handle:
            for row in current:
                handle.write(json.dumps(row) + "\n")
        print(f"wrote {args.write}")
        return 0
    with open(args.compare, encoding="utf-8") as handle:
        earlier = [json.loads(line) for line in handle]
    return compare(earlier, current)


if __name__ == "__main__":
    sys.exit(main())
