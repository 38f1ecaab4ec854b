"""The generated rule pages match the rule files (regenerate: python -m replylint.docsgen)."""
from replylint import docsgen


def test_rule_docs_are_up_to_date():
    assert docsgen.main(["--check"]) == 0, "run: python -m replylint.docsgen"


def test_every_page_has_the_fixed_headings():
    for name, page in docsgen.generate().items():
        if name == "index.md":
            continue
        for heading in ("## What it flags", "## Why customers mind", "## Examples",
                        "## Exceptions", "## Configuration"):
            assert heading in page, (name, heading)
