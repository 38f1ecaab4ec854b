"""Payment card numbers: a real issuer prefix, a length that issuer uses, Luhn.

Order and tracking numbers are long digit runs too; the issuer table and Luhn
reject about nine in ten of them, and a reference label before the digits
("order #") rejects the rest.
"""
from __future__ import annotations

import regex

from replylint.privacy import context
from replylint.privacy.masking import mask_card
from replylint.privacy.matches import PiiMatch

# 12-19 digits, optionally split by single spaces or hyphens. Each repetition eats
# exactly one digit, so the bounded repeat cannot backtrack badly. A candidate never
# starts inside a longer digit sequence ("tracking 3522 0834 7967 ...").
_CANDIDATE = regex.compile(r"(?<![\w@#$£€./\-])(?<!\d[ \-.])\d(?:[ \-]?\d){11,18}(?![\w/]|[.\-]\d)")

# (issuer, lowest prefix, highest prefix, lengths)
_ISSUERS = (
    ("Visa", "4", "4", (13, 16, 19)),
    ("Mastercard", "51", "55", (16,)),
    ("Mastercard", "2221", "2720", (16,)),
    ("American Express", "34", "34", (15,)),
    ("American Express", "37", "37", (15,)),
    ("Discover", "6011", "6011", (16, 17, 18, 19)),
    ("Discover", "644", "649", (16, 17, 18, 19)),
    ("Discover", "65", "65", (16, 17, 18, 19)),
    ("Discover", "622126", "622925", (16, 17, 18, 19)),
    ("Diners Club", "300", "305", (14, 15, 16, 17, 18, 19)),
    ("Diners Club", "36", "36", (14, 15, 16, 17, 18, 19)),
    ("Diners Club", "38", "39", (14, 15, 16, 17, 18, 19)),
    ("JCB", "3528", "3589", (16, 17, 18, 19)),
    ("UnionPay", "62", "62", (16, 17, 18, 19)),
    ("Maestro", "5018", "5018", tuple(range(12, 20))),
    ("Maestro", "5020", "5020", tuple(range(12, 20))),
    ("Maestro", "5038", "5038", tuple(range(12, 20))),
    ("Maestro", "5893", "5893", tuple(range(12, 20))),
    ("Maestro", "6304", "6304", tuple(range(12, 20))),
    ("Maestro", "6759", "6759", tuple(range(12, 20))),
    ("Maestro", "6761", "6763", tuple(range(12, 20))),
)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def issuer_of(digits: str) -> "str | None":
    """The card network whose prefix and length fit ``digits``, or None."""
    for name, low, high, lengths in _ISSUERS:
        if len(digits) in lengths and low <= digits[: len(low)] <= high:
            return name
    return None


def grouping_ok(candidate: str) -> bool:
    """Digits printed the way cards are: one block, 4-4-4-4(-n), or Amex/Diners 4-6-5/4-6-4."""
    seps = {ch for ch in candidate if not ch.isdigit()}
    if not seps:
        return True
    if len(seps) > 1:
        return False
    groups = [len(g) for g in candidate.split(seps.pop())]
    if groups[:2] == [4, 6] and len(groups) == 3 and groups[2] in (4, 5):
        return True
    return all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4 and len(groups) >= 3


def find_cards(text: str) -> "list[PiiMatch]":
    found = []
    for m in _CANDIDATE.finditer(text):
        raw = m.group()
        digits = raw.replace(" ", "").replace("-", "")
        if not grouping_ok(raw) or len(set(digits)) == 1:
            continue
        issuer = issuer_of(digits)
        if issuer is None or not luhn_ok(digits):
            continue
        if context.is_reference_number(text, m.start()) or context.is_already_masked(text, m.start()):
            continue
        masked, replacement = mask_card(digits)
        found.append(PiiMatch("card", m.start(), m.end(), masked, f"Luhn + {issuer} prefix", replacement))
    return found
