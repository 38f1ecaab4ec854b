"""Long-running fuzz of ``Linter.check`` over the whole rule set.

Two engines, same properties as tests/test_properties.py (never raises; every
finding has 0 <= start < end <= len(text) and text[start:end] == finding.text;
to_dict() is JSON; a second check of the same reply gives the same report):

    # hypothesis, as long as you like (no extra install); stops at the first failure
    # and prints the smallest reply that breaks a property:
    REPLYLINT_FUZZ_EXAMPLES=100000 /work/venv/bin/python -m pytest tests/test_properties.py -p no:cacheprovider

    # coverage-guided, with atheris (pip install atheris; needs clang to build):
    /work/venv/bin/python fuzz/fuzz_check.py -max_total_time=3600 fuzz/corpus

    # without atheris: random replies from the same building blocks, for N seconds:
    /work/venv/bin/python fuzz/fuzz_check.py --seconds 3600

A failing input is written to fuzz/crash-<sha1>.txt (UTF-8 with surrogates escaped)
so it can be replayed with ``--replay FILE``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import replylint
from replylint.model import CHANNELS, Context
from replylint.rulefile import load_rule_packs

HERE = Path(__file__).resolve().parent
RULES = load_rule_packs()
LINTER = replylint.Linter(replylint.Config(select=tuple(r.code for r in RULES)))
WORDS = sorted({e.text for r in RULES for e in r.examples_fail + r.examples_pass}
               | {p for r in RULES for p in r.phrases})
ODD = ["\u200b", "\u200d", "\u202e", "\u2066", "\u0301", "\U0001f469\u200d\U0001f467", "\x00",
       "\x1b", "\ud800", "\udfff", "\r\n", "\n", "\t", "\u2028", "\u00a0", "\u2019", "\ufeff",
       "<p>", "</p>", "<br>", "<b>", "</b>", "&amp;", "&#39;", "&nbsp;", "<!--", "<script>",
       "> ", "On Mon, Diane wrote:\n", "https://x.y/(a)", "a@b.co", "@acme", "[Name]", "{{x}}",
       "4111 1111 1111 1111", "+44 20 7946 0958", "!!!", "...", "  "]


def check_one(text: str, context: Context) -> None:
    report = LINTER.check(text, context)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text), (f.code, f.start, f.end, len(text))
        assert text[f.start:f.end] == f.text, (f.code, f.start, f.end)
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert LINTER.check(text, context).to_dict() == data, "not deterministic"


def _context(rng: random.Random) -> Context:
    return Context(channel=rng.choice((None,) + CHANNELS),
                   customer_name=rng.choice([None, "Diane", "Robert Smith", "Zoë", "\ud800", "(.*)+"]),
                   customer_handle=rng.choice([None, "@diane", "@"]),
                   agent_name=rng.choice([None, "Sam"]),
                   inbound=rng.choice([None, "Still waiting for my refund!", "thanks"]))


def random_reply(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(rng.choice(WORDS))
        elif roll < 0.8:
            parts.append(rng.choice(ODD))
        else:
            parts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 8))))
    return "".join(parts)


def _save(text: str) -> Path:
    data = text.encode("utf-8", "surrogatepass")
    path = HERE / f"crash-{hashlib.sha1(data).hexdigest()[:12]}.txt"
    path.write_text(text.encode("unicode_escape").decode("ascii"), encoding="ascii")
    return path


def run_random(seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    deadline, count = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        text, context = random_reply(rng), _context(rng)
        try:
            check_one(text, context)
        except Exception:
            print(f"FAILED after {count} replies; saved to {_save(text)}", file=sys.stderr)
            raise
        count += 1
    print(f"ok: {count} random replies in {seconds:.0f} s (seed {seed})")
    return 0


def atheris_main(argv) -> None:
    import atheris

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        channel = fdp.PickValueInList((None,) + CHANNELS)
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
        try:
            check_one(text, Context(channel=channel, customer_name="Diane"))
        except Exception:
            _save(text)
            raise

    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description="Fuzz replylint's Linter.check.")
    parser.add_argument("--seconds", type=float, help="random mode, for this long")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--replay", type=Path, help="check one saved crash file")
    args, rest = parser.parse_known_args()
    if args.replay:
        text = args.replay.read_text(encoding="ascii").encode("ascii").decode("unicode_escape")
        check_one(text, Context())
        print("ok")
        return 0
    if args.seconds is not None:
        return run_random(args.seconds, args.seed)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: use --seconds N for the random mode, or the "
              "hypothesis profile (see the module docstring)", file=sys.stderr)
        return 2
    atheris_main([sys.argv[0]] + rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
