"""The public contract of architecture.md: names, offsets, ordering, JSON, streaming."""
import json
import subprocess
import sys

import pytest

import replylint
from replylint import Config, Context, Linter, Severity


def test_check_function_finds_a_non_apology():
    report = replylint.check("I'm sorry you feel that way.")
    assert [f.code for f in report.findings] == ["RL101"]
    assert report.ok is False


def test_check_accepts_context_keywords():
    report = replylint.check("Hello, your refund is done.", channel="email", customer_name="Diane")
    assert "RL601" in [f.code for f in report.findings]


def test_finding_carries_the_contract_fields():
    text = "Well, I'm sorry you feel that way."
    finding = replylint.check(text).findings[0]
    assert (finding.code, finding.slug) == ("RL101", "non-apology")
    assert finding.severity is Severity.ERROR and finding.severity.value == "error"
    assert text[finding.start:finding.end] == finding.text == "sorry you feel"
    assert "sorry you feel" in finding.message
    assert finding.why and finding.url and finding.rule_url == finding.url
    assert finding.suggestion


def test_severity_is_ordered_with_string_values():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert [s.value for s in Severity] == ["info", "warning", "error"]
    assert Severity("warning") is Severity.WARNING


def test_findings_are_ordered_by_start(linter):
    text = ("Dear [Customer Name], please be advised that we are sorry you feel let down. "
            "Rest assured it ships soon.")
    report = linter.check(text)
    starts = [f.start for f in report.findings]
    assert len(starts) >= 3 and starts == sorted(starts)


def test_offsets_point_into_the_original_text_with_curly_quotes_and_emoji(linter):
    text = "🙂🙂 Hi Sam \u2014 I\u2019m sorry you\u00a0feel that way."
    finding = next(f for f in linter.check(text).findings if f.code == "RL101")
    assert text[finding.start:finding.end] == finding.text == "sorry you\u00a0feel"


def test_report_ok_follows_fail_on():
    text = "Please be advised the store shuts at 6."
    assert Linter(Config()).check(text).ok is True            # warning < error
    assert Linter(Config(fail_on="warning")).check(text).ok is False
    assert Linter(Config(fail_on="never")).check("I'm sorry you feel that way.").ok is True


def test_to_dict_is_json_serialisable(linter):
    report = linter.check("Dear [Customer Name], I'm sorry you feel that way.")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False
    assert {f["code"] for f in data["findings"]} == {"RL101", "RL203"}
    assert set(data["findings"][0]) >= {"code", "slug", "severity", "message", "why", "start",
                                        "end", "text", "suggestion", "url", "applicability"}


def test_context_rejects_unknown_channel_and_fields(linter):
    with pytest.raises(ValueError, match="unknown channel"):
        Context(channel="pigeon")
    with pytest.raises(ValueError, match="unknown context field"):
        linter.check("hello", {"customer": "Diane"})
    with pytest.raises(TypeError, match="text must be a str"):
        linter.check(None)


def test_public_is_derived_from_the_channel():
    assert Context(channel="twitter").is_public
    assert not Context(channel="email").is_public
    assert not Context(channel="twitter", public=False).is_public


RECORDS = [
    "I'm sorry you feel that way.",
    ("Hi there, your order shipped.", Context(customer_name="Diane")),
    ("Dear {{first_name}}, rest assured.", {"channel": "email"}),
    "",
    "Thanks, Diane! All sorted.",
] * 30


@pytest.mark.parametrize("workers", [1, 2])
def test_check_many_equals_check_in_order(linter, workers):
    expected = []
    for record in RECORDS:
        text, context = (record, None) if isinstance(record, str) else record
        expected.append(linter.check(text, context).to_dict())
    got = [r.to_dict() for r in linter.check_many(iter(RECORDS), workers=workers, chunksize=7)]
    assert got == expected


def test_check_many_streams_without_reading_everything_first(linter):
    def endless():
        while True:
            yield "I'm sorry you feel that way."

    stream = linter.check_many(endless(), workers=1)
    assert [next(stream).findings[0].code for _ in range(3)] == ["RL101"] * 3


def test_check_many_rejects_a_bad_record(linter):
    with pytest.raises(TypeError, match="string or a \\(text, context\\) pair"):
        list(linter.check_many(["fine", 42]))


def test_fix_applies_only_safe_fixes(linter):
    text = "I'm sorry you feel that way."
    result = linter.fix(text)
    assert result.text == text and result.edits == ()


def test_empty_and_whitespace_replies_are_fine(linter):
    assert linter.check("").findings == ()
    assert linter.check("   \n\t ").findings == ()


def test_import_does_not_load_spacy_or_textblob():
    code = ("import sys, replylint; import replylint.cli; "
            "print(any(m.split('.')[0] in ('spacy', 'textblob') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_version_is_exposed():
    assert replylint.__version__.count(".") == 2


def test_personal_data_is_masked_inside_other_findings_too(linter):
    text = "I'm sorry you feel that way. Your card 4111 1111 1111 1111 is on file."
    report = linter.check(text, channel="twitter")
    card = "4111 1111 1111 1111"
    start = text.index(card)
    assert any(f.sensitive for f in report.findings)
    assert any(not f.sensitive and f.start <= start < f.end for f in report.findings), \
        "the test needs a finding that overlaps the card number"
    dumped = json.dumps(report.to_dict())
    assert card not in dumped and "4111111111111111" not in dumped
    for finding in report.findings:
        assert text[finding.start:finding.end] == finding.text   # offsets still exact


def test_a_rule_that_raises_becomes_a_report_error_not_a_crash(tmp_path):
    from replylint.checks import register_check

    @register_check("tests.always_breaks")
    def always_breaks(analysis, rule):
        raise RuntimeError("boom")

    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: broken\nprefix: BRK\n")
    (pack / "BRK101-breaks.yaml").write_text(
        "code: BRK101\nslug: breaks\nseverity: error\nconfidence: high\nmessage: m\nwhy: w\n"
        "match: {check: tests.always_breaks}\nexamples: {fail: ['[[x]]'], pass: ['y']}\n")
    linter = Linter(Config(rule_packs=[str(pack)], select=["BRK101", "RL101"]))
    report = linter.check("I'm sorry you feel that way.")
    assert [f.code for f in report.findings] == ["RL101"]
    assert report.errors == ({"code": "BRK101",
                              "message": "BRK101 failed on this reply: RuntimeError: boom"},)


def test_warm_up_compiles_what_checks_build_on_first_use():
    # In a fresh process: the parts RL104 and the complaint test compile on first use
    # are ready after warm_up, so a server's first request does not pay for them.
    import subprocess
    import sys

    code = (
        "from replylint import Linter, Config\n"
        "from replylint.checks import apology\n"
        "from replylint import complaint\n"
        "linter = Linter(Config())\n"
        "assert apology._HAS_ACKNOWLEDGEMENT_WORDS._parts is None\n"
        "assert complaint.has_complaint_marker._parts is None\n"
        "linter.warm_up()\n"
        "assert apology._HAS_ACKNOWLEDGEMENT_WORDS._parts is not None\n"
        "assert complaint.has_complaint_marker._parts is not None\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr
