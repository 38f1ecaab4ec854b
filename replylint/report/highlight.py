"""A reply cut into pieces, each knowing which findings cover it, for inline marks.

Findings overlap (RL104 flags a whole sentence that also holds an RL101 phrase), so
a reply is split at every finding boundary and each piece lists all the findings
over it; the template wraps a piece in one ``<mark>`` naming them all. Offsets are
mapped into the masked text first, so a card number is never among the pieces.
"""
from __future__ import annotations

from dataclasses import dataclass

from replylint.report.masking import masked_reply

MAX_CHARS = 3000     # longer replies (email threads) are cut to a window around the findings
LEAD_CHARS = 200     # context kept before the first finding when the reply is cut


@dataclass(frozen=True)
class Piece:
    text: str
    marks: tuple    # indices into the reply's findings list; () for unmarked text


@dataclass(frozen=True)
class Highlighted:
    pieces: tuple
    cut_before: bool   # text was dropped before the first piece
    cut_after: bool    # text was dropped after the last piece


def highlight(text: str, findings: list) -> Highlighted:
    masked = masked_reply(text, findings)
    shown = masked.text
    spans = [_masked_span(masked, f) for f in findings]

    first = min((start for start, _ in spans), default=0)
    left = 0 if len(shown) <= MAX_CHARS or first < MAX_CHARS - LEAD_CHARS else first - LEAD_CHARS
    right = min(len(shown), left + MAX_CHARS)
    spans = [(max(start, left), min(end, right)) for start, end in spans]

    cuts = sorted({left, right, *(p for span in spans for p in span if left <= p <= right)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        marks = tuple(i for i, (start, end) in enumerate(spans) if start <= a and b <= end)
        if pieces and pieces[-1].marks == marks:
            pieces[-1] = Piece(pieces[-1].text + shown[a:b], marks)
        else:
            pieces.append(Piece(shown[a:b], marks))
    return Highlighted(tuple(pieces), left > 0, right < len(shown))


def _masked_span(masked, finding: dict) -> "tuple[int, int]":
    """Where a finding sits in the masked text; a sensitive one covers exactly its mask."""
    length = len(masked.original)
    start = masked.position(max(0, min(finding["start"], length)))
    if finding.get("sensitive"):
        return start, start + len(" ".join(str(finding["text"]).split()))
    return start, max(start, masked.position(max(0, min(finding["end"], length))))
