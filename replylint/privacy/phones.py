"""Phone numbers, validated by the ``phonenumbers`` library (libphonenumber).

A regex only proposes candidates; ``phonenumbers`` decides whether the digits are a
number that can exist in one of the configured regions (or anywhere, when written
with a leading +). Company lines are not customer data: toll-free, shared-cost and
non-geographic numbers (1-800/888/877/866/855/844/833, 0800/0808, 0300/0330/0345/
0370, 0845/0870), numbers in ``allow_phones``, and numbers the reply gives as its
own ("call us on", "our helpline").
"""
from __future__ import annotations

from functools import lru_cache

import phonenumbers
import regex
from phonenumbers import PhoneNumberType

from replylint.privacy import context
from replylint.privacy.masking import mask_ending
from replylint.privacy.matches import PiiMatch

# A digit, then 6-14 more digits each with at most two separators before it: every
# repetition must eat a digit, so this stays linear. A candidate never starts inside
# a longer digit sequence (the tail of a tracking number is not a phone number).
_CANDIDATE = regex.compile(
    r"(?<![\w@#$£€/.:+\-])(?<!\d[ \-.])(?:\+|\(\+?)?\d(?:[ .\-()]{0,2}\d){6,14}\)?(?![\w/]|[.:\-]\d)"
)
_GROUP_SEPARATORS = regex.compile(r"[ .]")
_DATE_SHAPE = regex.compile(r"^\d{1,4}([./\-])\d{1,2}\1\d{1,4}$")
_PHONE_WORD = regex.compile(
    r"\b(?:call|calls|called|phone|mobile|cell|tel|telephone|landline|number|text|"
    r"texted|sms|whatsapp|ring|contact|reach|dial|dialled|dialed)\b[^.!?\n]{0,25}$",
    regex.IGNORECASE | regex.REVERSE,
)
# A number the reply tells the customer to call is the company's (or a branch's);
# a number the reply says is theirs ("your number", "call you on") is the customer's.
_CUSTOMER_CUE = regex.compile(
    r"(?:\b(?:your|ur|yr|his|her)\s+(?:\w+\s+)?(?:number|phone|mobile|cell|landline|contact|no\b)|"
    r"\b(?:is\s+this|is\s+it)\b|\b(?:call|ring|phone|contact|reach|text|message|"
    r"whatsapp|dial)(?:ed|ing|s)?\s+(?:you|u)\b|\byou\s+(?:on|at)\b)[^.!?\n]{0,40}$",
    regex.IGNORECASE | regex.REVERSE,
)
_COMPANY_CUE = regex.compile(
    r"\b(?:call|calling|called|rang|ring|phone|contact|reach|dial|text|whatsapp|refer|fax|"
    r"call\s*cent(?:re|er)|contact\s*cent(?:re|er)|helpline|hotline|help\s*desk|freephone|"
    r"office|branch|location|store|shop|department|dept|team|desk|reception|switchboard|"
    r"customer\s+(?:service|services|care|support|relations)|support\s+line|tel|ph#?)\b",
    regex.IGNORECASE,
)
_SENTENCE_SO_FAR = regex.compile(r"[^.!?\n]{0,100}$", regex.REVERSE)
_LEAD_IN = regex.compile(r"[^.!?\n]{0,100}[.!?\n][^\w]*$", regex.REVERSE)

COMPANY_LINE_TYPES = {
    PhoneNumberType.TOLL_FREE: "toll-free",
    PhoneNumberType.SHARED_COST: "shared-cost",
    PhoneNumberType.UAN: "non-geographic (UAN)",
    PhoneNumberType.PREMIUM_RATE: "premium-rate",
}


@lru_cache(maxsize=4096)
def parse_valid(candidate: str, regions: tuple) -> "tuple | None":
    """(number, region) for ``candidate`` in the first of ``regions`` where it is valid."""
    for region in ((None,) if candidate.lstrip("(").startswith("+") else regions):
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number, region or phonenumbers.region_code_for_number(number)
    return None


def e164(number: "phonenumbers.PhoneNumber") -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)
def _valid_phone(candidate: str, regions: tuple) -> "tuple | None":
    """(region, E.164, is a company line type) for a valid ``candidate``, else None.
    Cached: a draft is re-checked with the same number as the agent types, and
    libphonenumber's type and format lookups cost ~30 µs a number."""
    parsed = parse_valid(candidate, regions)
    if parsed is None:
        return None
    number, region = parsed
    return region, e164(number), phonenumbers.number_type(number) in COMPANY_LINE_TYPES


@lru_cache(maxsize=64)
def normalise_allowed(allow_phones: tuple, regions: tuple) -> frozenset:
    """The configured company numbers as E.164, whatever format they were written in."""
    allowed = set()
    for raw in allow_phones:
        parsed = parse_valid(str(raw).strip(), regions)
        if parsed is not None:
            allowed.add(e164(parsed[0]))
    return frozenset(allowed)


def is_company_line(text: str, start: int) -> bool:
    """True when the sentence gives the number as one to call, not as the customer's."""
    lead = _SENTENCE_SO_FAR.search(text, max(0, start - 100), start).group()
    if not any(ch.isalpha() for ch in lead):
        # A number standing alone after a sentence ("... call us. | +44 ...")
        # belongs to the sentence before it.
        before = _LEAD_IN.search(text, max(0, start - 200), start)
        lead = before.group() if before else lead
    if _CUSTOMER_CUE.search(lead):
        return False
    return _COMPANY_CUE.search(lead) is not None


def _shape_ok(text: str, start: int, raw: str) -> bool:
    """Cheap tests that rule out dates, versions and bare order-like digit runs."""
    digits = sum(ch.isdigit() for ch in raw)
    if not 7 <= digits <= 15 or _DATE_SHAPE.match(raw):
        return False
    if "." in raw and any(len(g) < 2 for g in _GROUP_SEPARATORS.split(raw)):
        return False  # 1.2.34567 is a version, not a number
    bare = raw.isdigit()
    if bare and not raw.startswith("0") and _PHONE_WORD.search(context.before(text, start)) is None:
        return False
    return True


def find_phones(text: str, *, allow_phones=(), regions=("US", "GB")) -> "list[PiiMatch]":
    found = []
    regions = tuple(regions)
    for m in _CANDIDATE.finditer(text):
        raw, start = m.group(), m.start()
        if raw.count("(") != raw.count(")"):
            raw, start = raw.strip("()"), start + (1 if raw.startswith("(") else 0)
        if not _shape_ok(text, start, raw):
            continue
        if context.is_money(text, start) or context.is_reference_number(text, start) \
                or context.is_already_masked(text, start):
            continue
        valid = _valid_phone(raw, regions)
        if valid is None:
            continue
        region, number, company_type = valid
        if company_type or number in normalise_allowed(tuple(allow_phones), regions):
            continue
        if is_company_line(text, start):
            continue
        masked, replacement = mask_ending("phone", raw)
        found.append(PiiMatch("phone", start, start + len(raw), masked,
                              f"phonenumbers: valid {region} number", replacement))
    return found
