"""A rule may replace another's finding on the same words (``supersedes``)."""
import textwrap

import pytest

from replylint import Config, Linter, RuleFileError

from pack_support import make_pack


LOSER = """\
code: ACME101
slug: competitor-name
severity: warning
confidence: high
message: 'Do not mention “{match}” in a reply.'
why: Keep the reply about the customer's problem, not other companies.
match:
  phrases: ["{globex|initech}"]
examples:
  fail:
    - "You could try [[Initech]] instead."
  pass:
    - "You could try the web app instead."
"""
HI_THERE = "Hi there, your refund is on its way."


def test_a_generic_greeting_is_one_finding_not_two():
    codes = [f.code for f in Linter().check(HI_THERE, customer_name="Diane").findings]
    assert "RL602" in codes and "RL601" not in codes


def test_the_superseded_rule_speaks_when_the_other_is_not_selected():
    linter = Linter(Config(ignore=["RL602"]))
    report = linter.check(HI_THERE, customer_name="Diane")
    assert [(f.code, f.text) for f in report.findings if f.code.startswith("RL6")] == [("RL601", "Hi there")]


def test_findings_elsewhere_in_the_reply_stay():
    # RL602 flags the greeting; RL601 is replaced there only, other rules are untouched.
    text = "Dear customer, I'm sorry you feel that way."
    codes = [f.code for f in Linter().check(text, customer_name="Diane").findings]
    assert "RL602" in codes and "RL101" in codes and "RL601" not in codes


WINNER = """\
code: ACME102
slug: rival-support
severity: warning
confidence: high
message: 'Do not send customers to “{match}”.'
why: Keep them with us.
supersedes: [ACME101]
match:
  phrases: ["globex support"]
examples:
  fail:
    - "Ask [[Globex support]] about it."
  pass:
    - "Ask our support about it."
"""


def test_a_user_rule_supersedes_another(tmp_path):
    pack = make_pack(tmp_path, LOSER, "ACME101-competitor-name.yaml")
    (pack / "ACME102-rival-support.yaml").write_text(textwrap.dedent(WINNER))
    report = Linter(Config(rule_packs=[str(pack)])).check("Ask Globex support, or Initech.")
    assert [(f.code, f.text) for f in report.findings] == [("ACME102", "Globex support"),
                                                           ("ACME101", "Initech")]


@pytest.mark.parametrize("codes, message", [
    ("[ACME999]", "supersedes names 'ACME999', which is no loaded rule"),
    ("[ACME102]", "supersedes must list other rules' codes"),
    ("[acme-101]", "supersedes must list other rules' codes"),
])
def test_a_bad_supersedes_names_its_file(tmp_path, codes, message):
    make_pack(tmp_path, LOSER, "ACME101-competitor-name.yaml")
    pack = make_pack(tmp_path, WINNER.replace("[ACME101]", codes), "ACME102-rival-support.yaml")
    with pytest.raises(RuleFileError) as caught:
        Linter(Config(rule_packs=[str(pack)]))
    assert message in str(caught.value)
    assert "ACME102-rival-support.yaml" in str(caught.value)
