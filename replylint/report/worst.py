"""The worst replies of an audit, kept in bounded memory as results stream past.

A reply's score weighs its findings by severity, so one error outranks a few
warnings; ties go to the reply with more findings, then to the earlier one (so the
report is the same for any number of workers). The same text sent many times (a bad
macro) appears once, with how many copies were seen, instead of filling the list.
"""
from __future__ import annotations

from replylint.report.phrases import phrase_key

WEIGHTS = {"error": 10, "warning": 3, "info": 1}
SHOWN = 25


def score(findings: list) -> int:
    return sum(WEIGHTS.get(f["severity"], 0) for f in findings)


class WorstReplies:
    def __init__(self, size: int = SHOWN):
        self.size = size
        self._seen = 0
        # text key -> [rank key, AuditResult, copies]; at most ``size`` entries. An entry
        # can only leave for a higher-ranked one, and the lowest rank in the list only
        # rises, so a reply in the final list entered at its first copy: its count of
        # copies is exact.
        self._entries: dict = {}

    def add(self, result) -> None:
        if not result.findings:
            return
        self._seen += 1
        text_key = phrase_key(result.record.text)
        entry = self._entries.get(text_key)
        if entry is not None:
            entry[2] += 1
            return
        rank = (score(result.findings), len(result.findings), -self._seen)
        if len(self._entries) >= self.size:
            lowest_key = min(self._entries, key=lambda k: self._entries[k][0])
            if rank <= self._entries[lowest_key][0]:
                return
            del self._entries[lowest_key]
        self._entries[text_key] = [rank, result, 1]

    def ranked(self) -> list:
        """``[(AuditResult, score, copies), ...]``, worst first."""
        entries = sorted(self._entries.values(), key=lambda e: e[0], reverse=True)
        return [(result, rank[0], copies) for rank, result, copies in entries]
