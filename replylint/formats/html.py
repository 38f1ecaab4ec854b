"""``--format html``: the self-contained audit report (see ``replylint.report``).

Unlike the streaming formats, nothing is written until ``end``: the report opens
with totals. Memory still stays flat, because each result is folded into counts
(and a bounded list of the worst replies) as it arrives.
"""
from __future__ import annotations

from replylint.formats.base import Renderer
from replylint.report.collect import ReportCollector
from replylint.report.render import render_html


class HtmlRenderer(Renderer):
    name = "html"

    def begin(self) -> None:
        self._collector = ReportCollector(rules=self.options.rules)

    def result(self, result) -> None:
        self._collector.add_result(result)

    def error(self, error) -> None:
        self._collector.add_error(error)

    def end(self, summary) -> None:
        render_html(self._collector.finish(summary), self.out,
                    tool_version=self.options.tool_version)
