"""Code-point offsets (Python) to UTF-16 code-unit offsets (JavaScript).

Python indexes a string by code point; JavaScript's ``String.prototype.slice`` and a
textarea's ``selectionStart`` count UTF-16 code units, where every character above
U+FFFF (most emoji, some CJK) takes two. A UI that underlines with Python offsets
drifts one unit to the left per emoji before the span, so the API returns both.
"""
from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Utf16Offsets:
    """Converts offsets into one text; cheap when the text has no astral characters."""

    __slots__ = ("_astral",)

    def __init__(self, text: str):
        # Positions of the characters that take two UTF-16 units, in order.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        """The UTF-16 offset of code-point ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)


def utf16_length(text: str) -> int:
    return len(text) + (0 if text.isascii() else len(_ASTRAL.findall(text)))


def has_lone_surrogate(text: str) -> bool:
    """True when JSON carried half of a surrogate pair (\\ud83d alone).

    Such a string cannot be encoded as UTF-8, so it can be neither hashed for a
    dismissal nor handed to the tokenizer safely; the API rejects it up front.
    """
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None
