"""JSON Lines: one line per record with findings, per input error, then the summary.

Every line has a ``type``: ``result``, ``error`` or ``summary`` (always last), so a
consumer can stream the file and still find the totals.
"""
from __future__ import annotations

from replylint.audit import error_dict
from replylint.formats.base import Renderer
from replylint.formats.json_document import encode


class JsonLinesRenderer(Renderer):
    name = "jsonl"

    def _line(self, data: dict) -> None:
        self.out.write(encode(data) + "\n")

    def result(self, result) -> None:
        if result.findings:
            self._line({"type": "result", **result.to_dict()})

    def error(self, error) -> None:
        self._line({"type": "error", **error_dict(error)})

    def end(self, summary) -> None:
        self._line({"type": "summary", "schema": "replylint-audit/1", **summary.to_dict()})
