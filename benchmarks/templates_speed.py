"""RL204 template grouping over the corpora: CPU time of find_templates, and its groups.

    python benchmarks/templates_speed.py --write /tmp/groups.json    # time it, keep the groups
    python benchmarks/templates_speed.py --compare /tmp/groups.json  # time it, same groups?

Records are passed as mappings with id, text and context (the shape an audit's
records have). The groups are written as JSON to a file you name, outside the
repository (they quote the corpora's replies). The CPU time is the process's, for
one first call (template normalisation caches start empty). The peak RSS is the
process's, before and after the call (the records are all in memory first, so the
growth, not the peak, is find_templates' working set; an audit streams them).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import load_replies  # noqa: E402

from replylint.templates import find_templates  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="write the groups as JSON")
    group.add_argument("--compare", metavar="FILE", help="compare the groups with a file --write made")
    parser.add_argument("--limit", type=int, default=None, help="only the first N replies")
    args = parser.parse_args()
    records = [{"id": r["id"], "text": r["text"], "context": r["context"]}
               for r in load_replies(args.limit)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu, wall = time.process_time(), time.perf_counter()
    groups = [g.to_dict() for g in find_templates(records)]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak, before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, peak
    print(f"{len(records):,} replies, {len(groups)} groups: {cpu:.2f} s CPU ({wall:.2f} s wall), "
          f"peak RSS {before / 1024:.0f} -> {peak / 1024:.0f} MB")
    if args.write:
        Path(args.write).write_text(json.dumps(groups, indent=0), encoding="utf-8")
    if args.compare:
        expected = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        if groups != expected:
            changed = sum(1 for a, b in zip(groups, expected) if a != b) + abs(len(groups) - len(expected))
            print(f"groups differ: {changed} of {len(expected)}")
            return 1
        print("identical groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
