"""Time to check one huge reply, at 10 KB, 100 KB, 1 MB and 10 MB: it should grow
roughly linearly with size (each 10x step ~10x the time).

    /work/venv/bin/python benchmarks/large_input.py            # all sizes, realistic text
    /work/venv/bin/python benchmarks/large_input.py --max 1MB  # stop at 1 MB
    /work/venv/bin/python benchmarks/large_input.py --kind mentions

Kinds: ``prose`` (a realistic email paragraph with a URL, an address, an order
number and a non-apology, repeated), ``mentions`` (@handles), ``html`` (an HTML
email body), ``oneline`` (one line, no sentence ends). Measures wall and CPU time
of ``Linter.check`` with every built-in rule; prints the table and the ratio of
each size to the one before it. Never run in CI timing asserts.
"""
from __future__ import annotations

import argparse
import time

import replylint

KB = 1_000
SIZES = {"10KB": 10 * KB, "100KB": 100 * KB, "1MB": 1_000 * KB, "10MB": 10_000 * KB}
UNITS = {
    "prose": ("Hi Diane,\nI'm sorry you feel that way about the delay. Your order #12345 "
              "ships today; track it at https://example.com/track?id=1 or write to "
              "help@example.com. Thanks for your patience!\n\n"),
    "mentions": "@acme_help thanks @diane ",
    "html": ("<p>Hi Diane,</p><p>I&rsquo;m sorry you feel that way about the "
             "<b>delay</b>.&nbsp;Your order ships today.</p>\n"),
    "oneline": "we will look into it and get back to you with an update on the order ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(UNITS), default="prose")
    parser.add_argument("--max", choices=list(SIZES), default="10MB")
    args = parser.parse_args()

    linter = replylint.Linter(replylint.Config())
    linter.check(UNITS[args.kind] * 3, channel="email", customer_name="Diane")  # warm up
    unit = UNITS[args.kind]
    rows = []
    for label, size in SIZES.items():
        text = (unit * (size // len(unit) + 1))[:size]
        wall, cpu = time.perf_counter(), time.process_time()
        report = linter.check(text, channel="email", customer_name="Diane")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rows.append((label, size, wall, cpu, len(report.findings), len(report.errors)))
        if label == args.max:
            break

    print(f"kind={args.kind}  rules={len(linter.rules)}")
    print(f"{'size':>6} {'chars':>11} {'wall s':>8} {'cpu s':>8} {'MB/s':>6} {'findings':>9} "
          f"{'errors':>6} {'x prev size':>11} {'x prev time':>11}")
    previous = None
    for label, size, wall, cpu, findings, errors in rows:
        growth = f"{size / previous[1]:.0f}x" if previous else ""
        slower = f"{cpu / previous[3]:.1f}x" if previous else ""
        print(f"{label:>6} {size:>11,} {wall:>8.2f} {cpu:>8.2f} {size / 1e6 / cpu:>6.2f} "
              f"{findings:>9,} {errors:>6} {growth:>11} {slower:>11}")
        previous = (label, size, wall, cpu)


if __name__ == "__main__":
    main()
