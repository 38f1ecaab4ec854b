"""Generate one docs page per rule, and the index, from the rule files.

    python -m replylint.docsgen            # writes docs/rules/
    python -m replylint.docsgen --check    # exit 1 if docs/rules/ is out of date

Every page has the same headings (Ruff's habit): What it flags, Why customers mind,
Examples, Exceptions, Configuration.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from replylint.rulefile import load_rule_packs


def _when(rule) -> list:
    w, out = rule.when, []
    if w.channels:
        out.append(f"only on {', '.join(sorted(w.channels))}")
    if w.not_channels:
        out.append(f"never on {', '.join(sorted(w.not_channels))}")
    if w.public is not None:
        out.append("only on public replies" if w.public else "only on private replies")
    for need in w.needs:
        out.append(f"needs `{need}` in the context")
    if w.inbound_complaint is not None:
        out.append("only when the inbound message is a complaint" if w.inbound_complaint
                   else "only when the inbound message is not a complaint")
    return out


def _example_text(example, marked: bool) -> str:
    text = example.text
    if marked:
        for start, end in sorted(example.spans, reverse=True):
            text = text[:start] + "**" + text[start:end] + "**" + text[end:]
    text = text.replace("\n", " ⏎ ")
    ctx = {k: v for k, v in example.context.to_dict().items() if v not in (None, [], ())}
    suffix = f" — context: `{ctx}`" if ctx else ""
    return f"- {text}{suffix}"


def rule_page(rule) -> str:
    lines = [
        f"# {rule.code} {rule.slug}",
        "",
        f"**{rule.title}** · severity `{rule.severity.value}` · confidence `{rule.confidence.value}`"
        f" · pack `{rule.pack}`" + (" · preview" if rule.status == "preview" else ""),
        "",
        "## What it flags",
        "",
        f"Message: {rule.message}",
        "",
    ]
    if rule.phrase_sources:
        lines += ["Phrases (any case, curly or straight quotes; `{a|b}` means either, "
                  "`{a|}` means optional):", ""]
        lines += [f"- `{p}`" for p in rule.phrase_sources] + [""]
    if rule.regexes:
        lines += [f"Patterns: {len(rule.regexes)} regular expression(s), see the rule file.", ""]
    if rule.check:
        lines += [f"Logic: the check function `{rule.check}`.", ""]
    conditions = _when(rule)
    if conditions:
        lines += ["When: " + "; ".join(conditions) + ".", ""]
    lines += ["## Why customers mind", "", rule.why, ""]
    if rule.suggestion:
        lines += [f"Suggestion ({rule.applicability.value}): {rule.suggestion}", ""]
    lines += ["## Examples", "", "Flagged (the words it points at in bold):", ""]
    lines += [_example_text(e, True) for e in rule.examples_fail]
    lines += ["", "Not flagged:", ""]
    lines += [_example_text(e, False) for e in rule.examples_pass]
    lines += ["", "## Exceptions", ""]
    lines.append(" ".join(rule.notes.split()) if rule.notes else
                 "The passing examples above show what the rule deliberately leaves alone.")
    if rule.unless:
        lines.append(f"It has {len(rule.unless)} antipattern(s) (`unless:` in the rule file) that "
                     "cancel a match nearby.")
    lines += ["", "## Configuration", "", "```toml", "[tool.replylint]",
              f'ignore = ["{rule.code}"]            # or "{rule.slug}"', "",
              "[tool.replylint.severity]", f'{rule.code} = "{rule.severity.value}"']
    if rule.options:
        lines += ["", f"[tool.replylint.options.{rule.code}]"]
        for key, value in rule.options.items():
            lines.append(f"{key} = {_toml(value)}")
    lines += ["```", "", f"Rule file: `rules/{rule.pack}/{rule.code}-{rule.slug}.yaml`", ""]
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def index_page(rules) -> str:
    lines = ["# Rules", "",
             "Every built-in rule. Generated from `rules/` by `python -m replylint.docsgen`.", "",
             "| code | slug | severity | confidence | pack |", "|---|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| [{rule.code}]({rule.code}-{rule.slug}.md) | {rule.slug} | "
                     f"{rule.severity.value} | {rule.confidence.value} | {rule.pack} |")
    lines.append("")
    return "\n".join(lines)


def generate() -> dict:
    rules = sorted(load_rule_packs(), key=lambda r: r.code)
    pages = {f"{r.code}-{r.slug}.md": rule_page(r) for r in rules}
    pages["index.md"] = index_page(rules)
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generate docs/rules/ from the rule files.")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "rules"))
    parser.add_argument("--check", action="store_true", help="exit 1 if the pages are out of date")
    args = parser.parse_args(argv)
    out = Path(args.out)
    pages = generate()
    stale = [name for name, text in pages.items()
             if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    extra = [p.name for p in out.glob("*.md") if p.name not in pages] if out.is_dir() else []
    if args.check:
        for name in stale + extra:
            print(f"out of date: {out / name}")
        return 1 if stale or extra else 0
    out.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (out / name).unlink()
    for name in stale:
        (out / name).write_text(pages[name], encoding="utf-8")
    print(f"wrote {len(stale)} page(s), removed {len(extra)}, in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
