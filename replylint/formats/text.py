"""Ruff-like terminal output: location, code, message, the reply line underlined.

With ``--statistics`` only the counts are printed (as ``ruff --statistics`` does);
with ``--group-by`` a table per group follows. Colour only when asked (on a TTY).
"""
from __future__ import annotations

import click

from replylint.formats.base import Renderer
from replylint.formats.excerpt import excerpt, file_line, mask_text, masked_reply

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


class TextRenderer(Renderer):
    name = "text"

    def _style(self, text, **style) -> str:
        return click.style(text, **style) if self.options.color else text

    def _write(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def result(self, result) -> None:
        if self.options.statistics or not result.findings:
            return
        record = result.record
        masked = masked_reply(record.text, result.findings)
        for finding in result.findings:
            found = excerpt(masked, finding)
            self._finding(record, finding, found)

    def _finding(self, record, finding, found) -> None:
        line = file_line(record, found)
        if line is not None:
            location = f"{record.source}:{line}:{found.column}"
        else:
            location = f"{record.source}[{record.id}]:{found.reply_line + 1}:{found.column}"
        synthetic_id = record.id in (f"{record.source}:{record.line}", record.source)
        label = "" if synthetic_id or line is None else " " + self._style(f"[{record.id}]", dim=True)
        colour = _SEVERITY_COLOUR.get(finding["severity"], None)
        self._write(f"{self._style(location, bold=True)}: "
                    f"{self._style(finding['code'], fg=colour, bold=True)} "
                    f"{self._style('[' + finding['severity'] + ']', fg=colour)} "
                    f"{finding['message']}{label}")
        # The gutter counts file lines when the reply's lines are the file's (as Ruff
        # does), else lines of the reply.
        number = str(line if line is not None and record.literal_lines else found.reply_line + 1)
        gutter = " " * len(number)
        self._write(f"{gutter} {self._style('|', fg='blue')}")
        self._write(f"{number} {self._style('|', fg='blue')} {found.line}")
        marks = " " * found.underline_start + "^" * found.underline_length
        self._write(f"{gutter} {self._style('|', fg='blue')} {self._style(marks, fg=colour)}")
        if finding.get("suggestion"):
            self._write(f"{gutter} = {self._style('help', bold=True)}: {finding['suggestion']}")
        self._write()

    def error(self, error) -> None:
        where = error.path + (f":{error.line}" if error.line else "") if error.path else "<input>"
        self._write(f"{self._style(where, bold=True)}: "
                    f"{self._style('input error', fg='red', bold=True)}: {error.message}")

    def end(self, summary) -> None:
        if self.options.statistics:
            self._statistics(summary)
        if summary.group_by:
            self._groups(summary)
        if summary.templates:
            self._templates(summary.templates)
        self._totals(summary)

    def _statistics(self, summary) -> None:
        rows = summary.rule_rows()
        if not rows:
            return
        width = max(len(str(count)) for _, _, count in rows)
        for code, slug, count in rows:
            self._write(f"{count:>{width}}  {self._style(code, bold=True)}  {slug}")
        self._write()

    def _groups(self, summary) -> None:
        groups = summary.to_dict().get("groups", {})
        if not groups:
            return
        name_width = max(len(summary.group_by), *(len(name) for name in groups))
        self._write(self._style(f"{summary.group_by:<{name_width}}  replies  findings  top rules",
                                bold=True))
        for name, group in groups.items():
            top = ", ".join(f"{code} ×{count}" for code, count in list(group["by_rule"].items())[:3])
            self._write(f"{name:<{name_width}}  {group['records']:>7}  {group['findings']:>8}  {top}")
        self._write()

    def _templates(self, groups) -> None:
        """RL204: the most-sent templates of the audit, in a few lines."""
        self._write(self._style(f"RL204 reused templates: {len(groups)}", bold=True))
        for group in groups[:5]:
            template = " ".join(str(group.get("template", "")).split())
            if len(template) > 80:
                template = template[:79] + "…"
            self._write(f"{group.get('count', '?'):>6} × {mask_text(template)}")
        self._write()

    def _totals(self, summary) -> None:
        flagged = "finding" if summary.findings == 1 else "findings"
        line = (f"Found {summary.findings} {flagged} in {summary.linted} "
                f"{'reply' if summary.linted == 1 else 'replies'}")
        if summary.errors:
            line += f"; {summary.errors} {'record' if summary.errors == 1 else 'records'} could not be read"
        if summary.suppressed:
            line += f"; {summary.suppressed} hidden by the baseline"
        self._write(self._style(line + ".", bold=True))
