"""The worst replies of an audit, kept in bounded memory as results stream past.

A reply's score weighs its findings by severity, so one error outranks a few
warnings; ties go to the reply with more findings, then to the earlier one (so the
report is the same for any number of workers). The same text sent many times (a bad
macro, with only the @handle or a number changed) appears once, with how many copies
were seen, instead of filling the list.
"""
from __future__ import annotations

import heapq
import re

WEIGHTS = {"error": 10, "warning": 3, "info": 1}
# What changes between copies of one macro on Twitter: the @handle and the numbers.
_VARIABLE = re.compile(r"@\w+|\d+")
SHOWN = 25


def copy_key(text: str) -> str:
    """The reply as a macro: @handles and numbers dropped, case and spacing ignored."""
    return " ".join(_VARIABLE.sub(" ", text).split()).casefold()


def score(findings: list) -> int:
    return sum(WEIGHTS.get(f["severity"], 0) for f in findings)


class WorstReplies:
    def __init__(self, size: int = SHOWN):
        self.size = size
        self._seen = 0
        # copy key -> [rank, AuditResult, copies], at most ``size`` entries, and a heap
        # of (rank, text) whose top is the entry to evict. An entry can only leave for a
        # higher-ranked one, and the lowest rank kept only rises, so a reply in the final
        # list entered at its first copy: its count of copies is exact.
        self._entries: dict = {}
        self._heap: list = []

    def add(self, result) -> None:
        if not result.findings:
            return
        self._seen += 1
        text = copy_key(result.record.text)
        entry = self._entries.get(text)
        if entry is not None:
            entry[2] += 1
            return
        rank = (score(result.findings), len(result.findings), -self._seen)
        if len(self._heap) >= self.size:
            if rank <= self._heap[0][0]:
                return
            _, evicted = heapq.heapreplace(self._heap, (rank, text))
            del self._entries[evicted]
        else:
            heapq.heappush(self._heap, (rank, text))
        self._entries[text] = [rank, result, 1]

    def ranked(self) -> list:
        """``[(AuditResult, score, copies), ...]``, worst first."""
        entries = sorted(self._entries.values(), key=lambda e: e[0], reverse=True)
        return [(result, rank[0], copies) for rank, result, copies in entries]
