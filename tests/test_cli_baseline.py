"""Baselines: write, then only new findings show; edits elsewhere do not resurface old ones."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_replies(path, replies):
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in replies.items()))


def audit(*args):
    # A fixed set of rules, so rules added later do not change the counts.
    return CliRunner().invoke(main, ["audit", "--workers", "1", "--format", "json",
                                     "--select", "RL101,RL201", *map(str, args)])


def test_round_trip_hides_accepted_findings_and_shows_new_ones(folder):
    replies = folder / "replies.jsonl"
    write_replies(replies, {"a": "I'm sorry you feel that way.",
                            "b": "Please be advised the store is shut."})
    first = audit(replies, "--write-baseline", folder / "baseline.json")
    assert first.exit_code == 1
    assert "wrote 2 findings to baseline" in first.stderr

    again = audit(replies, "--baseline", folder / "baseline.json")
    summary = json.loads(again.stdout)["summary"]
    assert (summary["findings"], summary["baseline_suppressed"]) == (0, 2)
    assert again.exit_code == 0

    # An edit elsewhere in reply a moves every offset: still accepted. A new
    # non-apology in reply b is new.
    write_replies(replies, {"a": "Hello Sam! I'm sorry you feel that way.",
                            "b": "Please be advised the store is shut. We regret that you feel let down."})
    edited = audit(replies, "--baseline", folder / "baseline.json")
    document = json.loads(edited.stdout)
    assert [(r["id"], [f["code"] for f in r["findings"]]) for r in document["results"]] == [
        ("b", ["RL101"])]
    assert edited.exit_code == 1


def test_a_second_occurrence_of_the_same_words_is_new(folder):
    replies = folder / "replies.jsonl"
    write_replies(replies, {"a": "I'm sorry you feel that way."})
    audit(replies, "--write-baseline", folder / "baseline.json")
    write_replies(replies, {"a": "I'm sorry you feel that way. Truly, sorry you feel that way."})
    summary = json.loads(audit(replies, "--baseline", folder / "baseline.json").stdout)["summary"]
    assert (summary["findings"], summary["baseline_suppressed"]) == (1, 1)


def test_baseline_holds_no_personal_data(folder):
    replies = folder / "replies.jsonl"
    write_replies(replies, {"a": "Your card 4111 1111 1111 1111 was refunded."})
    audit(replies, "--write-baseline", folder / "baseline.json", "--select", "RL801")
    content = (folder / "baseline.json").read_text()
    assert "4111" not in content
    assert json.loads(content)["findings"][0]["code"] == "RL801"


def test_an_unreadable_baseline_is_a_usage_error(folder):
    (folder / "baseline.json").write_text("{not json")
    replies = folder / "replies.jsonl"
    write_replies(replies, {"a": "Hello."})
    result = audit(replies, "--baseline", folder / "baseline.json")
    assert result.exit_code == 2
    assert "baseline is not valid JSON" in result.stderr


def test_a_file_that_is_not_a_baseline_is_refused(folder):
    (folder / "baseline.json").write_text('{"schema": "something-else"}')
    replies = folder / "replies.jsonl"
    write_replies(replies, {"a": "Hello."})
    result = audit(replies, "--baseline", folder / "baseline.json")
    assert result.exit_code == 2 and "not a replylint baseline" in result.stderr
