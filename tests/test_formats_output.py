"""Every output format, from hand-made audit results (no engine involved)."""
import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from replylint.audit import AuditResult, Summary
from replylint.errors import InputError
from replylint.formats import FORMATS, RenderOptions, get_renderer
from replylint.io import Record
from replylint.io.readers import SourceError

ROOT = Path(__file__).parent.parent
CARD = "4111 1111 1111 1111"
TEXT = f"Hi Omar,\nI'm sorry you feel that way. Card {CARD} is refunded."


def finding(code, start, end, text, severity="error", sensitive=False, slug="rule"):
    return {"code": code, "slug": slug, "severity": severity, "confidence": "high",
            "message": f"{code} fired on “{text}”.", "why": "Because.", "start": start, "end": end,
            "text": text, "sensitive": sensitive, "suggestion": "Say it better.",
            "replacement": None, "applicability": "display",
            "url": f"https://replylint.dev/rules/{code}"}


def sample_results():
    start = TEXT.index("sorry you feel")
    card = TEXT.index(CARD)
    record = Record(id="t-1", text=TEXT, agent="sam", team="billing", channel="email",
                    source="replies.csv", line=4, literal_lines=True,
                    timestamp="2026-03-02T10:15:00Z")
    findings = [finding("RL101", start, start + 14, "sorry you feel", slug="non-apology"),
                finding("RL801", card, card + len(CARD), "card ending 1111", sensitive=True,
                        slug="exposed-personal-data")]
    clean = Record(id="t-2", text="Thanks, Omar!", source="replies.csv", line=7,
                   literal_lines=True, team="billing")
    jsonl_record = Record(id="r-9", text="We regret that you feel let down.", source="r.jsonl",
                          line=12, team="support")
    return [AuditResult(record, findings), AuditResult(clean, []),
            AuditResult(jsonl_record, [finding("RL101", 3, 22, "regret that you feel",
                                               severity="warning", slug="non-apology")])]


def render(fmt, group_by=None, statistics=False, color=False):
    out = io.StringIO()
    renderer = get_renderer(fmt)(out, RenderOptions(color=color, group_by=group_by,
                                                    statistics=statistics, tool_version="9.9"))
    summary = Summary(group_by=group_by)
    renderer.begin()
    for result in sample_results():
        summary.add_result(result)
        renderer.result(result)
    error = InputError("invalid JSON (Expecting value, column 1)", "r.jsonl", 13)
    summary.add_error(error)
    renderer.error(error)
    renderer.end(summary)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_ever_prints_the_card_number(fmt):
    assert CARD not in render(fmt, group_by="team", statistics=True)
    assert "1111 1111" not in render(fmt)


# ------------------------------------------------------------------ text
def test_text_points_at_file_line_and_column_and_underlines_the_span():
    lines = render("text").splitlines()
    assert lines[0] == "replies.csv:5:5: RL101 [error] RL101 fired on “sorry you feel”. [t-1]"
    assert lines[2] == "5 | I'm sorry you feel that way. Card card ending 1111 is refunded."
    assert lines[3] == "  |     ^^^^^^^^^^^^^^"


def test_text_masks_a_sensitive_span_and_underlines_the_mask():
    out = render("text")
    block = out[out.index("replies.csv:5:35: RL801"):]
    shown, marks = block.splitlines()[2:4]
    start = shown.index("card ending 1111")
    assert marks.index("^") == start and marks.count("^") == len("card ending 1111")


def test_text_for_a_json_line_names_the_file_line_not_a_column_in_the_file():
    assert "r.jsonl:12:4: RL101 [warning]" in render("text")


def test_text_has_no_colour_unless_asked():
    assert "\x1b[" not in render("text")
    assert "\x1b[" in render("text", color=True)


def test_text_statistics_replace_findings_with_counts_but_keep_input_errors():
    out = render("text", statistics=True)
    assert "^" not in out
    assert out.splitlines()[:3] == ["r.jsonl:13: input error: invalid JSON (Expecting value, column 1)",
                                    "2  RL101  non-apology", "1  RL801  exposed-personal-data"]
    assert "Found 3 findings in 3 replies; 1 record could not be read." in out


def test_text_group_by_prints_a_row_per_group():
    out = render("text", group_by="team")
    assert "billing        2         2  RL101 ×1, RL801 ×1" in out
    assert "support        1         1  RL101 ×1" in out


