"""The report's model: counts, groups, timeline, phrases, worst replies, templates.

Hand-made audit results, no engine: these pin down what the report says.
"""
from datetime import date

import pytest

from replylint.audit import AuditResult, Summary, day_of
from replylint.errors import InputError
from replylint.io import Record
from replylint.model import Context
from replylint.report import phrases as phrases_module
from replylint.report.collect import ReportCollector
from replylint.report.groups import NOT_GIVEN, GroupCounts
from replylint.report.highlight import highlight
from replylint.report.phrases import PhraseCounter
from replylint.report.reused import template_rows
from replylint.report.timeline import Timeline, parse_day
from replylint.report.worst import WorstReplies

CARD = "4111 1111 1111 1111"


def finding(code, start, end, text, severity="warning", sensitive=False, message=None):
    return {"code": code, "slug": code.lower(), "severity": severity, "confidence": "high",
            "message": message or f"{code} on “{text}”.", "why": "", "start": start, "end": end,
            "text": text, "sensitive": sensitive, "suggestion": None, "replacement": None,
            "applicability": "display", "url": f"https://replylint.dev/rules/{code}"}


def result(text, findings=(), **meta):
    return AuditResult(Record(id=meta.pop("id", "r"), text=text, **meta), list(findings))


def spanned(text, words, code="RL101", **kwargs):
    start = text.index(words)
    return finding(code, start, start + len(words), words, **kwargs)


def collect(results, errors=()):
    collector, summary = ReportCollector(), Summary()
    for item in results:
        collector.add_result(item)
        summary.add_result(item)
    for error in errors:
        collector.add_error(error)
        summary.add_error(error)
    return collector.finish(summary)


# ------------------------------------------------------------------ headline
def test_headline_counts_clean_replies_as_those_without_warning_or_error():
    text = "I'm sorry you feel that way."
    model = collect([
        result(text, [spanned(text, "sorry you feel", severity="error")]),
        result(text, [spanned(text, "sorry you feel", severity="info")]),   # info only: clean
        result("Thanks!"),
        result("Thanks again!"),
    ], errors=[InputError("invalid JSON", "in.jsonl", 7)])
    head = model["headline"]
    assert (head["records"], head["replies"], head["input_errors"]) == (5, 4, 1)
    assert (head["clean"], head["clean_pct"]) == (3, 75.0)
    assert (head["findings"], head["per_100"]) == (2, 50.0)
    assert head["by_severity"] == {"error": 1, "warning": 0, "info": 1}
    assert head["blocking_per_100"] == 25.0
    assert model["errors"] == [{"source": "in.jsonl", "line": 7, "message": "invalid JSON"}]


def test_empty_audit_has_zeros_not_a_division_error():
    model = collect([])
    assert model["headline"]["clean_pct"] == 0.0 and model["headline"]["per_100"] == 0.0
    assert model["timeline"] is None and model["worst"] == [] and model["rules"] == []


def test_input_errors_beyond_the_limit_are_counted_and_messages_masked(monkeypatch):
    monkeypatch.setattr("replylint.report.collect.MAX_ERRORS", 2)
    errors = [InputError(f"bad row holding {CARD}", "t.csv", line) for line in range(1, 6)]
    model = collect([], errors)
    assert len(model["errors"]) == 2 and model["more_errors"] == 3
    assert CARD not in str(model["errors"])


def test_rule_rows_count_findings_and_replies_most_frequent_first():
    text = "Please be advised. Please be advised. Sorry if."
    first = text.index("Please be advised")
    second = text.index("Please be advised", first + 1)
    model = collect([
        result(text, [finding("RL201", first, first + 17, "Please be advised"),
                      finding("RL201", second, second + 17, "please  be ADVISED"),
                      spanned(text, "Sorry if", code="RL102")]),
    ])
    rows = {row["code"]: row for row in model["rules"]}
    assert [row["code"] for row in model["rules"]] == ["RL201", "RL102"]
    assert (rows["RL201"]["findings"], rows["RL201"]["replies"]) == (2, 1)
    # Spacing and case do not make a new phrase; the most frequent spelling is shown
    # (the first seen on a tie).
    assert rows["RL201"]["phrases"] == [("Please be advised", 2)]
    assert rows["RL201"]["url"] == "https://replylint.dev/rules/RL201"


# ------------------------------------------------------------------ groups
def test_agent_falls_back_to_the_sign_off_name_and_missing_fields_say_not_given():
    groups = GroupCounts()
    groups.add(Record(id="1", text="x", agent="sam"), [finding("RL101", 0, 1, "x", "error")])
    groups.add(Record(id="2", text="x", context=Context(agent_name="Corey")), [])
    groups.add(Record(id="3", text="x"), [])
    agent = groups.table("agent", "Agent")
    assert [row["name"] for row in agent["rows"]] == ["sam", NOT_GIVEN, "Corey"]
    assert agent["rows"][0] | {"top_rules": None} == {
        "name": "sam", "replies": 1, "flagged": 1, "flagged_pct": 100.0, "findings": 1,
        "per_100": 100.0, "error": 1, "warning": 0, "info": 0, "top_rules": None}
    assert agent["present"] is True
    assert groups.table("team", "Team")["present"] is False


