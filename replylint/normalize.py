"""Same-length normalisation of a reply before matching.

Agents paste text from word processors and phones: curly apostrophes and quotes,
no-break spaces, zero-width characters. Matching should not care, but offsets must
still point into the original string, so every replacement here maps exactly one
character to exactly one character.
"""
from __future__ import annotations

import re

_ONE_TO_ONE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\uff07": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u205f": " ",
    "\u3000": " ",
    # Zero-width and bidi controls become plain spaces: they must not glue words
    # together for the tokenizer, and spaces keep the length.
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u202a": " ", "\u202b": " ", "\u202c": " ", "\u202d": " ", "\u202e": " ",
    "\u2066": " ", "\u2067": " ", "\u2068": " ", "\u2069": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    # Lone surrogates cannot be tokenised or encoded; a placeholder keeps the offsets.
}
# str.translate with a dict costs ~85 ns a character once a text is not ASCII (44 µs
# for a 500-character email with one "€"); replacing only the characters found costs
# ~2 µs plus ~0.4 µs a replacement, and most non-ASCII replies hold none.
_MAPPED = re.compile("[" + "".join(re.escape(c) for c in _ONE_TO_ONE) + "]")


def _plain(match) -> str:
    return _ONE_TO_ONE[match.group()]


_SURROGATES = {cp: "\ufffd" for cp in range(0xD800, 0xE000)}
_SURROGATE_TABLE = str.maketrans(_SURROGATES)


def normalize_text(text: str) -> str:
    """Return ``text`` with look-alike characters made plain; ``len`` is unchanged."""
    if text.isascii():
        return text  # only non-ASCII characters are replaced
    out = _MAPPED.sub(_plain, text) if _MAPPED.search(text) else text
    if not out.isascii():
        # str.translate with a big table is slow; only pay for it when needed.
        try:
            out.encode("utf-8")
        except UnicodeEncodeError:
            out = out.translate(_SURROGATE_TABLE)
    return out
