"""One JSON document (schema ``replylint-audit/1``, see docs/schema/audit-v1.json).

Results are written as they arrive and errors are kept until the end (they are few
and small), so the document can be as long as the input without holding it in
memory. ``summary`` comes last in the text; JSON readers do not care about order.
"""
from __future__ import annotations

import json

from replylint.audit import error_dict
from replylint.formats.base import Renderer

SCHEMA = "replylint-audit/1"


class JsonRenderer(Renderer):
    name = "json"

    def begin(self) -> None:
        self._results = 0
        self._errors = []
        self.out.write('{"schema": "%s",\n "tool": %s,\n "results": [' % (
            SCHEMA, json.dumps({"name": "replylint", "version": self.options.tool_version})))

    def result(self, result) -> None:
        if not result.findings:
            return
        self.out.write(("," if self._results else "") + "\n  "
                       + json.dumps(result.to_dict(), ensure_ascii=False))
        self._results += 1

    def error(self, error) -> None:
        self._errors.append(error_dict(error))

    def end(self, summary) -> None:
        errors = ",".join("\n  " + json.dumps(e, ensure_ascii=False) for e in self._errors)
        self.out.write("\n ],\n \"errors\": [%s\n ],\n \"summary\": %s\n}\n" % (
            errors, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1)))
