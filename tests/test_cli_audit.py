"""`replylint audit`: every input and output format end to end, exit codes, workers."""
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from replylint.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs/schema/audit-v1.json").read_text())
SARIF = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
# Tests that count findings or check exit codes run a fixed set of rules, so a rule
# added to the built-in packs later does not change what they measure.
STABLE = "RL101,RL201,RL203"


@pytest.fixture()
def isolated(tmp_path, monkeypatch):
    """Run in an empty folder so no project config is picked up."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def audit(*args, input=None):
    return CliRunner().invoke(main, ["audit", "--workers", "1", *map(str, args)], input=input)


def summary_of(result):
    return json.loads(result.stdout)["summary"]


@pytest.mark.parametrize("name, records, errors", [
    ("replies.jsonl", 7, 4), ("replies.csv", 4, 1), ("twitter.csv", 4, 0),
    ("conversations.jsonl", 5, 3), ("replies.txt", 3, 0)])
def test_every_input_format_accounts_for_every_record(isolated, name, records, errors):
    result = audit(DATA / name, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    summary = summary_of(result)
    assert (summary["records"], summary["errors"]) == (records, errors)
    assert summary["records"] == summary["linted"] + summary["errors"]


def test_detected_fields_are_printed_on_stderr(isolated):
    result = audit(DATA / "replies.jsonl", "--format", "json")
    assert "fields: text=reply (detected)" in result.stderr
    assert "fields:" not in result.stdout


def test_map_names_the_text_field(isolated, tmp_path):
    path = tmp_path / "drafts.jsonl"
    path.write_text('{"draft": "I\'m sorry you feel that way.", "note": "x"}\n')
    without = audit(path, "--format", "json", "--fail-on", "never")
    assert summary_of(without)["errors"] == 1
    mapped = audit(path, "--map", "text=draft", "--format", "json", "--select", "RL101")
    assert summary_of(mapped)["by_rule"] == {"RL101": 1}
    assert mapped.exit_code == 1


def test_bad_map_option_is_a_usage_error(isolated):
    result = audit(DATA / "replies.jsonl", "--map", "colour=x")
    assert result.exit_code == 2
    assert result.stderr.startswith("replylint: error: --map: unknown key 'colour'")
    assert "Traceback" not in result.output


def test_stdin_dash_json_lines_are_recognised(isolated):
    result = audit("-", "--format", "json", "--select", "RL101",
                   input='{"id": "s-1", "text": "I\'m sorry you feel that way."}\n')
    [item] = json.loads(result.stdout)["results"]
    assert (item["id"], item["source"], item["findings"][0]["start"]) == ("s-1", "<stdin>", 4)
    assert result.exit_code == 1


def test_stdin_dash_plain_text(isolated):
    result = audit("-", "--format", "json", "--select", "RL101",
                   input="Thanks for waiting.\n\nI'm sorry you feel that way.\n")
    document = json.loads(result.stdout)
    assert document["summary"]["records"] == 2
    assert document["results"][0]["id"] == "<stdin>:3"


def test_gzip_input(isolated, tmp_path):
    import gzip

    path = tmp_path / "replies.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write((DATA / "replies.jsonl").read_bytes())
    assert summary_of(audit(path, "--format", "json"))["records"] == 7


def test_folder_is_searched_for_transcripts(isolated, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(DATA / "replies.csv", folder)
    shutil.copy(DATA / "replies.txt", folder)
    assert summary_of(audit(folder, "--format", "json"))["records"] == 7


# ------------------------------------------------------------------ output formats
def test_json_output_validates_against_the_documented_schema(isolated):
    for name in ("replies.jsonl", "twitter.csv", "conversations.jsonl"):
        result = audit(DATA / name, "--format", "json", "--group-by", "agent")
        jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(result.stdout))


def test_sarif_output_is_valid_sarif(isolated):
    result = audit(DATA / "replies.jsonl", DATA / "replies.txt", "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SARIF).validate(log)
    assert log["runs"][0]["results"]


def test_personal_data_is_masked_in_every_format(isolated):
    for fmt in ("text", "json", "jsonl", "csv", "sarif", "github"):
        result = audit(DATA / "replies.jsonl", "--format", fmt, "--select", "RL801")
        assert "4111 1111" not in result.stdout, fmt
        assert "RL801" in result.stdout, fmt


def test_output_file(isolated, tmp_path):
    target = tmp_path / "report.csv"
    result = audit(DATA / "replies.csv", "--format", "csv", "-o", target)
    assert result.stdout == ""
    assert target.read_text().splitlines()[0].startswith("source,line,column,id")


def test_statistics_and_group_by_in_text(isolated):
    result = audit(DATA / "replies.jsonl", DATA / "replies.csv", "--statistics", "--group-by", "team",
                   "--select", "RL101")
    lines = result.stdout.splitlines()
    assert "2  RL101  non-apology" in lines
    assert any(line.startswith("billing ") for line in lines)
    assert "|" not in result.stdout   # no excerpts with --statistics


def test_group_by_day_reads_iso_timestamps(isolated):
    result = audit(DATA / "replies.jsonl", "--format", "json", "--group-by", "day")
    assert set(summary_of(result)["groups"]) == {"2026-03-02", "2026-03-03"}


def test_html_is_written_when_the_report_is_installed_else_a_clear_usage_error(isolated):
    result = audit(DATA / "replies.txt", "--format", "html")
    try:
        from replylint.report import HtmlRenderer  # noqa: F401
    except ImportError:
        assert result.exit_code == 2
        assert result.stderr.strip() == ("replylint: error: --format html is not available "
                                         "in this installation")
    else:
        assert result.exit_code == 1, result.output
        assert "<html" in result.stdout.lower()


# ------------------------------------------------------------------ exit codes
def test_exit_0_when_nothing_reaches_fail_on(isolated, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("Thanks for waiting. Your refund went out today.\n")
    assert audit(path, "--select", STABLE).exit_code == 0


def test_exit_1_when_an_error_finding_is_found(isolated):
    assert audit(DATA / "replies.txt", "--select", STABLE).exit_code == 1


def test_fail_on_never_and_warning(isolated, tmp_path):
    path = tmp_path / "warn.txt"
    path.write_text("Please be advised that the store closes at six.\n")
    assert audit(path, "--select", STABLE).exit_code == 0
    assert audit(path, "--select", STABLE, "--fail-on", "warning").exit_code == 1
    assert audit(DATA / "replies.txt", "--fail-on", "never").exit_code == 0


def test_exit_2_for_a_missing_file_after_auditing_the_rest(isolated, tmp_path):
    result = audit(DATA / "replies.txt", tmp_path / "missing.jsonl", "--format", "json")
    assert result.exit_code == 2
    summary = summary_of(result)
    assert summary["linted"] == 3 and summary["errors"] == 1


def test_malformed_lines_do_not_change_the_exit_code(isolated, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Thanks, your refund is on its way."}\n{"text": broken\n')
    result = audit(path, "--select", STABLE)
    assert result.exit_code == 0
    assert "mixed.jsonl:2: input error: invalid JSON" in result.stdout


def test_exit_2_for_a_bad_config_in_one_line(isolated, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('selekt = ["RL1"]\n')
    result = audit(DATA / "replies.txt", "--config", config)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown key 'selekt'" in result.stderr


def test_exit_2_for_an_unknown_channel_option(isolated):
    result = audit(DATA / "replies.txt", "--channel", "carrier-pigeon")
    assert result.exit_code == 2 and "unknown channel" in result.stderr


# ------------------------------------------------------------------ workers
def test_workers_1_and_2_give_identical_output(isolated, tmp_path):
    path = tmp_path / "many.jsonl"
    texts = ["I'm sorry you feel that way, {n}.", "Please be advised we are closed ({n}).",
             "Thanks for waiting, your order {n} ships today.", "Dear [Customer Name], ticket {n}."]
    with path.open("w") as out:
        for n in range(300):
            out.write(json.dumps({"id": f"m-{n}", "text": texts[n % 4].format(n=n)}) + "\n")
            if n % 97 == 0:
                out.write("{broken\n")
    runner = CliRunner()
    outputs = [runner.invoke(main, ["audit", str(path), "--format", "jsonl", "--select", STABLE,
                                    "--workers", w]).stdout
               for w in ("1", "2")]
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"type": "result"') == 225


def test_template_grouping_runs_over_the_whole_audit_when_the_engine_offers_it(isolated):
    from types import SimpleNamespace

    from replylint.audit import Summary
    from replylint.cli import _find_templates

    seen = []

    def find_templates(records):
        seen.extend(records)
        return [{"template": "Dear [Customer Name], ...", "records": ["a", "b"]}]

    linter = SimpleNamespace(rules=[SimpleNamespace(code="RL204")], find_templates=find_templates)
    summary = Summary()
    options = {"input_format": None, "maps": ()}
    _find_templates(linter, summary, [str(DATA / "replies.txt")], {}, options)
    assert len(seen) == 3
    assert summary.to_dict()["templates"] == [{"template": "Dear [Customer Name], ...",
                                              "records": ["a", "b"]}]
    document = {"schema": "replylint-audit/1", "tool": {"name": "replylint", "version": "0"},
                "results": [], "errors": [], "summary": summary.to_dict()}
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert [record.line for record in seen] == [1, 4, 7]
    unselected = SimpleNamespace(rules=[], find_templates=find_templates)
    other = Summary()
    _find_templates(unselected, other, [str(DATA / "replies.txt")], {}, options)
    assert "templates" not in other.to_dict()


def test_personal_data_is_masked_even_when_no_privacy_rule_is_selected(isolated, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("I'm sorry you feel that way; your card 4111 1111 1111 1111 is refunded.\n")
    for fmt in ("text", "json", "csv", "sarif", "github", "jsonl"):
        result = audit(path, "--select", "RL101", "--format", fmt)
        assert "RL101" in result.stdout and "4111 1111" not in result.stdout, fmt


def test_stdin_dash_twitter_layout_is_recognised(isolated):
    result = audit("-", "--format", "json", "--select", "RL101",
                   input=(DATA / "twitter.csv").read_text())
    document = json.loads(result.stdout)
    assert document["summary"]["records"] == 4
    assert "Twitter customer-support layout" in result.stderr


def test_an_unexpected_failure_is_one_line_not_a_traceback(isolated, monkeypatch):
    from replylint.io import readers

    def broken(*args):
        raise RuntimeError("reader exploded")
        yield

    monkeypatch.setitem(readers.READERS, "jsonl", broken)
    monkeypatch.delenv("REPLYLINT_DEBUG", raising=False)
    result = audit(DATA / "replies.jsonl")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "replylint: error: internal error: RuntimeError: reader exploded "
        "(set REPLYLINT_DEBUG=1 to see the traceback)")
