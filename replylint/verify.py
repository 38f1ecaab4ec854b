"""Verify that a rule pack's examples hold: failing ones fire on exactly the marked
words, passing ones stay silent.

The built-in packs are held to this by the test suite; a support team's own pack
has no test suite, so the same check is offered here for the CLI (or CI) to run:

    python -m replylint.verify path/to/pack          # exit 0 when every example holds
    replylint.verify.verify_pack_examples("path/to/pack") -> [ExampleFailure, ...]

A pack that does not even load raises ``RuleFileError`` (file and line), as
``Linter()`` would.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional


@dataclass(frozen=True)
class ExampleFailure:
    """One example that does not behave as its rule file says."""

    path: str
    line: Optional[int]
    code: str
    kind: str                 # "fail" (should fire) or "pass" (should stay silent)
    text: str
    expected: tuple           # the marked words
    got: tuple                # the words the rule fired on

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.kind == "pass":
            what = f"passing example fired on {list(self.got)}"
        elif not self.got:
            what = f"failing example did not fire (expected {list(self.expected)})"
        else:
            what = f"failing example fired on {list(self.got)}, expected {list(self.expected)}"
        return f"{where}: {self.code}: {what}"

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "code": self.code, "kind": self.kind,
                "text": self.text, "expected": list(self.expected), "got": list(self.got)}


def verify_rules(rules: Iterable, linter) -> list:
    """Check each rule's examples with ``linter`` (which must have selected the rules)."""
    failures = []
    for rule in rules:
        for kind, examples in (("fail", rule.examples_fail), ("pass", rule.examples_pass)):
            for example in examples:
                report = linter.check(example.text, example.context)
                got = sorted((f.start, f.end) for f in report.findings if f.code == rule.code)
                expected = sorted(example.spans)
                if got != expected:
                    failures.append(ExampleFailure(
                        rule.path, example.line, rule.code, kind, example.text,
                        tuple(example.text[s:e] for s, e in expected),
                        tuple(example.text[s:e] for s, e in got)))
    return failures


def verify_pack_examples(folder, *, include_builtin: bool = False, config=None) -> list:
    """Every example of the pack(s) in ``folder`` that does not hold, with file and line.

    ``folder`` is a pack (it has pack.yaml) or a folder of packs. Only the pack's own
    rules are run (preview ones too), so a built-in rule cannot hide or cause a
    failure; ``include_builtin=True`` also loads the built-in packs, to catch code or
    slug clashes with them. ``config`` supplies options, nicknames and allow-lists
    the examples rely on; its selection is replaced.
    """
    from replylint.config import Config
    from replylint.linter import Linter
    from replylint.rulefile import load_rule_packs

    folder = Path(folder).resolve()
    base = config or Config()
    rules = [r for r in load_rule_packs([folder], base.docs_url, include_builtin=include_builtin)
             if not r.builtin]
    if not rules:
        return []
    config = base.with_overrides(rule_packs=(str(folder),), builtin_rules=include_builtin,
                                 select=tuple(r.code for r in rules), ignore=(),
                                 extend_select=(), source=None)
    return verify_rules(rules, Linter(config))


def main(argv=None) -> int:
    """``python -m replylint.verify FOLDER...``: 0 all hold, 1 some fail, 2 a pack is broken."""
    from replylint.errors import ReplylintError

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m replylint.verify PACK_FOLDER [PACK_FOLDER ...]")
        return 0 if args else 2
    failures = []
    for folder in args:
        try:
            failures += verify_pack_examples(folder)
        except ReplylintError as exc:
            print(f"replylint: error: {exc}", file=sys.stderr)
            return 2
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover - exercised through main() in tests
    sys.exit(main())
