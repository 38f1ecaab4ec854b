"""The worked example in docs/writing-rules.md is a real pack that loads and works."""
import re
from pathlib import Path

from replylint import Config, Linter

DOC = Path(__file__).resolve().parents[1] / "docs" / "writing-rules.md"


def test_the_documented_pack_loads_and_fires(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    pack = tmp_path / "support-style"
    pack.mkdir()
    (pack / "pack.yaml").write_text(blocks[0])
    for block in blocks[1:3]:
        code = re.search(r"^code: (\S+)", block, re.M).group(1)
        slug = re.search(r"^slug: (\S+)", block, re.M).group(1)
        (pack / f"{code}-{slug}.yaml").write_text(block)
    linter = Linter(Config(rule_packs=[str(pack)], select=["ACME"]))
    assert [f.text for f in linter.check("You could try Globex Support for that.").findings] == \
        ["Globex Support"]
    assert not linter.check("Unlike Globex, we ship on Sundays.").findings
    chat = linter.check("I've moved it to the L2 queue.", channel="chat")
    assert [f.code for f in chat.findings] == ["ACME102"]