def test_group_tables_keep_the_groups_with_most_findings(monkeypatch):
    monkeypatch.setattr("replylint.report.groups.MAX_ROWS", 2)
    groups = GroupCounts()
    for i, n in enumerate([0, 3, 1, 2]):
        groups.add(Record(id=str(i), text="x", team=f"t{i}"),
                   [finding("RL101", 0, 1, "x")] * n)
    table = groups.table("team", "Team")
    assert [row["name"] for row in table["rows"]] == ["t1", "t3"]
    assert table["total"] == 4


def test_group_rows_rank_errors_then_warnings_before_sheer_volume():
    groups = GroupCounts()
    info, warn, err = (finding("RL604", 0, 1, "x", severity) for severity in ("info", "warning", "error"))
    groups.add(Record(id="1", text="x", agent="busy"), [info] * 9)
    groups.add(Record(id="2", text="x", agent="warns"), [warn, warn])
    groups.add(Record(id="3", text="x", agent="errs"), [err])
    assert [row["name"] for row in groups.table("agent", "Agent")["rows"]] == ["errs", "warns", "busy"]


# ------------------------------------------------------------------ timeline
@pytest.mark.parametrize("stamp", ["Tue Oct 31 22:10:47 +0000 2017", "Sat Nov 25 23:21:54 -0500 2017",
                                   "2026-03-02T10:15:00Z", "2026-03-02 10:15:00", "1509488000",
                                   "02/03/2026 10:15"])
def test_parse_day_agrees_with_the_cli_group_by_day(stamp):
    assert parse_day(stamp).isoformat() == day_of(stamp)


@pytest.mark.parametrize("stamp", [None, "", "yesterday", "Tue Oct 99 22:10:47 +0000 2017"])
def test_unusable_timestamps_are_counted_as_undated(stamp):
    timeline = Timeline()
    timeline.add(stamp, 0)
    timeline.add("2026-01-01", 1)
    assert timeline.series()["undated"] == 1


def test_daily_series_fills_days_without_replies_with_zeros():
    timeline = Timeline()
    timeline.add("2026-01-01T09:00:00", 2, 1)
    timeline.add("2026-01-01T10:00:00", 0)
    timeline.add("2026-01-04T10:00:00", 1)
    series = timeline.series()
    assert series["unit"] == "day"
    assert series["labels"] == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]
    assert series["replies"] == [2, 0, 0, 1]
    assert series["findings"] == [2, 0, 0, 1]
    assert series["flagged"] == [1, 0, 0, 1]
    assert series["per_100"] == [100.0, None, None, 100.0]
    assert series["blocking_per_100"] == [50.0, None, None, 0.0]


@pytest.mark.parametrize("last, unit, buckets", [("2026-06-30", "week", 27), ("2028-02-10", "month", 26)])
def test_long_spans_are_bucketed_by_week_or_month(last, unit, buckets):
    timeline = Timeline()
    timeline.add("2026-01-01", 1)
    timeline.add(last, 0)
    series = timeline.series()
    assert series["unit"] == unit
    assert len(series["labels"]) == buckets
    assert sum(series["replies"]) == 2 and sum(series["findings"]) == 1
    if unit == "week":   # weeks start on Monday
        assert date.fromisoformat(series["labels"][0]).weekday() == 0
    else:
        assert series["labels"][0] == "2026-01" and series["labels"][-1] == "2028-02"


def test_stray_dates_far_from_the_rest_do_not_stretch_the_chart():
    timeline = Timeline()
    timeline.add("2014-05-01", 0)                 # one old thread answered late
    for day in range(1, 31):
        for _ in range(10):
            timeline.add(f"2026-03-{day:02d}", 1)
    series = timeline.series()
    assert series["unit"] == "day"
    assert series["labels"][0] == "2026-03-01" and series["labels"][-1] == "2026-03-30"
    assert series["outside"] == 1 and sum(series["replies"]) == 300


def test_evenly_spread_dates_are_all_shown():
    timeline = Timeline()
    for day in range(1, 31):
        timeline.add(f"2026-03-{day:02d}", 0)
    series = timeline.series()
    assert len(series["labels"]) == 30 and series["outside"] == 0


# ------------------------------------------------------------------ phrases
def test_phrases_are_ranked_by_count_then_alphabetically():
    counter = PhraseCounter()
    for text in ["b", "a", "c", "c"]:
        counter.add("RL201", text)
    assert counter.top("RL201", 2) == ([("c", 2), ("a", 1)], 3)


def test_phrase_counter_drops_phrases_seen_once_past_its_limit(monkeypatch):
    monkeypatch.setattr(phrases_module, "MAX_DISTINCT", 3)
    counter = PhraseCounter()
    for text in ["kept", "kept", "one", "two", "three"]:
        counter.add("RL104", text)
    assert counter.top("RL104", 10) == ([("kept", 2)], 1)
    assert "RL104" in counter.pruned


