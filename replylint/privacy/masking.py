"""Masked forms: how a finding names a value without repeating it.

Two forms per value: ``describe`` for messages ("card ending 4242") and
``replace`` for the text itself ("•••• 4242"), which no recogniser matches again,
so a fixed reply is clean.
"""
from __future__ import annotations

DOT = "•"


def last(value: str, n: int = 4) -> str:
    """The last ``n`` letters or digits of ``value`` (separators dropped)."""
    kept = "".join(ch for ch in value if ch.isalnum())
    return kept[-n:]


def mask_card(value: str) -> "tuple[str, str]":
    tail = last(value)
    return f"card ending {tail}", f"{DOT * 4} {tail}"


def mask_ending(label: str, value: str, n: int = 4) -> "tuple[str, str]":
    """For numbers a customer recognises by their last digits (IBAN, account, phone)."""
    tail = last(value, n)
    return f"{label} ending {tail}", f"{DOT * 4} {tail}"


def mask_email(value: str) -> "tuple[str, str]":
    local, _, domain = value.partition("@")
    shown = f"{local[:1]}{DOT * 3}@{domain}"
    return f"email {shown}", shown


def mask_ssn(value: str) -> "tuple[str, str]":
    tail = last(value)
    return f"SSN ending {tail}", f"{DOT * 3}-{DOT * 2}-{tail}"


def mask_hidden(label: str) -> "tuple[str, str]":
    """For values with no safe part to show (dates of birth, secrets, addresses)."""
    return f"{label} (hidden)", f"[{label}]"


def mask_date_of_birth() -> "tuple[str, str]":
    return "date of birth (hidden)", f"{DOT * 2}/{DOT * 2}/{DOT * 4}"


def mask_secret(keyword: str) -> "tuple[str, str]":
    return f"{keyword} value (hidden)", DOT * 4
