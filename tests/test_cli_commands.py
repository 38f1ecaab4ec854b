"""`check`, `rules`, `explain`, `init`, and the cheap start of --help/--version."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.config import Config

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["audit", "--help"]])
def test_help_and_version_do_not_import_spacy(args):
    code = ("import sys; from replylint.cli import main\n"
            f"try: main({args!r})\nexcept SystemExit: pass\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ check
def test_check_text_with_an_error_exits_1_and_shows_the_span():
    result = run("check", "I'm sorry you feel that way.")
    assert result.exit_code == 1
    assert "<text>:1:5: RL101 [error] " in result.stdout
    assert "    ^^^^^^^^^^^^^^" in result.stdout


def test_check_clean_text_exits_0():
    assert run("check", "--select", "RL1,RL2", "Thanks for waiting, your refund went out today.").exit_code == 0


def test_check_context_options_reach_the_rules():
    without = run("check", "--format", "json", "--select", "RL601", "Thanks, your refund is on its way.")
    with_name = run("check", "--format", "json", "--select", "RL601", "--customer-name", "Diane",
                    "Thanks, your refund is on its way.")
    assert "RL601" not in without.stdout
    assert json.loads(with_name.stdout)["summary"]["by_rule"] == {"RL601": 1}


def test_check_stdin_is_one_reply():
    result = run("check", "-", input="Hi,\n\nI'm sorry you feel that way.\n")
    assert "<stdin>:3:5: RL101" in result.stdout


def test_check_a_folder_of_templates_one_reply_per_file(isolated):
    folder = isolated / "macros"
    folder.mkdir()
    (folder / "apology.txt").write_text("Hi,\n\nI'm sorry you feel that way.\n")
    (folder / "refund.md").write_text("Your refund is on its way.\n")
    result = run("check", folder, "--format", "json", "--select", "RL1")
    summary = json.loads(result.stdout)["summary"]
    assert (summary["linted"], summary["by_rule"]) == (2, {"RL101": 1})
    assert f"{folder / 'apology.txt'}:3:5: RL101" in run("check", folder).stdout


def test_check_macro_export_with_map(isolated):
    path = isolated / "macros.json"
    path.write_text(json.dumps([{"title": "sorry", "answer": "We regret that you feel let down."}]))
    result = run("check", path, "--map", "text=answer", "--format", "json", "--select", "RL101")
    [item] = json.loads(result.stdout)["results"]
    assert (item["id"], item["findings"][0]["code"]) == ("sorry", "RL101")


def test_check_a_mistyped_file_name_is_not_linted_as_text():
    result = run("check", "drafts/welcome.txt")
    assert result.exit_code == 2 and "drafts/welcome.txt: no such file" in result.stderr


def test_check_without_input_is_a_usage_error():
    result = run("check")
    assert result.exit_code == 2 and "give a reply" in result.stderr


def test_check_select_and_ignore():
    text = "Please be advised: I'm sorry you feel that way."
    assert "RL201" not in run("check", "--select", "RL101", text).stdout
    assert "RL101" not in run("check", "--ignore", "non-apology", text).stdout


# ------------------------------------------------------------------ rules, explain
def test_rules_table_lists_selected_rules():
    result = run("rules", "--select", "RL1")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "slug", "severity", "confidence", "pack", "title"]
    assert all(line.startswith("RL1") for line in lines[2:])
    assert any(line.startswith("RL101  non-apology") for line in lines)


def test_rules_json_marks_selection_with_all():
    rows = json.loads(run("rules", "--format", "json", "--all", "--ignore", "RL101").stdout)
    by_code = {row["code"]: row for row in rows}
    assert by_code["RL101"]["selected"] is False
    assert by_code["RL201"]["selected"] is True
    assert set(rows[0]) >= {"code", "slug", "title", "severity", "confidence", "pack", "url"}


@pytest.mark.parametrize("name", ["RL101", "non-apology", "rl101"])
def test_explain_by_code_or_slug_shows_why_examples_and_config(name):
    result = run("explain", name)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("RL101 non-apology: Non-apology")
    assert "Why it matters" in out and "[[sorry you feel]]" in out
    assert 'ignore = ["RL101"]' in out


def test_explain_unknown_rule_exits_2():
    result = run("explain", "RL999")
    assert result.exit_code == 2 and "unknown rule 'RL999'" in result.stderr


# ------------------------------------------------------------------ init
def test_init_writes_a_config_that_loads(isolated):
    result = run("init", "--select", "RL1,RL2", "--ignore", "RL201")
    assert result.exit_code == 0
    config = Config.load(isolated / "replylint.toml")
    assert (config.select, config.ignore) == (("RL1", "RL2"), ("RL201",))
    assert "# " in (isolated / "replylint.toml").read_text()


def test_init_refuses_to_overwrite_without_force(isolated):
    (isolated / "replylint.toml").write_text("# mine\n")
    assert run("init").exit_code == 2
    assert (isolated / "replylint.toml").read_text() == "# mine\n"
    assert run("init", "--force").exit_code == 0


def test_config_option_is_used(isolated):
    (isolated / "strict.toml").write_text('select = ["RL201"]\nfail-on = "warning"\n')
    text = "Please be advised the store is shut."
    assert run("check", "--select", "RL201", text).exit_code == 0
    assert run("check", "--config", isolated / "strict.toml", text).exit_code == 1
