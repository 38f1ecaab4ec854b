"""RL204 template grouping in an audit: run in a helper process alongside the lint
pass, with the same groups as in-process, and no helper left behind."""
import json
import multiprocessing

import pytest
from click.testing import CliRunner

from replylint.audit import TemplateJob, template_groups
from replylint.cli import main
from replylint.io import read_inputs
from replylint.linter import Linter
from replylint.config import Config

TEMPLATE = "Can you DM us your account's email address? We'll take a look backstage"
CUSTOMERS = ["Diane", "Sam", "Priya", "Jeff", "Olu", "Marta", "Kenji", "Ruth"]

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the helper process needs fork")


@pytest.fixture()
def replies(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "replies.jsonl"
    rows = [{"id": f"t{i}", "reply": f"@{1000 + i} Hi {CUSTOMERS[i % 8]}! {TEMPLATE} ^AB",
             "conversation": f"c{i}", "agent": "AB", "customer_name": CUSTOMERS[i % 8]}
            for i in range(12)]
    rows += [{"id": f"o{i}", "reply": f"Thanks {CUSTOMERS[i]}, your order {i} ships today.",
              "agent": "CD"} for i in range(4)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows) + "not json\n")
    return path


@needs_fork
def test_the_helper_finds_the_same_groups_as_the_linter_in_process(replies):
    def read():
        return read_inputs([str(replies)], None, None, {})

    job = TemplateJob(read)
    assert job.start()
    groups = job.result()
    assert groups == template_groups(Linter(Config()), read())
    assert groups and groups[0]["count"] == 12


@needs_fork
def test_a_failure_in_the_helper_is_reported_not_hidden(replies):
    def read():
        raise OSError("disk on fire")

    job = TemplateJob(read)
    assert job.start()
    with pytest.raises(RuntimeError, match="disk on fire"):
        job.result()


@needs_fork
def test_cancel_stops_the_helper(replies):
    def read():
        import time

        time.sleep(60)
        return []

    job = TemplateJob(read)
    assert job.start()
    process = job._process
    job.cancel()
    assert not process.is_alive()
    job.cancel()  # twice is harmless


def test_the_audit_report_holds_the_groups_with_or_without_the_helper(replies, monkeypatch):
    def run():
        result = CliRunner().invoke(main, ["audit", str(replies), "--map", "text=reply",
                                           "--format", "json", "--fail-on", "never",
                                           "--workers", "1"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    helped = run()
    monkeypatch.setattr(TemplateJob, "start", lambda self: False)
    in_process = run()
    assert helped == in_process
    assert helped["summary"]["templates"][0]["count"] == 12
    assert helped["summary"]["errors"] == 1


def test_no_helper_when_rl204_is_not_selected(replies, monkeypatch):
    started = []
    original = TemplateJob.cancel

    def cancel(self):
        started.append(self._process is not None)
        original(self)

    monkeypatch.setattr(TemplateJob, "cancel", cancel)
    result = CliRunner().invoke(main, ["audit", str(replies), "--map", "text=reply", "--select",
                                       "RL101", "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "templates" not in json.loads(result.stdout)["summary"]
    assert started and all(not alive for alive in started[1:])
