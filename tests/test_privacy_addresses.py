"""Postal addresses: house number + street word + postcode or ZIP."""
import pytest

from replylint.privacy.addresses import find_addresses


def addresses(text):
    return [text[m.start:m.end] for m in find_addresses(text)]


@pytest.mark.parametrize("text, value", [
    ("We will ship to 42 Maple Avenue, Springfield, IL 62704 tomorrow.",
     "42 Maple Avenue, Springfield, IL 62704"),
    ("Sent to 10 Downing Street, London SW1A 2AA.", "10 Downing Street, London SW1A 2AA"),
    ("It went to 14B Elm Grove, Flat 3, Bristol BS1 5TR.", "14B Elm Grove, Flat 3, Bristol BS1 5TR"),
    ("Delivered to 7 Ocean Dr., Miami, FL 33139-1234 today.", "7 Ocean Dr., Miami, FL 33139-1234"),
])
def test_full_addresses_are_found(text, value):
    assert addresses(text) == [value]


@pytest.mark.parametrize("text", [
    "Return it to our warehouse at 5 Dock Road, Leeds LS1 4AB.",   # the company's address
    "Visit our store at 12 King Street, Manchester M2 4WU.",
    "12 High Street is our newest branch.",                         # no postcode
    "Your order AB12 3CD shipped.",                                 # postcode-like reference
    "We deliver to IL 62704 and nearby ZIP codes.",                 # no street
    "Send it to 42 Maple Avenue please.",                           # street without postcode
])
def test_partial_and_company_addresses_are_silent(text):
    assert addresses(text) == []


def test_address_is_hidden_entirely():
    (m,) = find_addresses("Sent to 10 Downing Street, London SW1A 2AA.")
    assert (m.masked, m.replacement) == ("postal address (hidden)", "[postal address]")
