"""One entry point over every recogniser, with cheap triggers and one match per span.

Most replies hold no digits beyond a handle and no '@' beyond a mention, so each
recogniser runs only when its trigger is present; that keeps the whole pass well
under a tenth of a millisecond on a typical reply.
"""
from __future__ import annotations

import bisect

import regex

from replylint.privacy.addresses import find_addresses
from replylint.privacy.bank import find_bank_numbers, find_ibans
from replylint.privacy.cards import find_cards
from replylint.privacy.dates import find_dates_of_birth
from replylint.privacy.emails import find_emails
from replylint.privacy.gates import (
    BANK_WORDS, BIRTH_WORDS, SECRET_WORDS, Prefilter, digits_trusted, may_hold_email,
)
from replylint.privacy.matches import PiiMatch
from replylint.privacy.national_ids import find_ninos, find_ssns
from replylint.privacy.phones import find_phones
from replylint.privacy.secrets import find_secrets

# Two digits in a row (allowing one separator) outside an @handle: below that no
# number-shaped recogniser can match ("14 Mill Lane ... EC8 8RB" has no more).
# Digits inside words count ("GB82WEST1234...").
_DIGITS = regex.compile(r"(?<!@\w{0,30})\d[\d \-.()/]?\d")
_NINO_TRIGGER = regex.compile(r"[A-Z]{2} ?\d{2}")
_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", regex.IGNORECASE)
_BANK_STEMS = ("acc", "acct", "a/c", "sort", "routing", "aba", "rtn")
_BANK_WORDS = regex.compile(r"\b(?:account|acct|a/c|sort\s*code|routing|aba|rtn)\b", regex.IGNORECASE)

# When two recognisers claim overlapping text, the more specific validation wins.
PRIORITY = {kind: rank for rank, kind in enumerate((
    "secret", "card", "iban", "ssn", "nino", "sort_code", "routing_number", "bank_account",
    "date_of_birth", "address", "phone", "email",
))}


def resolve_overlaps(matches: "list[PiiMatch]") -> "list[PiiMatch]":
    """Keep one match per span: by priority, then the longer one; ordered by start."""
    # Kept matches never overlap, so ordered by start their ends are ordered too: a new
    # match can only overlap the last kept one starting before its end. A bisect over
    # the kept starts replaces the scan of every kept match (quadratic on thousands of
    # addresses or card numbers); the choice of what is kept is the same, as every
    # recogniser matches at least one character.
    starts: "list[int]" = []
    kept: "list[PiiMatch]" = []
    for m in sorted(matches, key=lambda m: (PRIORITY[m.kind], m.start - m.end, m.start)):
        i = bisect.bisect_left(starts, m.end)
        if i and kept[i - 1].end > m.start:
            continue
        starts.insert(i, m.start)
        kept.insert(i, m)
    return kept


def _inside_link(m: PiiMatch, urls: list, starts: list) -> bool:
    i = bisect.bisect_right(starts, m.start)
    return bool(i) and m.end <= urls[i - 1][1]


def find_personal_data(text: str, *, allow_phones=(), allow_emails=(), allow_domains=(),
                       regions=("US", "GB"), prefilter: "Prefilter | None" = None) -> "list[PiiMatch]":
    """Every piece of customer personal data in ``text``, validated and masked.

    ``prefilter`` (a ``gates.Prefilter`` of ``text``) may be shared with other checks
    of the same reply; each recogniser runs only when its gate lets the reply through.
    """
    pf = prefilter if prefilter is not None else Prefilter(text)
    found: "list[PiiMatch]" = []
    if "@" in text and may_hold_email(text):
        found += find_emails(text, allow_emails=allow_emails, allow_domains=allow_domains)
    hits = pf.hits  # the gates' words in the reply (None: no word gate applies)
    if hits is None or not SECRET_WORDS.isdisjoint(hits):
        found += find_secrets(text)  # keyword-triggered; passwords need no digits
    if not digits_trusted(text):
        gated = (True,) * 6
    elif pf.digits_outside_handles() < 2:
        gated = None  # no digit pair outside an @handle: _DIGITS cannot match
    else:
        # Each recogniser below needs its own shape in the reply (see gates.py); when
        # none can, the digit-pair search that guards them all is skipped too. Cards
        # and phones start after no word character and no "@", so all their 7+ digits
        # lie outside handles; an SSN ("@123-45-6789"), a date or an account may not.
        total = pf.classes.count("0")
        many = pf.digits_outside_handles() >= 7
        ssn = total >= 9 and pf.may_hold_ssn()
        letters = total >= 2 and pf.may_hold_iban_or_nino()
        bank = total >= 6 and (hits is None or not BANK_WORDS.isdisjoint(hits) or "a/c" in pf.lower)
        birth = total >= 4 and (hits is None or not BIRTH_WORDS.isdisjoint(hits) or "d.o.b" in pf.lower)
        postcode = total >= 3 and pf.may_hold_postcode()
        gated = (many, ssn, letters, bank, birth, postcode)
        if not any(gated):
            gated = None
    if gated is not None and _DIGITS.search(text):
        many, ssn, letters, bank, birth, postcode = gated
        if many:
            found += find_cards(text)
        if letters:
            found += find_ibans(text)
        if ssn:
            found += find_ssns(text)
        if letters and _NINO_TRIGGER.search(text):
            found += find_ninos(text)
        if bank:
            lower = text.lower()
            if any(stem in lower for stem in _BANK_STEMS) and _BANK_WORDS.search(text):
                found += find_bank_numbers(text)
        if birth:
            found += find_dates_of_birth(text)
        if postcode:
            found += find_addresses(text)
        if many:
            found += find_phones(text, allow_phones=allow_phones, regions=regions)
    if not found:
        return found
    if "://" in text or "www." in text.lower():
        # Links from finditer do not overlap and come in order, so only the last one
        # starting at or before a match can hold it: a bisect, not a scan of every link
        # for every match (quadratic on a reply of many links and addresses).
        urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
        starts = [s for s, _ in urls]
        found = [m for m in found if not _inside_link(m, urls, starts)]
    return resolve_overlaps(found)
