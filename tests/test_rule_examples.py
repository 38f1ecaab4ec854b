"""Every rule's examples are tests: failing ones fire on exactly the marked words,
passing ones stay silent (LanguageTool's discipline)."""
import pytest

import replylint
from replylint.rulefile import load_rule_packs

RULES = load_rule_packs()


def _cases():
    for rule in RULES:
        for i, example in enumerate(rule.examples_fail):
            yield pytest.param(rule, example, id=f"{rule.code}-fail-{i + 1}")
        for i, example in enumerate(rule.examples_pass):
            yield pytest.param(rule, example, id=f"{rule.code}-pass-{i + 1}")


@pytest.fixture(scope="module")
def every_rule_linter():
    # Preview rules too: their examples must hold before they are promoted.
    codes = tuple(r.code for r in RULES)
    return replylint.Linter(replylint.Config(select=codes))


@pytest.mark.parametrize("rule, example", list(_cases()))
def test_rule_example(every_rule_linter, rule, example):
    report = every_rule_linter.check(example.text, example.context)
    assert report.errors == (), report.errors
    got = sorted((f.start, f.end) for f in report.findings if f.code == rule.code)
    expected = sorted(example.spans)
    shown = [example.text[s:e] for s, e in got]
    wanted = [example.text[s:e] for s, e in expected]
    assert got == expected, (
        f"{rule.path}:{example.line}: {rule.code} fired on {shown}, expected {wanted}"
    )


def test_every_rule_has_failing_and_passing_examples():
    for rule in RULES:
        assert rule.examples_fail and rule.examples_pass, rule.code