# ------------------------------------------------------------------ json / jsonl
def test_json_document_validates_against_the_documented_schema():
    schema = json.loads((ROOT / "docs/schema/audit-v1.json").read_text())
    document = json.loads(render("json", group_by="day"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["summary"]["records"] == document["summary"]["linted"] + document["summary"]["errors"]
    assert [r["id"] for r in document["results"]] == ["t-1", "r-9"]   # clean replies are counted, not listed
    assert document["summary"]["groups"]["2026-03-02"]["findings"] == 2
    assert document["errors"] == [{"source": "r.jsonl", "line": 13,
                                   "message": "invalid JSON (Expecting value, column 1)"}]


def test_json_schema_rejects_a_document_missing_the_summary():
    schema = json.loads((ROOT / "docs/schema/audit-v1.json").read_text())
    document = json.loads(render("json"))
    del document["summary"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_jsonl_streams_results_errors_then_the_summary():
    lines = [json.loads(line) for line in render("jsonl").splitlines()]
    assert [line["type"] for line in lines] == ["result", "result", "error", "summary"]
    assert lines[-1]["by_rule"] == {"RL101": 2, "RL801": 1}
    assert lines[0]["findings"][1]["text"] == "card ending 1111"


# ------------------------------------------------------------------ csv
def test_csv_has_one_row_per_finding_with_record_metadata():
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    assert [(r["id"], r["code"], r["line"], r["column"]) for r in rows] == [
        ("t-1", "RL101", "5", "5"), ("t-1", "RL801", "5", "35"), ("r-9", "RL101", "12", "4")]
    assert rows[1]["text"] == "card ending 1111"
    assert rows[0]["team"] == "billing"


# ------------------------------------------------------------------ sarif
def sarif_schema():
    return json.loads((Path(__file__).parent / "data/sarif-schema-2.1.0.json").read_text())


def test_sarif_is_valid_sarif_2_1_0():
    log = json.loads(render("sarif"))
    jsonschema.Draft7Validator(sarif_schema()).validate(log)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["RL101", "RL801", "RL101"]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 5}
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {"RL101", "RL801"}
    assert run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0][
        "physicalLocation"]["region"] == {"startLine": 13}


def test_sarif_schema_catches_an_invalid_level():
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(sarif_schema()).validate(log)


def test_sarif_results_have_stable_fingerprints():
    first = json.loads(render("sarif"))["runs"][0]["results"][0]["partialFingerprints"]
    assert first == json.loads(render("sarif"))["runs"][0]["results"][0]["partialFingerprints"]


# ------------------------------------------------------------------ github
def test_github_annotations_use_levels_and_escape_data():
    lines = render("github").splitlines()
    assert lines[0].startswith("::error file=replies.csv,line=5,col=5,title=RL101 non-apology::")
    assert lines[2].startswith("::warning file=r.jsonl,line=12,title=RL101 non-apology::")
    assert lines[3] == ("::error file=r.jsonl,line=13,title=replylint input error::"
                        "invalid JSON (Expecting value, column 1)")


def test_github_escapes_newlines_and_percent_in_messages():
    from replylint.formats.github import _data, _property

    assert _data("50%\nmore") == "50%25%0Amore"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown output format"):
        get_renderer("xml")


def test_summary_counts_unreadable_sources_apart():
    summary = Summary()
    summary.add_error(SourceError("no such file", "x.jsonl"))
    summary.add_error(InputError("bad line", "y.jsonl", 3))
    assert (summary.records, summary.errors, summary.unreadable_sources) == (2, 2, 1)


@pytest.mark.parametrize("timestamp, day", [
    ("2026-03-02T23:59:00Z", "2026-03-02"), ("Mon Feb 09 10:02:00 +0000 2026", "2026-02-09"),
    ("2026-02-13 10:02:00", "2026-02-13"), ("1760000000", "2025-10-09"), ("soon", "unknown"),
    (None, "unknown")])
def test_group_by_day_understands_common_timestamp_forms(timestamp, day):
    from replylint.audit import day_of

    assert day_of(timestamp) == day


def test_text_lists_the_most_sent_templates_when_grouping_ran():
    out = io.StringIO()
    renderer = get_renderer("text")(out, RenderOptions())
    summary = Summary()
    summary.templates = [{"template": "Hi <name>, please DM us your order number.", "count": 42}]
    renderer.end(summary)
    assert "RL204 reused templates: 1\n    42 × Hi <name>, please DM us your order number.\n" in out.getvalue()


def test_whole_audit_passes_run_after_the_last_reply_and_before_the_output_closes():
    from replylint.audit import run
    from replylint.model import Report

    events = []

    class Linter:
        def check_many(self, pairs, workers=1):
            for _ in pairs:
                events.append("linted")
                yield Report()

    class Renderer(get_renderer("jsonl")):
        def end(self, summary):
            events.append(("end", summary.templates))

    def before_end(summary):
        events.append("before_end")
        summary.templates = []

    records = [Record(id=str(n), text="Hello") for n in range(2)]
    run(records, Linter(), Renderer(io.StringIO()), Summary(), before_end=before_end)
    assert events == ["linted", "linted", "before_end", ("end", [])]
