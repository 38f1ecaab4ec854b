"""``replylint explain``: a rule's docs, examples and config, for the terminal."""
from __future__ import annotations

import textwrap

import click


def _mark(example) -> str:
    """The example text with its expected spans in [[double brackets]]."""
    text, out, last = example.text, [], 0
    for start, end in sorted(example.spans):
        out.append(text[last:start] + "[[" + text[start:end] + "]]")
        last = end
    return "".join(out) + text[last:]


def explain_rule(rule, selected: bool = True, color: bool = False) -> str:
    def heading(text):
        return click.style(text, bold=True) if color else text

    def para(text):
        return textwrap.fill(" ".join(str(text).split()), width=88)

    lines = [heading(f"{rule.code} {rule.slug}: {rule.title}"), ""]
    lines.append(f"Severity {rule.severity}, confidence {rule.confidence}, pack {rule.pack}, "
                 f"status {rule.status}{'' if selected else ' (not selected by your config)'}.")
    if rule.url:
        lines.append(f"Docs: {rule.url}")
    lines += ["", heading("Why it matters"), para(rule.why)]
    if rule.suggestion:
        lines += ["", heading("Instead"), para(rule.suggestion)]
    if rule.notes:
        lines += ["", heading("Exceptions"), para(rule.notes)]
    if rule.examples_fail:
        lines += ["", heading("Flagged (the [[marked]] words)")]
        lines += [f"  ✗ {_mark(e)}" for e in rule.examples_fail]
    if rule.examples_pass:
        lines += ["", heading("Not flagged")]
        lines += [f"  ✓ {e.text}" for e in rule.examples_pass]
    lines += ["", heading("Configure")]
    lines.append(f'  ignore = ["{rule.code}"]            # or "{rule.slug}", in [tool.replylint]')
    lines.append(f'  [tool.replylint.severity]\n  {rule.code} = "warning"')
    if rule.options:
        lines.append(f"  [tool.replylint.options.{rule.code}]")
        for key, value in rule.options.items():
            lines.append(f"  {key} = {_toml_value(value)}")
    if rule.path:
        lines += ["", f"Defined in {rule.path}" + (f":{rule.line}" if rule.line else "")]
    return "\n".join(lines)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
