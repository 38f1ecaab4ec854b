"""``replylint rules``: the rules in force as rows, a table, or JSON."""
from __future__ import annotations


def rule_rows(linter, show_all: bool = False) -> list:
    """One JSON-able dict per rule, selected ones only unless ``show_all``."""
    selected = {rule.code for rule in linter.rules}
    rules = linter.all_rules if show_all else linter.rules
    return [{
        "code": rule.code, "slug": rule.slug, "title": rule.title, "pack": rule.pack,
        "severity": str(rule.severity), "confidence": str(rule.confidence),
        "status": rule.status, "selected": rule.code in selected, "url": rule.url,
    } for rule in sorted(rules, key=lambda r: r.code)]


def rules_table(rows: list, show_all: bool = False) -> str:
    if not rows:
        return "No rules selected."
    columns = ["code", "slug", "severity", "confidence", "pack", "title"]
    if show_all:
        columns.insert(0, "selected")
    cells = [[("yes" if row[c] else "no") if c == "selected" else str(row[c]) for c in columns]
             for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)
