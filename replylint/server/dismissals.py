"""Dismissals: findings the agent chose to ignore, sent back by the client as data.

A dismissal is ``{code, hash, reason}``: ``code`` is the rule's code or slug, ``hash``
the first 16 hex digits of the SHA-256 of the UTF-8 span text (``text[start:end]``,
the words exactly as typed). The server keeps nothing: the client sends its
dismissals with every check, and a finding whose rule and span hash match one is
left out of the answer. Editing the words changes the hash, so the finding returns.

Findings on personal data carry no hash and cannot be dismissed: a 64-bit hash of a
16-digit card number can be reversed by trying every valid number, and dismissal
records are meant to be stored by clients next to the ticket.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, Optional

HASH_LENGTH = 16


def span_hash(span: str) -> str:
    """The dismissal hash of the words a finding points at."""
    return hashlib.sha256(span.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def finding_hash(finding) -> Optional[str]:
    """The hash a client sends to dismiss ``finding``; None for personal data."""
    return None if finding.sensitive else span_hash(finding.text)


@dataclass(frozen=True)
class Dismissal:
    code: str      # rule code or slug, as the client sent it
    hash: str
    reason: str


class DismissalSet:
    """The dismissals of one request, matched by (rule, span hash)."""

    def __init__(self, dismissals: Iterable[Dismissal] = ()):
        # Codes are upper-case (RL101) and slugs lower-case (non-apology); keep both
        # forms comparable without caring how the client spelled them.
        self._keys = {(d.code.strip().lower(), d.hash) for d in dismissals}

    def __bool__(self) -> bool:
        return bool(self._keys)

    def suppresses(self, finding) -> bool:
        digest = finding_hash(finding)
        if digest is None:
            return False
        return ((finding.code.lower(), digest) in self._keys
                or (finding.slug.lower(), digest) in self._keys)

    def split(self, findings) -> "tuple[list, int]":
        """(the findings to show, how many were suppressed)."""
        if not self._keys:
            return list(findings), 0
        kept = [f for f in findings if not self.suppresses(f)]
        return kept, len(findings) - len(kept)
