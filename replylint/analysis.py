"""Everything the rules share about one reply, computed once (and lazily where it costs)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property

import regex

from replylint import complaint
from replylint.matchers import folded
from replylint.model import Context
from replylint.normalize import normalize_text
from replylint.segment import DEFAULT_SCOPE, INLINE_KINDS, segment_reply

# A sentence ends at . ! ? (runs of them, closing quotes/brackets) followed by space,
# or at a line break. Good enough for short replies and far cheaper than a parser.
# A match starts only at the first mark of a run, and the runs are possessive: a
# long "!!!!…x" was otherwise rescanned from every mark (quadratic).
_SENTENCE_END = regex.compile(r"(?<![.!?…])[.!?…]++[\"')\]]*+(?=\s|$)|\n")


class Analysis:
    """The reply, its normalised text, segments, tokens and context."""

    __slots__ = ("text", "norm", "context", "config", "doc", "segments", "_regions",
                 "_inline", "_out_of_scope", "__dict__")

    def __init__(self, text: str, context: Context, config, doc, norm: str = None, segments=None):
        self.text = text
        self.norm = norm if norm is not None else normalize_text(text)
        self.context = context
        self.config = config
        self.doc = doc
        self.segments = segments if segments is not None else segment_reply(self.norm)
        self._regions = [s for s in self.segments if s.kind not in INLINE_KINDS]
        self._inline = [s for s in self.segments if s.kind in INLINE_KINDS]
        self._out_of_scope = {}  # scope -> SpanIndex of the segments outside it

    # ------------------------------------------------------------------ scope
    def in_scope(self, start: int, end: int, scope=DEFAULT_SCOPE) -> bool:
        """True when [start, end) touches only segments whose kind is in ``scope``."""
        # Rules ask this for every candidate span; a reply full of @handles or links
        # has thousands of segments, so a scan per question would be quadratic.
        if not isinstance(scope, frozenset):
            scope = frozenset(scope)
        index = self._out_of_scope.get(scope)
        if index is None:
            index = self._out_of_scope[scope] = SpanIndex(
                (s.start, s.end) for s in self.segments if s.kind not in scope)
        return not index.overlaps(start, end)

    def segments_of(self, kind: str) -> list:
        return [s for s in self.segments if s.kind == kind]

    @cached_property
    def own_text_end(self) -> int:
        """Where the agent's own words end (before a trailing quoted block)."""
        quoted = [s for s in self._regions if s.kind == "quoted" and s.end == len(self.text)]
        return quoted[0].start if quoted else len(self.text)

    # -------------------------------------------------------------- sentences
    @cached_property
    def sentences(self) -> list:
        """``(start, end)`` of each sentence, trimmed of surrounding space."""
        out, start, text = [], 0, self.norm
        for m in _SENTENCE_END.finditer(text):
            end = m.end()
            _append_trimmed(out, text, start, end)
            start = end
        _append_trimmed(out, text, start, len(text))
        return out

    @cached_property
    def _sentence_starts(self) -> list:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple:
        """The sentence holding character ``pos`` (the nearest one before it, if in a gap)."""
        if not self.sentences:
            return (0, len(self.text))
        i = max(0, bisect_right(self._sentence_starts, pos) - 1)
        return self.sentences[i]

    # ----------------------------------------------------------------- tokens
    @cached_property
    def token_starts(self) -> list:
        return [t.idx for t in self.doc]

    def token_index(self, char: int) -> int:
        """Index of the token holding (or nearest before) character ``char``."""
        return max(0, bisect_right(self.token_starts, char) - 1)

    def token_window(self, start: int, end: int, tokens: int) -> tuple:
        """Character span of [start, end) widened by ``tokens`` tokens each side."""
        doc = self.doc
        if not len(doc):
            return (start, end)
        first = max(0, self.token_index(start) - tokens)
        last = min(len(doc) - 1, self.token_index(max(start, end - 1)) + tokens)
        return (min(start, doc[first].idx), max(end, doc[last].idx + len(doc[last])))

    @cached_property
    def folded(self) -> "str | None":
        """``norm.lower()`` for the regex prefilters (None when they cannot trust it)."""
        return folded(self.norm)

    # ---------------------------------------------------------------- context
    @property
    def is_public(self) -> bool:
        return self.context.is_public

    @cached_property
    def inbound_complaint(self) -> bool:
        return complaint.is_complaint(self.context.inbound)

    @cached_property
    def inbound_polarity(self) -> float:
        return complaint.polarity(self.context.inbound or "")

    @cached_property
    def reply_polarity(self) -> float:
        own = " ".join(self.text[s.start:s.end] for s in self._regions if s.kind != "quoted")
        return complaint.polarity(own)


class SpanIndex:
    """Answers "does [lo, hi) overlap any of these spans?" in O(log n).

    Spans are sorted by start with a running maximum of their ends: some span
    among those starting before ``hi`` overlaps exactly when the largest end
    among them is past ``lo``. Overlapping spans are fine.
    """

    __slots__ = ("starts", "max_ends")

    def __init__(self, spans):
        self.starts, self.max_ends = [], []
        reach = -1
        for s, e in sorted(spans):
            reach = max(reach, e)
            self.starts.append(s)
            self.max_ends.append(reach)

    def overlaps(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, hi)
        return i > 0 and self.max_ends[i - 1] > lo

    def __len__(self) -> int:
        return len(self.starts)


def _append_trimmed(out: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
