"""User rule packs load like the built-in ones, and a broken rule file says file:line."""
import pytest

from replylint import Config, Linter, RuleFileError

from pack_support import make_pack

GOOD_RULE = """\
code: ACME101
slug: competitor-name
severity: warning
confidence: high
message: 'Do not mention “{match}” in a reply.'
why: Keep the reply about the customer's problem, not other companies.
match:
  phrases: ["{globex|initech} {support|}"]
examples:
  fail:
    - "You could try [[Globex]] instead."
  pass:
    - "You could try the web app instead."
"""


def test_a_custom_pack_runs_beside_the_builtin_rules(tmp_path):
    pack = make_pack(tmp_path, GOOD_RULE)
    linter = Linter(Config(rule_packs=[str(pack)]))
    report = linter.check("Try Initech Support, they're cheaper. I'm sorry you feel that way.")
    assert [f.code for f in report.findings] == ["ACME101", "RL101"]
    assert report.findings[0].text == "Initech Support"


def test_config_file_rule_packs_are_relative_to_the_config(tmp_path):
    make_pack(tmp_path, GOOD_RULE)
    (tmp_path / "replylint.toml").write_text('rule-packs = ["acme"]\n')
    linter = Linter(Config.discover(tmp_path))
    assert linter.rule("ACME101") is not None


@pytest.mark.parametrize("mutate, message, line", [
    (lambda t: t.replace("severity: warning", "severity: loud"), "unknown severity 'loud'", 3),
    (lambda t: t.replace("confidence: high\n", "confidence: high\ncolour: red\n"), "unknown key 'colour'", 5),
    (lambda t: t.replace("  pass:\n    - \"You could try the web app instead.\"\n", ""),
     "examples.pass must list at least one example", 10),
    (lambda t: t.replace("[[Globex]]", "Globex"), "must mark the offending words", 11),
    (lambda t: t.replace('phrases: ["{globex|initech} {support|}"]', "regex: ['(unclosed']"),
     "bad regex", 8),
    (lambda t: t.replace("match:\n", "match: [\n"), "invalid YAML", None),
    (lambda t: t.replace("code: ACME101", "code: acme-101"), "must be 2-8 capital letters", 1),
    (lambda t: t.replace("slug: competitor-name", "slug: rival-name"), "file name must be", 1),
    (lambda t: t.replace("phrases: [\"{globex|initech} {support|}\"]", "check: no.such_check"),
     "not a registered check function", 1),
])
def test_a_broken_rule_file_names_file_and_line(tmp_path, mutate, message, line):
    pack = make_pack(tmp_path, mutate(GOOD_RULE))
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_packs=[str(pack)]))
    err = info.value
    assert message in str(err)
    assert err.path.endswith("ACME101-competitor-name.yaml")
    if line is not None:
        assert err.line == line
    assert str(err).startswith(err.path)


def test_duplicate_codes_are_rejected(tmp_path):
    pack = make_pack(tmp_path, GOOD_RULE.replace("ACME101", "RL101").replace("prefix: ACME", ""),
                     name="RL101-competitor-name.yaml")
    (pack / "pack.yaml").write_text("name: acme\nprefix: RL\n")
    with pytest.raises(RuleFileError, match="RL101 is already defined"):
        Linter(Config(rule_packs=[str(pack)]))


def test_a_missing_pack_folder_is_an_error(tmp_path):
    with pytest.raises(RuleFileError, match="does not exist"):
        Linter(Config(rule_packs=[str(tmp_path / "nope")]))


def test_user_regex_that_times_out_is_reported_not_hung(tmp_path):
    rule = GOOD_RULE.replace('phrases: ["{globex|initech} {support|}"]', "regex: ['(a|aa)+$']") \
        .replace("[[Globex]]", "[[aaaa]]").replace("the web app", "b")
    pack = make_pack(tmp_path, rule)
    linter = Linter(Config(rule_packs=[str(pack)], select=["ACME101"]))
    report = linter.check("a" * 40 + "!")
    assert report.findings == ()
    assert report.errors and report.errors[0]["code"] == "ACME101"
