"""The most frequent offending words per rule, counted in bounded memory.

A finding's ``text`` is the span it flags, already masked when it is personal data.
Spans are counted as they come (a dict increment: this runs for every finding of the
audit) and merged case- and space-insensitively only when the top phrases are asked
for; the most frequent spelling is the one shown. A rule that flags free text (a
whole sentence) could otherwise grow one entry per reply, so past ``MAX_DISTINCT``
entries the ones seen once are dropped: the phrases worth showing are by definition
the repeated ones, and the report says when counts may be low because of it.
"""
from __future__ import annotations

import heapq
from collections import Counter

from replylint.report.masking import mask_text

MAX_DISTINCT = 5000   # per rule, before pruning the phrases seen once
MAX_SHOWN_CHARS = 160


def phrase_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class PhraseCounter:
    def __init__(self):
        self._counts: "dict[str, Counter]" = {}
        self.pruned: set = set()   # rules whose rare phrases were dropped

    def add(self, code: str, text: str) -> None:
        counts = self._counts.get(code)
        if counts is None:
            counts = self._counts[code] = Counter()
        counts[text] += 1
        if len(counts) > MAX_DISTINCT and counts[text] == 1:
            self._prune(code)

    def _prune(self, code: str) -> None:
        counts = self._counts[code]
        for text in [t for t, n in counts.items() if n == 1]:
            del counts[text]
        self.pruned.add(code)

    def _merged(self, code: str) -> "dict[str, list]":
        """phrase key -> [total count, spelling shown, count of that spelling]."""
        merged = {}
        for text, n in self._counts.get(code, Counter()).items():
            key = phrase_key(text)
            if not key:
                continue
            entry = merged.get(key)
            if entry is None:
                merged[key] = [n, " ".join(text.split()), n]
                continue
            entry[0] += n
            if n > entry[2]:
                entry[1], entry[2] = " ".join(text.split()), n
        return merged

    def top(self, code: str, n: int) -> "tuple[list, int]":
        """``[(phrase, count), ...]`` of the ``n`` most frequent (masked and cut for
        display), and how many different phrases there are."""
        merged = self._merged(code)
        ranked = heapq.nsmallest(n, merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [(_shown(spelling), total) for _, (total, spelling, _) in ranked], len(merged)


def _shown(text: str) -> str:
    text = mask_text(text)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"
