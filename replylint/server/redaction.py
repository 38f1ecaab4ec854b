"""Keeping personal data found in a reply out of every finding, not just its own.

``Finding.to_dict()`` masks a finding whose own span is personal data. But another
rule's span can cover the same words: RL604 (no sign-off) points at the whole last
sentence, "Your card 4111 1111 1111 1111 is on file.", and would echo the number
that RL801 just masked. So every string a finding carries has each personal-data
span of the same reply replaced by its masked form, and a finding whose words
include personal data gets no dismissal hash (a hash of known words around a card
number is as reversible as a hash of the number).
"""
from __future__ import annotations

from typing import Optional

from replylint.server.dismissals import span_hash

_FIELDS = ("text", "message", "suggestion", "replacement")


class PersonalData:
    """The personal-data spans of one reply, as its sensitive findings found them."""

    __slots__ = ("_spans",)

    def __init__(self, findings):
        self._spans = [(f.start, f.end, f.text, f.display_text)
                       for f in findings if f.sensitive and f.end > f.start and f.text]

    def covers(self, finding) -> bool:
        """True when the finding's words are, or include, personal data."""
        return finding.sensitive or any(start < finding.end and finding.start < end
                                        for start, end, _, _ in self._spans)

    def hash_of(self, finding) -> Optional[str]:
        """The dismissal hash of the finding's words; None when they hold personal data."""
        return None if self.covers(finding) else span_hash(finding.text)

    def scrub(self, data: dict) -> dict:
        """``data`` (a ``Finding.to_dict()``) with every raw personal-data span masked."""
        if not self._spans:
            return data
        for key in _FIELDS:
            value = data.get(key)
            if not isinstance(value, str):
                continue
            # Longest first, so a span inside another is not half-replaced.
            for _, _, raw, masked in sorted(self._spans, key=lambda s: -len(s[2])):
                if raw in value:
                    value = value.replace(raw, masked)
            data[key] = value
        return data
