"""Postal addresses: house number + street word + postcode or ZIP, close together.

The postcode/ZIP is the trigger; only then is the text before it searched for a
numbered street. A street alone ("12 High Street") or a city alone is not enough,
and the company's own address ("our returns centre at ...") is not customer data.
"""
from __future__ import annotations

import regex

from replylint.privacy.masking import mask_hidden
from replylint.privacy.matches import PiiMatch

_STREET_WORDS = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|"
    r"way|terrace|close|crescent|cres|parkway|pkwy|highway|hwy|square|sq|gardens|gdns|"
    r"grove|hill|row|mews|walk|circle|cir|trail|park|green|view|rise|parade|loop)"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}"
_US_ZIP = r"[A-Z]{2}\s+\d{5}(?:-\d{4})?"
_POSTAL = regex.compile(rf"(?<![\w\-])(?:{_UK_POSTCODE}|{_US_ZIP})(?![\w\-])")
# Number, 1-4 capitalised name words, a street word, then only place names, a flat
# or suite, and commas up to the postcode.
_STREET_TO_POSTAL = regex.compile(
    rf"(?<![\w\-])\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'\-]*\s+){{1,4}}(?i:{_STREET_WORDS})\b\.?"
    r"(?:[,\s]+(?i:apt|apartment|suite|unit|flat|#)\.?\s*\w{1,5})?"
    r"(?:[,\s]+[A-Z][A-Za-z'\-]*\.?){0,4}[,\s]+$",
    regex.REVERSE,
)
_COMPANY_CUE = regex.compile(
    r"\b(?:our|us\s+at|to\s+us|returns?|head\s+office|office|store|warehouse|hq|depot|"
    r"branch|located\s+at|visit)\b[^.!?\n]{0,30}$",
    regex.IGNORECASE | regex.REVERSE,
)
# Longest stretch from house number to postcode we will search back over.
_REACH = 90


def find_addresses(text: str) -> "list[PiiMatch]":
    found = []
    for m in _POSTAL.finditer(text):
        window_start = max(0, m.start() - _REACH)
        street = _STREET_TO_POSTAL.search(text, window_start, m.start())
        if street is None or _COMPANY_CUE.search(text, max(0, street.start() - 40), street.start()):
            continue
        kind = "ZIP" if m.group()[-1].isdigit() else "postcode"
        masked, replacement = mask_hidden("postal address")
        found.append(PiiMatch("address", street.start(), m.end(), masked,
                              f"house number + street word + {kind}", replacement))
    return found
