"""Writing a user rule pack to a temporary folder, for the tests that load one."""
import textwrap


def make_pack(tmp_path, rule_text, name="ACME101-competitor-name.yaml"):
    pack = tmp_path / "acme"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yaml").write_text("name: acme\nprefix: ACME\ntitle: House style\n")
    (pack / name).write_text(textwrap.dedent(rule_text))
    return pack
