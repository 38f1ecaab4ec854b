"""A user pack's examples are checked whenever the pack is used: a broken one exits 2
naming file and line; `replylint verify` reports every example that does not hold."""
import textwrap

from click.testing import CliRunner

from replylint.cli import main

RULE = """\
code: ACME101
slug: globex
severity: warning
confidence: high
message: 'Do not mention “{match}”.'
why: Keep the reply about our own service.
match:
  phrases: ["globex"]
examples:
  fail:
    - "Try [[EXAMPLE]] instead."
  pass:
    - "Try the app instead."
"""


def make_pack(tmp_path, failing_example):
    pack = tmp_path / "acme"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: acme\nprefix: ACME\n")
    (pack / "ACME101-globex.yaml").write_text(textwrap.dedent(RULE.replace("EXAMPLE", failing_example)))
    (tmp_path / "replylint.toml").write_text('rule-packs = ["acme"]\n')
    return pack


def test_a_pack_whose_example_fails_stops_check_with_file_and_line(tmp_path):
    make_pack(tmp_path, "Initech")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "replylint.toml"),
                                       "Try Globex instead."])
    assert result.exit_code == 2
    assert "ACME101-globex.yaml:11: ACME101: failing example did not fire" in result.output
    assert "Traceback" not in result.output


def test_a_sound_pack_runs(tmp_path):
    make_pack(tmp_path, "Globex")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "replylint.toml"),
                                       "--select", "ACME101", "Try Globex instead."])
    assert result.exit_code == 0, result.output
    assert "ACME101" in result.output


def test_verify_command_lists_failures(tmp_path):
    pack = make_pack(tmp_path, "Initech")
    result = CliRunner().invoke(main, ["verify", str(pack)])
    assert result.exit_code == 1
    assert "failing example did not fire (expected ['Initech'])" in result.output
    pack_ok = make_pack(tmp_path / "ok", "Globex") if (tmp_path / "ok").mkdir() is None else None
    assert CliRunner().invoke(main, ["verify", str(pack_ok)]).exit_code == 0