def test_phrases_shown_are_masked_even_when_the_finding_was_not_sensitive():
    counter = PhraseCounter()
    counter.add("RL104", f"Your card {CARD} was charged twice.")
    [(phrase, count)], _ = counter.top("RL104", 1)
    assert CARD not in phrase and "1111" in phrase


# ------------------------------------------------------------------ worst replies
def test_worst_replies_rank_errors_above_several_warnings_then_by_input_order():
    worst = WorstReplies(size=3)
    warn = finding("RL201", 0, 4, "Dear", "warning")
    err = finding("RL101", 0, 4, "Dear", "error")
    worst.add(result("three warnings", [warn, warn, warn], id="w3"))      # 9
    worst.add(result("one error", [err], id="e1"))                        # 10
    worst.add(result("clean", [], id="clean"))
    worst.add(result("one error again", [err], id="e2"))                  # 10, later
    worst.add(result("one warning", [warn], id="w1"))                     # 3: not kept
    assert [(r.record.id, score) for r, score, _ in worst.ranked()] == [
        ("e1", 10), ("e2", 10), ("w3", 9)]


def test_the_same_text_sent_again_is_listed_once_with_its_copies():
    worst = WorstReplies(size=2)
    err = finding("RL101", 0, 4, "Dear", "error")
    for i in range(3):
        worst.add(result(f"@user{i} Dear customer, sorry you feel that way. Case {i}0{i}.", [err],
                         id=f"copy{i}"))
    worst.add(result("Something else entirely", [err], id="other"))
    assert [(r.record.id, copies) for r, _, copies in worst.ranked()] == [("copy0", 3), ("other", 1)]


def test_worst_entry_marks_findings_and_keeps_the_message_for_hover():
    text = f"I'm sorry you feel that way. Card {CARD} is on file."
    card = text.index(CARD)
    model = collect([result(text, [
        spanned(text, "sorry you feel that way", code="RL104", severity="warning"),
        spanned(text, "sorry you feel", code="RL101", severity="error"),
        finding("RL801", card, card + len(CARD), "card ending 1111", "error", sensitive=True),
    ], id="t-1", source="in.jsonl", line=3, agent="sam")])
    entry, = model["worst"]
    assert entry["location"] == "in.jsonl:3" and ("agent", "sam") in entry["meta"]
    marked = [(p["text"], p["marks"], p["severity"]) for p in entry["pieces"] if p["marks"]]
    # Findings are listed by position (the shorter first): RL101, RL104, RL801.
    assert [f["code"] for f in entry["findings"]] == ["RL101", "RL104", "RL801"]
    assert marked == [("sorry you feel", [0, 1], "error"), (" that way", [1], "warning"),
                      ("card ending 1111", [2], "error")]
    assert entry["pieces"][1]["tip"] == ("RL101 rl101: RL101 on “sorry you feel”.\n"
                                         "RL104 rl104: RL104 on “sorry you feel that way”.")
    assert CARD not in str(entry)


def test_personal_data_in_a_reply_is_masked_even_without_a_sensitive_finding():
    text = f"Sorry if it failed. Your card {CARD} and jane.doe@example.com are on file."
    model = collect([result(text, [spanned(text, "Sorry if", code="RL102")])])
    shown = "".join(p["text"] for p in model["worst"][0]["pieces"])
    assert CARD not in shown and "jane.doe@example.com" not in shown
    assert shown.startswith("Sorry if it failed. Your card ")


def test_long_replies_are_cut_to_a_window_around_the_first_finding():
    text = "x" * 5000 + " sorry you feel " + "y" * 5000
    marked = highlight(text, [spanned(text, "sorry you feel")])
    assert marked.cut_before and marked.cut_after
    shown = "".join(p.text for p in marked.pieces)
    assert "sorry you feel" in shown and len(shown) <= 3000


# ------------------------------------------------------------------ reused templates (RL204)
def group(template, count, agent_names=(), agents=None, **extra):
    """A group as ``TemplateGroup.to_dict()`` gives it."""
    return {"template": template, "count": count, "conversations": count, "customers": count,
            "agents": len(agent_names) if agents is None else agents, "variants": 1,
            "example_ids": [f"id{i}" for i in range(5)], "agent_names": list(agent_names)} | extra


def test_template_rows_show_count_agents_and_the_template_most_sent_first():
    rows = template_rows([
        group("<greeting> please DM us your order number.", 6, ["sam"]),
        group(f"Your card {CARD} is on file.", 9, [f"agent{i}" for i in range(10)], agents=12,
              variants=3),
    ])
    assert [row["count"] for row in rows] == [9, 6]
    assert CARD not in rows[0]["example"]
    assert rows[0]["agent_names"] == [f"agent{i}" for i in range(8)]
    assert rows[0]["more_agents"] == 4 and rows[0]["variants"] == 3
    assert rows[1] == {"count": 6, "conversations": 6, "variants": 1, "agents": 1,
                       "agent_names": ["sam"], "more_agents": 0,
                       "example": "<greeting> please DM us your order number.",
                       "example_ids": ["id0", "id1", "id2"]}


def test_template_rows_are_none_when_grouping_did_not_run():
    assert template_rows(None) is None
    assert template_rows([]) == []
