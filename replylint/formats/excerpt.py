"""Where a finding sits, and the reply line to show for it, with personal data masked.

A finding dict's ``text`` is already masked when ``sensitive``; but a renderer that
prints the whole reply line must mask every sensitive span on that line too, not
only the one it points at, or a card number would leak through a neighbouring
finding's excerpt.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

MAX_WIDTH = 100   # a reply line wider than this is cut around the span


@dataclass(frozen=True)
class Excerpt:
    line: str            # the reply line as shown (masked, maybe cut)
    underline_start: int  # 0-based column in ``line``
    underline_length: int
    reply_line: int      # 0-based line of the reply the span starts on
    column: int          # 1-based column of the span in the original reply line


class MaskedReply:
    """A reply with every sensitive span replaced by its masked text."""

    def __init__(self, text: str, findings):
        spans = sorted((f["start"], f["end"], f["text"]) for f in findings if f.get("sensitive"))
        pieces, self._starts, self._shifts = [], [], []
        position, shift = 0, 0
        for start, end, mask in spans:
            if start < position:
                continue   # overlaps a span already masked
            mask = " ".join(str(mask).split())
            pieces.append(text[position:start])
            pieces.append(mask)
            self._starts.append((start, end, start + shift, len(mask)))
            shift += len(mask) - (end - start)
            self._shifts.append(shift)
            position = end
        pieces.append(text[position:])
        self.original = text
        self.text = "".join(pieces)

    def position(self, offset: int) -> int:
        """Where ``offset`` of the original lands in the masked text."""
        index = bisect_right([s[0] for s in self._starts], offset) - 1
        if index < 0:
            return offset
        start, end, masked_start, mask_length = self._starts[index]
        if offset < end:
            return masked_start if offset == start else masked_start + mask_length
        return offset + self._shifts[index]


def excerpt(masked: MaskedReply, finding: dict) -> Excerpt:
    original = masked.original
    start = max(0, min(finding["start"], len(original)))
    end = max(start, min(finding["end"], len(original)))
    reply_line = original.count("\n", 0, start)
    column = start - (original.rfind("\n", 0, start) + 1) + 1

    text = masked.text
    m_start, m_end = masked.position(start), masked.position(end)
    if finding.get("sensitive"):
        m_end = m_start + len(" ".join(str(finding["text"]).split()))
    line_start = text.rfind("\n", 0, m_start) + 1
    line_end = text.find("\n", m_start)
    if line_end < 0:
        line_end = len(text)
    line = text[line_start:line_end].rstrip("\r")
    under_start = m_start - line_start
    under_length = max(1, min(m_end, line_end) - m_start)
    if len(line) > MAX_WIDTH:
        line, under_start, under_length = _cut(line, under_start, under_length)
    return Excerpt(line, under_start, under_length, reply_line, column)


def _cut(line: str, start: int, length: int) -> "tuple[str, int, int]":
    left = max(0, start - 30)
    right = min(len(line), max(start + length + 30, left + MAX_WIDTH))
    length = min(length, right - start)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, start - left + len(prefix), length


def file_line(record, found: Excerpt) -> "int | None":
    """The input file's line for a finding: the record's line, plus the reply line the
    span is on when the reply's lines are the file's lines (plain text, CSV, one-reply
    files). Columns are always counted within the reply line."""
    if record.line is None:
        return None
    return record.line + (found.reply_line if record.literal_lines else 0)


# ---------------------------------------------------------------------------------
# Personal data the findings did not mark. If RL801 is not selected, or another
# rule's span covers a whole sentence holding a card number, nothing upstream masked
# it; every text an output shows therefore also goes through the privacy recognisers.

def personal_data_spans(text: str) -> list:
    """Recognised personal data in ``text`` as the span dicts MaskedReply reads."""
    from replylint.privacy import find_personal_data

    return [{"start": m.start, "end": m.end, "text": m.replacement, "sensitive": True}
            for m in find_personal_data(text)]


def masked_reply(text: str, findings) -> MaskedReply:
    """``text`` with sensitive findings (their own mask wins) and any other recognised
    personal data masked."""
    sensitive = [f for f in findings if f.get("sensitive")]
    covered = [(f["start"], f["end"]) for f in sensitive]
    extra = [s for s in personal_data_spans(text)
             if all(s["end"] <= start or s["start"] >= end for start, end in covered)]
    return MaskedReply(text, sensitive + extra)


def mask_text(text):
    """A short text (a finding's words, its message) with personal data masked."""
    if not text:
        return text
    return _mask_short_text(text) if len(text) <= _CACHED_LENGTH else _mask_uncached(text)


def _mask_uncached(text: str) -> str:
    spans = personal_data_spans(text)
    return MaskedReply(text, spans).text if spans else text


# A finding's suggestion and message come from its rule's templates, so an audit masks
# the same few thousand short texts again and again (three per finding): the result
# depends on the text alone, so it is remembered (bounded: at most ~4 MB).
_CACHED_LENGTH = 500
_mask_short_text = lru_cache(maxsize=8192)(_mask_uncached)


def masked_finding(finding: dict) -> dict:
    """A finding dict safe to print anywhere: words, message and suggestion masked."""
    safe = dict(finding)
    for key in ("message", "suggestion") + (() if finding.get("sensitive") else ("text",)):
        safe[key] = mask_text(finding.get(key))
    return safe
