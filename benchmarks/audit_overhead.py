"""What an audit costs besides the engine: reading, result conversion and masking,
output, summary, in the main process, per record.

    python benchmarks/audit_overhead.py FILE.jsonl [--map text=reply] [--runs 3]

The engine's Reports are computed once (not timed; cached next to nothing, in
memory), then the audit driver is replayed with a stand-in engine that hands them
back, so every figure below is the audit's own overhead:

* ``read``: the readers alone (records and input errors, nothing else);
* ``pool transfer``: pickling the records' ``(text, context)`` to a worker and the
  Reports back (what a 2-worker audit's main process pays on top; measured with
  ``pickle`` in chunks of 64, as ``Linter.check_many`` sends them);
* ``audit -> json`` / ``audit -> html``: ``replylint.audit.run`` with the real
  readers, result conversion, masking, summary and renderer, writing to /dev/null.

Each figure is the least CPU time of ``--runs`` runs, in µs per record.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time


class ReplayLinter:
    """Hands back precomputed Reports in order; stands in for the engine."""

    def __init__(self, linter, reports):
        self.rules = linter.rules
        self.config = linter.config
        self._reports = reports

    def check_many(self, records, workers=1, chunksize=64):
        reports = iter(self._reports)
        for _ in records:
            yield next(reports)


def best(runs, func):
    """The least CPU time of ``runs`` calls (CPU, not wall: the machine may be shared)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--map", dest="maps", action="append", default=[])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from replylint.audit import Summary, run
    from replylint.config import Config
    from replylint.formats import RenderOptions, get_renderer
    from replylint.io import parse_map_options, read_inputs
    from replylint.io.record import Record
    from replylint.linter import Linter

    mapping = parse_map_options(args.maps)

    def items():
        return read_inputs(args.inputs, None, mapping, {})

    linter = Linter(Config.discover())
    records = [item for item in items() if isinstance(item, Record)]
    n = sum(1 for _ in items())
    started = time.process_time()
    reports = [linter.check(r.text, r.context) for r in records]
    engine = time.process_time() - started
    replay = ReplayLinter(linter, reports)
    print(f"{n} records, {len(records)} linted; engine (Linter.check, one pass): "
          f"{engine / len(records) * 1e6:.0f} µs/record")

    def read():
        for _ in items():
            pass

    def transfer():
        for start in range(0, len(records), 64):
            chunk = [(r.text, r.context) for r in records[start:start + 64]]
            pickle.loads(pickle.dumps(chunk))
            pickle.loads(pickle.dumps(reports[start:start + 64]))

    def audit_to(fmt):
        def go():
            with open("/dev/null", "w", encoding="utf-8") as out:
                options = RenderOptions(rules=tuple(linter.rules), tool_version="bench")
                cls = get_renderer(fmt)
                run(items(), replay, cls(out, options), Summary(fail_on="never"))
        return go

    rows = [("read", read), ("pool transfer (2+ workers)", transfer),
            ("audit -> json (read + convert + mask + write + summary)", audit_to("json")),
            ("audit -> html", audit_to("html"))]
    for name, func in rows:
        seconds = best(args.runs, func)
        print(f"{name:58s} {seconds / n * 1e6:7.1f} µs/record")


if __name__ == "__main__":
    main()
