"""Dismissals: findings the agent chose to ignore, sent back by the client as data.

A dismissal is ``{code, hash, reason}``: ``code`` is the rule's code or slug, ``hash``
the first 16 hex digits of the SHA-256 of the UTF-8 span text (``text[start:end]``,
the words exactly as typed). The server keeps nothing: the client sends its
dismissals with every check, and a finding whose rule and span hash match one is
left out of the answer. Editing the words changes the hash, so the finding returns.

Findings on personal data (or whose words include some) carry no hash and cannot be
dismissed: a 64-bit hash of a 16-digit card number can be reversed by trying every
valid number, and dismissal records are meant to be stored by clients next to the
ticket. Which findings those are is redaction.py's job; this module gets a
``hash_of(finding)`` that answers None for them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

HASH_LENGTH = 16


def span_hash(span: str) -> str:
    """The dismissal hash of the words a finding points at."""
    return hashlib.sha256(span.encode("utf-8")).hexdigest()[:HASH_LENGTH]


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

    def suppresses(self, finding, hash_of: Callable[[object], Optional[str]]) -> bool:
        digest = hash_of(finding)
        if digest is None:
            return False
        return ((finding.code.lower(), digest) in self._keys
                or (finding.slug.lower(), digest) in self._keys)

    def split(self, findings, hash_of: Callable[[object], Optional[str]]) -> "tuple[list, int]":
        """(the findings to show, how many were suppressed)."""
        if not self._keys:
            return list(findings), 0
        kept = [f for f in findings if not self.suppresses(f, hash_of)]
        return kept, len(findings) - len(kept)
