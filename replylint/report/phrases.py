"""The most frequent offending words per rule, counted in bounded memory.

A finding's ``text`` is the span it flags, already masked when it is personal data.
Spans are counted case- and space-insensitively; the first spelling seen is the one
shown. A rule that flags free text (a whole sentence) could otherwise grow one entry
per reply, so past ``MAX_DISTINCT`` entries the ones seen once are dropped: the
phrases worth showing are by definition the repeated ones, and the report says when
counts may be low because of it.
"""
from __future__ import annotations

from collections import Counter

from replylint.report.masking import mask_text

MAX_DISTINCT = 5000   # per rule, before pruning the phrases seen once
MAX_SHOWN_CHARS = 160


def phrase_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class PhraseCounter:
    def __init__(self):
        self._counts: "dict[str, Counter]" = {}
        self._spelling: "dict[str, dict]" = {}
        self.pruned: set = set()   # rules whose rare phrases were dropped

    def add(self, code: str, text: str) -> None:
        key = phrase_key(text)
        if not key:
            return
        counts = self._counts.setdefault(code, Counter())
        counts[key] += 1
        if counts[key] == 1:
            self._spelling.setdefault(code, {})[key] = " ".join(text.split())
            if len(counts) > MAX_DISTINCT:
                self._prune(code)

    def _prune(self, code: str) -> None:
        counts, spelling = self._counts[code], self._spelling[code]
        for key in [k for k, n in counts.items() if n == 1]:
            del counts[key]
            del spelling[key]
        self.pruned.add(code)

    def top(self, code: str, n: int) -> list:
        """``[(phrase, count), ...]``: the ``n`` most frequent, masked and cut for display."""
        counts = self._counts.get(code, Counter())
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(_shown(self._spelling[code][key]), count) for key, count in ranked]

    def distinct(self, code: str) -> int:
        return len(self._counts.get(code, ()))


def _shown(text: str) -> str:
    text = mask_text(text)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"
