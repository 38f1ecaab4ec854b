"""One JSON document (schema ``replylint-audit/1``, see docs/schema/audit-v1.json).

Results are written as they arrive; input errors, which the document lists after
the results, are written as they arrive too, to a spool that stays in memory while
small and moves to a temporary file past 1 MB (an input of nothing but bad lines
must not be held in memory either). So the document can be as long as the input
without holding it in memory. ``summary`` comes last in the text; JSON readers do
not care about order.
"""
from __future__ import annotations

import json
import shutil
import tempfile

from replylint.audit import error_dict
from replylint.formats.base import Renderer

SCHEMA = "replylint-audit/1"
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call.
encode = json.JSONEncoder(ensure_ascii=False).encode
_SPOOL_IN_MEMORY = 1 << 20


class JsonRenderer(Renderer):
    name = "json"

    def begin(self) -> None:
        self._results = 0
        self._errors = 0
        self._spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY, mode="w+",
                                                    encoding="utf-8", newline="")
        self.out.write('{"schema": "%s",\n "tool": %s,\n "results": [' % (
            SCHEMA, json.dumps({"name": "replylint", "version": self.options.tool_version})))

    def result(self, result) -> None:
        if not result.findings:
            return
        self.out.write(("," if self._results else "") + "\n  "
                       + encode(result.to_dict()))
        self._results += 1

    def error(self, error) -> None:
        self._spool.write(("," if self._errors else "") + "\n  " + encode(error_dict(error)))
        self._errors += 1

    def end(self, summary) -> None:
        self.out.write("\n ],\n \"errors\": [")
        with self._spool as spool:
            spool.seek(0)
            shutil.copyfileobj(spool, self.out)
        self.out.write("\n ],\n \"summary\": %s\n}\n" % (
            json.dumps(summary.to_dict(), ensure_ascii=False, indent=1)))
