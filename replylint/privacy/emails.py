"""Email addresses: a plausible local part, a domain, and a real-looking TLD.

The company's own addresses are not customer data: domains and addresses from
config, and role mailboxes (support@, help@, care@...) that only a company runs.
"""
from __future__ import annotations

import regex

from replylint.privacy.masking import mask_email
from replylint.privacy.matches import PiiMatch

# Each domain label ends in a dot, so the repeat cannot backtrack across labels.
_EMAIL = regex.compile(
    r"(?<![\w.%+\-*•●])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63}))@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})\.){1,8}(?P<tld>[A-Za-z]{2,24}))(?![\w\-]|\.\w)"
)

# Generic TLDs people actually use; any two-letter label counts as a country code.
_GENERIC_TLDS = frozenset(
    "com net org edu gov mil int info biz name pro io co me app dev ai tech online site "
    "store shop xyz email mail cloud blog live news media club life world today space "
    "website page digital agency company services solutions support help care bank "
    "insurance finance money global group team family house home art design studio "
    "mobi asia jobs tel travel aero coop museum".split()
)
# Addresses no customer owns: mailboxes a company runs for its customers.
ROLE_MAILBOXES = frozenset(
    "support help helpdesk care customercare customerservice customerservices service "
    "services info contact contactus hello hi team feedback complaints complaint enquiries "
    "enquiry inquiries billing accounts sales orders returns refunds privacy dpo "
    "dataprotection security abuse press media noreply no-reply donotreply do-not-reply "
    "admin webmaster postmaster social socialmedia escalations resolutions".split()
)
_MASK_CHARS = "*•●x"


def tld_ok(tld: str) -> bool:
    tld = tld.lower()
    return len(tld) == 2 or tld in _GENERIC_TLDS


def find_emails(text: str, *, allow_emails=(), allow_domains=()) -> "list[PiiMatch]":
    allowed = {e.strip().lower() for e in allow_emails}
    domains = {d.strip().lower().lstrip("@") for d in allow_domains}
    found = []
    for m in _EMAIL.finditer(text):
        address, domain, local = m.group().lower(), m["domain"].lower(), m["local"].lower()
        if not tld_ok(m["tld"]) or address in allowed:
            continue
        if domain in domains or any(domain.endswith("." + d) for d in domains):
            continue
        if local.replace(".", "").replace("_", "") in ROLE_MAILBOXES:
            continue
        if all(ch in _MASK_CHARS for ch in local[1:]) and len(local) > 1:
            continue  # j***@ or jxxx@: already masked
        masked, replacement = mask_email(m.group())
        found.append(PiiMatch("email", m.start(), m.end(), masked,
                              f"address shape + known TLD .{m['tld'].lower()}", replacement))
    return found
