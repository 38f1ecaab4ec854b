"""Whose number is it? Cues read from the words just before a candidate value.

Every recogniser looks back a few words from a candidate: a reference label
("order", "ticket", "tracking") makes digits a reference number, not personal data;
a masking cue ("ending", "last four digits") means the writer already masked it.
"""
from __future__ import annotations

import regex

# How far back a label may sit ("order number: #", "tracking no. is"). Patterns that
# end in "$" read backwards from the candidate (regex.REVERSE): one attempt at the end
# instead of one per position, so they stay linear on any input.
LOOKBACK = 40

_REFERENCE_LABEL = regex.compile(
    r"\b(?:orders?|ticket|case|tracking|track|reference|ref|confirmation|booking|"
    r"invoice|receipt|sku|item|product|model|serial|part|imei|claim|incident|"
    r"request|transaction|txn|parcel|shipment|consignment|waybill|airway\s+bill|po|"
    r"policy|membership|loyalty|rewards?|voucher|gift\s+card|promo|coupon|discount|"
    r"flight|reservation|store|branch|job|work\s+order|rma|return|refund|"
    r"cheque|version|build|firmware|ios|android|error|"
    r"account\s+id|customer\s+id|member\s+id|user\s+id|id)"
    r"(?:\s+(?:no\.?|nos\.?|number|num|#|id|code|ref(?:erence)?))?"
    r"(?:\s+(?:is|was|will\s+be|reads|shows))?\s*[:#.=\-]?\s*#?\s*$",
    regex.IGNORECASE | regex.REVERSE,
)

_MASKING_CUE = regex.compile(
    r"(?:\bending(?:\s+(?:in|with))?|\bends\s+(?:in|with)|\blast\s+(?:4|four|3|three|2|two)"
    r"(?:\s+(?:digits|numbers))?(?:\s+(?:of|are|is))?(?:\s+(?:your|the)\s+\w+(?:\s+number)?)?"
    r"|[x*•●#·]{2,}[\s\-]*)\s*:?\s*$",
    regex.IGNORECASE | regex.REVERSE,
)

_MONEY_BEFORE = regex.compile(r"(?:[$£€¥₹]|\b(?:usd|gbp|eur|aud|cad|rs\.?))\s*$", regex.IGNORECASE | regex.REVERSE)


def before(text: str, start: int) -> str:
    """The text just before ``start`` (up to ``LOOKBACK`` characters)."""
    return text[max(0, start - LOOKBACK):start]


def is_reference_number(text: str, start: int) -> bool:
    """True when the value at ``start`` is labelled as an order/ticket/SKU-style number."""
    return _REFERENCE_LABEL.search(before(text, start)) is not None


def is_already_masked(text: str, start: int) -> bool:
    """True when the value at ``start`` follows "ending", "last four digits", "••••"."""
    return _MASKING_CUE.search(before(text, start)) is not None


def is_money(text: str, start: int) -> bool:
    """True when a currency sign or code sits right before ``start``."""
    return _MONEY_BEFORE.search(text[max(0, start - 6):start]) is not None
