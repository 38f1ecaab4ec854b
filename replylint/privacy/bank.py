"""Bank details: IBAN (country length + mod-97), and account number, sort code and
US routing number, which are only personal data next to their own label.

A bare 8-digit number is far more often an order or a ticket than an account, so
account numbers need an account label plus a banking word somewhere in the reply.
"""
from __future__ import annotations

import regex

from replylint.privacy import context
from replylint.privacy.masking import DOT, mask_ending
from replylint.privacy.matches import PiiMatch

# ISO 13616 registry: country code -> IBAN length.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

# Linking words between a label and its value: "sort code we hold is 12-34-56".
_LINK = (r"(?:\s*(?::|#|=|(?:is|was|we\s+hold|we\s+have|on\s+file|on\s+record|"
         r"you\s+gave(?:\s+us)?|provided|listed|as)\b)){0,3}\s*")
_IBAN_START = regex.compile(r"(?<![\w])([A-Z]{2})\d{2}(?=[ ]?[A-Z0-9])")

_ACCOUNT = regex.compile(
    r"\b(?P<bank>(?:bank|checking|savings|current)\s+)?(?:account|acct\.?|a/c)"
    r"(?:\s*(?:number|no\.?|num|#))?" + _LINK +
    r"(?P<value>\d(?:[ \-]?\d){5,16})(?![\w\-/]|\.\d)",
    regex.IGNORECASE,
)
_BANKING_WORD = regex.compile(
    r"\b(?:bank|banking|sort\s*code|routing|iban|checking|savings|current\s+account|"
    r"direct\s+debit|wire|bacs|ach|swift|bic|payee)\b",
    regex.IGNORECASE,
)
_SORT_CODE = regex.compile(
    r"\bsort\s*code" + _LINK + r"(?P<value>\d{2}([- ]?)\d{2}\2\d{2})(?![\w\-]|\.\d)",
    regex.IGNORECASE,
)
_ROUTING = regex.compile(
    r"\b(?:routing|aba|rtn|routing\s+transit)(?:\s*(?:number|no\.?|#))?" + _LINK +
    r"(?P<value>\d{9})(?![\w\-]|\.\d)",
    regex.IGNORECASE,
)
# Federal Reserve routing symbols: the first two digits of a valid ABA number.
_ABA_PREFIXES = set(range(0, 13)) | set(range(21, 33)) | set(range(61, 73)) | {80}


def iban_ok(compact: str) -> bool:
    """Country length and the ISO 7064 mod-97 check."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def aba_ok(digits: str) -> bool:
    if int(digits[:2]) not in _ABA_PREFIXES:
        return False
    d = [int(c) for c in digits]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def _iban_span(text: str, start: int, length: int) -> "int | None":
    """End of an IBAN of ``length`` characters starting at ``start`` (single spaces allowed)."""
    count, i, n = 0, start, len(text)
    while i < n and count < length:
        ch = text[i]
        if ch.isalnum() and ch.isascii():
            count += 1
        elif not (ch == " " and i + 1 < n and text[i + 1].isalnum()):
            return None
        i += 1
    if count < length or (i < n and text[i].isalnum()):
        return None
    return i


def find_ibans(text: str) -> "list[PiiMatch]":
    found = []
    for m in _IBAN_START.finditer(text):
        length = IBAN_LENGTHS.get(m.group(1))
        end = _iban_span(text, m.start(), length) if length else None
        if end is None:
            continue
        compact = text[m.start():end].replace(" ", "")
        if not iban_ok(compact):
            continue
        masked, replacement = mask_ending("IBAN", compact)
        found.append(PiiMatch("iban", m.start(), end, masked, f"IBAN {m.group(1)} length + mod-97", replacement))
    return found


def find_bank_numbers(text: str) -> "list[PiiMatch]":
    """Account numbers, sort codes and routing numbers next to their labels."""
    found = []
    for m in _SORT_CODE.finditer(text):
        masked, _ = mask_ending("sort code", m["value"], 2)
        replacement = f"{DOT * 2}-{DOT * 2}-{m['value'][-2:]}"
        found.append(PiiMatch("sort_code", m.start("value"), m.end("value"), masked,
                              "sort code label + 6 digits", replacement))
    for m in _ROUTING.finditer(text):
        if aba_ok(m["value"]):
            masked, replacement = mask_ending("routing number", m["value"])
            found.append(PiiMatch("routing_number", m.start("value"), m.end("value"), masked,
                                  "routing label + ABA checksum", replacement))
    banking = None
    for m in _ACCOUNT.finditer(text):
        if banking is None:
            banking = _BANKING_WORD.search(text) is not None
        if not (m["bank"] or banking) or context.is_already_masked(text, m.start("value")):
            continue
        masked, replacement = mask_ending("account", m["value"])
        found.append(PiiMatch("bank_account", m.start("value"), m.end("value"), masked,
                              "account label + banking context", replacement))
    return found
