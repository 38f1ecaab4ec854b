"""The values the privacy recognisers hand back."""
from __future__ import annotations

from dataclasses import dataclass

#: Every kind of personal data ``find_personal_data`` can report.
KINDS = (
    "card", "iban", "bank_account", "sort_code", "routing_number", "phone", "email",
    "ssn", "nino", "date_of_birth", "secret", "address",
)

#: How a kind is named in a sentence ("The reply contains a payment card number").
KIND_LABELS = {
    "card": "a payment card number",
    "iban": "an IBAN",
    "bank_account": "a bank account number",
    "sort_code": "a sort code",
    "routing_number": "a bank routing number",
    "phone": "a customer phone number",
    "email": "a customer email address",
    "ssn": "a US Social Security number",
    "nino": "a UK National Insurance number",
    "date_of_birth": "a date of birth",
    "secret": "a password, PIN or security code",
    "address": "a postal address",
}


@dataclass(frozen=True)
class PiiMatch:
    """One piece of personal data found in a text.

    ``masked`` describes the value without revealing it ("card ending 4242");
    ``replacement`` is what may stand in its place in the sentence ("•••• 4242");
    ``validation`` says which check made it personal data rather than a look-alike.
    """

    kind: str
    start: int
    end: int
    masked: str
    validation: str
    replacement: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class RequestMatch:
    """A sentence that asks the customer for personal data.

    ``kind`` is "secret" (password, PIN, CVV, one-time code: never to be asked for)
    or "public" (data that is fine to collect privately but not in the open).
    ``private_cue`` is True when the sentence moves the exchange somewhere private
    (DM, private message, secure form, a call).
    """

    kind: str
    start: int
    end: int
    noun: str
    private_cue: bool
