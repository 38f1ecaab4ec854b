"""Dates of birth: a full date (with a year) only right after birth-date words.

Delivery dates, appointment dates and "by 12/03" are ordinary dates and never
fire; the birth words are the trigger, so replies without them cost one search.
"""
from __future__ import annotations

import regex

from replylint.privacy.masking import mask_date_of_birth
from replylint.privacy.matches import PiiMatch

_BIRTH_WORD = regex.compile(
    r"\b(?:date\s+of\s+birth|d\.o\.b|dob|birth\s*date|birthdate|born|birthday)\b",
    regex.IGNORECASE,
)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = regex.compile(
    r"(?<![\w/.\-])(?:"
    r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|(?P<td>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r",?\s+(?P<ty>\d{4})"
    r"|" + _MONTHS + r"\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>\d{4})"
    r")(?![\w/]|[.\-]\d)",
    regex.IGNORECASE,
)
# The birth words may be followed by a few linking words: "DOB on file is", "born on".
_BIRTH_BEFORE = regex.compile(
    r"\b(?:date\s+of\s+birth|d\.o\.b|dob|birth\s*date|birthdate|born|birthday)\b\.?"
    r"[^.!?;\n\d]{0,25}$",
    regex.IGNORECASE | regex.REVERSE,
)
# Words in that gap that show the date belongs to something else.
_OTHER_DATE = regex.compile(
    r"\b(?:deliver\w*|arriv\w*|ship\w*|dispatch\w*|due|expir\w*|order\w*|until|by|before|after|"
    r"from|booked|appointment|renew\w*)\b",
    regex.IGNORECASE,
)


def _plausible(match) -> bool:
    if match["a"]:
        a, b, year = int(match["a"]), int(match["b"]), match["y"]
        day_month = (1 <= a <= 31 and 1 <= b <= 12) or (1 <= b <= 31 and 1 <= a <= 12)
        return day_month and (len(year) == 2 or 1900 <= int(year) <= 2030)
    if match["iy"]:
        return 1900 <= int(match["iy"]) <= 2030 and 1 <= int(match["im"]) <= 12 and 1 <= int(match["id"]) <= 31
    day = int(match["td"] or match["md"])
    year = int(match["ty"] or match["my"])
    return 1 <= day <= 31 and 1900 <= year <= 2030


def find_dates_of_birth(text: str) -> "list[PiiMatch]":
    lower = text.lower()
    if not any(stem in lower for stem in ("birth", "dob", "d.o.b", "born")) or _BIRTH_WORD.search(text) is None:
        return []
    found = []
    for m in _DATE.finditer(text):
        if not _plausible(m):
            continue
        lead = _BIRTH_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if lead is None or _OTHER_DATE.search(lead.group()):
            continue
        masked, replacement = mask_date_of_birth()
        found.append(PiiMatch("date_of_birth", m.start(), m.end(), masked,
                              "valid date after birth-date words", replacement))
    return found
