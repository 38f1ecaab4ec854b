"""The full config example in docs/configuration.md is valid against the real rule set."""
import re
from pathlib import Path

from replylint import Config, Linter

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_the_documented_full_config_loads(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"## A full example\s+```toml\n(.*?)```", text, re.S).group(1)
    pack = tmp_path / "support-style"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: support-style\nprefix: ACME\n")
    (tmp_path / "pyproject.toml").write_text(example)
    config = Config.discover(tmp_path)
    assert config.ignore == ("RL105", "hard-to-read")
    linter = Linter(config)
    codes = {r.code for r in linter.rules}
    assert "RL105" not in codes and "RL902" not in codes and "RL101" in codes
    assert linter.rule("RL601").options == {"skip-mid-thread": True}   # the override, as it runs
