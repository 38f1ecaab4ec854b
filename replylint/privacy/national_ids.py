"""National identifiers: US Social Security numbers and UK National Insurance numbers.

Both follow allocation rules that exclude many look-alikes: an SSN never has area
000, 666 or 900-999, group 00 or serial 0000; a NINO's two prefix letters avoid
D, F, I, Q, U, V (and O second) and a few reserved pairs, and its suffix is A-D.
"""
from __future__ import annotations

import regex

from replylint.privacy import context
from replylint.privacy.masking import mask_ending, mask_ssn
from replylint.privacy.matches import PiiMatch

_SSN_DASHED = regex.compile(r"(?<![\w\-/.])(?<!\d[ \-.])(\d{3})-(\d{2})-(\d{4})(?![\w\-/]|\.\d)")
# Spaced or unseparated nine digits are too common (phones, references) to flag
# without the words "SSN" / "social security" right before them.
_SSN_LABELLED = regex.compile(
    r"\b(?:ssn|ss#|social\s+security(?:\s+(?:number|no\.?|#))?)(?:\s*(?:is|was|:|#))?\s*"
    r"(?P<value>(?P<area>\d{3})(?P<sep>[ ]?)(?P<group>\d{2})(?P=sep)(?P<serial>\d{4}))(?![\w\-/]|\.\d)",
    regex.IGNORECASE,
)
# Publicised numbers that were never issued to a person (Woolworth wallet card, ads).
_SSN_NEVER_ISSUED = {"078051120", "219099999", "123456789"}

_NINO = regex.compile(
    r"(?<![\w])(?P<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ ]?(\d{2})[ ]?(\d{2})[ ]?(\d{2})[ ]?"
    r"(?P<suffix>[A-D])(?![\w])"
)
_NINO_RESERVED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ssn_ok(area: str, group: str, serial: str) -> bool:
    if area in ("000", "666") or area >= "900" or group == "00" or serial == "0000":
        return False
    return area + group + serial not in _SSN_NEVER_ISSUED


def find_ssns(text: str) -> "list[PiiMatch]":
    found = {}
    for m in _SSN_DASHED.finditer(text):
        if ssn_ok(*m.groups()) and not context.is_reference_number(text, m.start()):
            found[m.start()] = (m.start(), m.end(), "SSN shape + allocation rules")
    for m in _SSN_LABELLED.finditer(text):
        if ssn_ok(m["area"], m["group"], m["serial"]):
            found[m.start("value")] = (m.start("value"), m.end("value"), "SSN label + allocation rules")
    matches = []
    for start, end, validation in found.values():
        masked, replacement = mask_ssn(text[start:end])
        matches.append(PiiMatch("ssn", start, end, masked, validation, replacement))
    return matches


def find_ninos(text: str) -> "list[PiiMatch]":
    found = []
    for m in _NINO.finditer(text):
        if m["prefix"] in _NINO_RESERVED_PREFIXES or context.is_reference_number(text, m.start()):
            continue
        masked, replacement = mask_ending("NI number", m.group(), 3)
        found.append(PiiMatch("nino", m.start(), m.end(), masked, "NINO prefix + suffix rules", replacement))
    return found
