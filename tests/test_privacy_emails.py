"""Email addresses: shape + TLD check; company addresses and masked forms stay silent."""
import pytest

from replylint.privacy.emails import find_emails, tld_ok


def emails(text, **kwargs):
    return [text[m.start:m.end] for m in find_emails(text, **kwargs)]


@pytest.mark.parametrize("address", [
    "jane.doe@gmail.com", "j_smith+orders@outlook.co.uk", "kim@mail.example.io", "a.b@c.de",
])
def test_customer_addresses_are_found(address):
    assert emails(f"We emailed {address} yesterday.") == [address]


@pytest.mark.parametrize("text", [
    "Write to support@acme.com any time.",          # role mailbox
    "Email customer.care@bigbank.co.uk.",
    "Send it to no-reply@shop.example.",              # role mailbox on an odd TLD
    "@AcmeHelp thanks for the follow!",              # a mention, not an address
    "Icons live at logo@2x.png in the bundle.",      # file name with a scale suffix
    "Your email j•••@gmail.com is verified.",
    "Your email j***@gmail.com is verified.",
    "Use the __email__ placeholder.",
    "Mail sent to jane@localhost today.",            # no TLD at all
    "See ceo@corp.internal for details.",            # not a real TLD
])
def test_company_and_look_alike_addresses_are_silent(text):
    assert emails(text) == []


def test_allow_lists_from_config():
    text = "Escalated to sam.lee@acme.com and jane@gmail.com."
    assert emails(text, allow_domains=["acme.com"]) == ["jane@gmail.com"]
    assert emails(text, allow_emails=["Jane@Gmail.com"]) == ["sam.lee@acme.com"]
    assert emails("Ask bo@eu.acme.com.", allow_domains=["@acme.com"]) == []


def test_masked_form_keeps_first_letter_and_domain():
    (m,) = find_emails("We emailed jane.doe@gmail.com.")
    assert m.masked == "email j•••@gmail.com"
    assert emails(f"We emailed {m.replacement}.") == []


def test_tld_check():
    assert tld_ok("com") and tld_ok("uk") and tld_ok("io")
    assert not tld_ok("png") and not tld_ok("internal")
