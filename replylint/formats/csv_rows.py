"""CSV: one row per finding, with the record's metadata, for spreadsheets."""
from __future__ import annotations

import csv

from replylint.formats.base import Renderer
from replylint.formats.excerpt import MaskedReply, excerpt, file_line

COLUMNS = ("source", "line", "column", "id", "conversation", "agent", "team", "company",
           "channel", "timestamp", "code", "slug", "severity", "confidence", "start", "end",
           "text", "message", "suggestion", "url")


class CsvRenderer(Renderer):
    name = "csv"

    def begin(self) -> None:
        self.writer = csv.writer(self.out, lineterminator="\n")
        self.writer.writerow(COLUMNS)

    def result(self, result) -> None:
        if not result.findings:
            return
        record = result.record
        meta = record.meta()
        # Only positions are read here (no reply line is shown), so no masking pass.
        masked = MaskedReply(record.text, ())
        for finding in result.findings:
            found = excerpt(masked, finding)
            row = dict(meta, **finding)
            row["line"] = file_line(record, found)
            row["column"] = found.column
            self.writer.writerow(["" if row.get(c) is None else row[c] for c in COLUMNS])
