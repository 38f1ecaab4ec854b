"""Config: discovery, precedence, selection and errors that say where."""
import textwrap

import pytest

from replylint import Config, ConfigError, Linter
from replylint.config import find_config_file


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def codes(linter):
    return {r.code for r in linter.rules}


def test_replylint_toml_is_found_walking_up(tmp_path):
    write(tmp_path / "replylint.toml", 'select = ["RL1"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "replylint.toml"
    assert Config.discover(deep).select == ("RL1",)


def test_pyproject_tool_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "x"
        [tool.replylint]
        ignore = ["RL201"]
        fail-on = "warning"
        [tool.replylint.allow]
        phones = ["0800 123 4567"]
    """)
    config = Config.discover(tmp_path)
    assert config.ignore == ("RL201",) and config.fail_on == "warning"
    assert config.allow_phones == ("0800 123 4567",)


def test_pyproject_without_a_replylint_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(tmp_path) is None or find_config_file(tmp_path) != tmp_path / "pyproject.toml"


def test_select_by_prefix_code_and_slug():
    assert codes(Linter(Config(select=["RL1"]))) == {"RL101"} | {
        c for c in codes(Linter(Config())) if c.startswith("RL1")}
    assert codes(Linter(Config(select=["non-apology", "RL203"]))) == {"RL101", "RL203"}


def test_most_specific_selector_wins():
    linter = Linter(Config(ignore=["RL2"], extend_select=["RL203"]))
    assert "RL203" in codes(linter) and "RL201" not in codes(linter)
    assert "RL101" not in codes(Linter(Config(select=["RL1"], ignore=["non-apology"])))


def test_pre_send_profile_keeps_only_high_confidence_rules():
    linter = Linter(Config(profile="pre-send"))
    assert linter.rules and all(r.confidence.value == "high" for r in linter.rules)


def test_severity_override_by_slug():
    linter = Linter(Config(severity={"canned-phrase": "error"}))
    finding = linter.check("Please be advised the shop shuts at 6.").findings[0]
    assert finding.code == "RL201" and finding.severity.value == "error"


def test_rule_options_from_config():
    text = "Thanks for waiting, it ships today."
    ctx = {"customer_name": "Diane", "history": ["earlier"]}
    assert Linter(Config()).check(text, ctx).findings
    quiet = Linter(Config(options={"RL601": {"skip-mid-thread": True}}))
    assert not quiet.check(text, ctx).findings
    # Linter.rule gives the rule as it runs, overrides included, by code or slug.
    assert quiet.rule("RL601").options["skip-mid-thread"] is True
    assert quiet.rule(quiet.rule("RL601").slug).options["skip-mid-thread"] is True
    assert Linter(Config()).rule("RL601").options["skip-mid-thread"] is False


def test_allow_words_are_never_flagged():
    text = "Rest Assured Insurance has confirmed your claim."
    assert Linter(Config()).check(text).findings
    assert not Linter(Config(allow_words=["Rest Assured Insurance"])).check(text).findings


@pytest.mark.parametrize("body, message, line", [
    ('select = ["RL1"]\nbogus = 1\n', "unknown key 'bogus'", 2),
    ('select = ["RL1"\n', "invalid TOML", 1),
    ('profile = "fast"\n', "unknown profile 'fast'", 1),
    ('\nfail-on = "sometimes"\n', "unknown fail-on", 2),
    ('[allow]\nphone = ["1"]\n', "unknown key 'allow.phone'", 2),
    ('[severity]\nRL101 = "critical"\n', "unknown severity 'critical'", 1),
])
def test_bad_config_names_file_and_line(tmp_path, body, message, line):
    path = write(tmp_path / "replylint.toml", body)
    with pytest.raises(ConfigError) as info:
        Config.load(path)
    err = info.value
    assert err.path == str(path)
    assert message in str(err)
    assert err.line == line
    assert str(err).startswith(f"{path}:")


def test_unknown_rule_selector_is_an_error():
    with pytest.raises(ConfigError, match="'RL999' matches no rule"):
        Linter(Config(select=["RL999"]))
    with pytest.raises(ConfigError, match="matches no rule"):
        Linter(Config(ignore=["not-a-rule"]))


def test_unknown_rule_option_is_an_error():
    with pytest.raises(ConfigError, match="unknown option"):
        Linter(Config(options={"RL601": {"loud": True}}))
    with pytest.raises(ConfigError, match="must be bool"):
        Linter(Config(options={"RL601": {"skip-mid-thread": "yes"}}))
