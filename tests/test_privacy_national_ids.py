"""US SSN allocation rules and UK NINO prefix rules."""
import pytest

from replylint.privacy.national_ids import find_ninos, find_ssns, ssn_ok


def ids(text):
    return [(m.kind, text[m.start:m.end]) for m in find_ssns(text) + find_ninos(text)]


@pytest.mark.parametrize("text, value", [
    ("SSN on file: 123-45-6780.", "123-45-6780"),
    ("Her social security number is 219 09 9998.", "219 09 9998"),
    ("ssn: 219099998", "219099998"),
])
def test_ssns_are_found(text, value):
    assert ids(text) == [("ssn", value)]


@pytest.mark.parametrize("text", [
    "SSN 000-12-3456 is invalid.",       # area 000
    "SSN 666-12-3456 is invalid.",       # area 666
    "SSN 912-34-5678 is invalid.",       # area 9xx (ITIN range)
    "SSN 123-00-4567 is invalid.",       # group 00
    "SSN 123-45-0000 is invalid.",       # serial 0000
    "SSN 078-05-1120 was the wallet card.",  # publicised, never issued to a person
    "Call 212-555-0123 today.",          # phone shape 3-3-4
    "Case 123-45-6780 is closed.",       # labelled reference
    "Order 219099998 shipped.",          # nine bare digits without an SSN label
    "Your SSN ending 6780 is verified.",
])
def test_ssn_look_alikes(text):
    assert ids(text) == []


@pytest.mark.parametrize("nino", ["AB 12 34 56 C", "AB123456C", "JG103759A"])
def test_ninos_are_found(nino):
    assert ids(f"Your NI number is {nino}.") == [("nino", nino)]


@pytest.mark.parametrize("text", [
    "NI number QQ123456C.",     # Q is never used
    "NI number DA123456C.",     # D is never a first letter
    "NI number AO123456C.",     # O is never a second letter
    "NI number GB123456A.",     # reserved prefix
    "NI number AB123456E.",     # suffix must be A-D
    "SKU AB123456C is back in stock.",
])
def test_nino_look_alikes(text):
    assert ids(text) == []


def test_ssn_rules():
    assert ssn_ok("123", "45", "6780")
    assert not ssn_ok("900", "45", "6780")
