"""IBAN (length + mod-97) and account/sort code/routing numbers next to their labels."""
import pytest

from replylint.privacy.bank import aba_ok, find_bank_numbers, find_ibans, iban_ok


def found(text):
    return [(m.kind, text[m.start:m.end]) for m in find_ibans(text) + find_bank_numbers(text)]


@pytest.mark.parametrize("iban", [
    "GB82 WEST 1234 5698 7654 32",
    "GB82WEST12345698765432",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
])
def test_valid_ibans_are_found(iban):
    assert found(f"Transfer to {iban} today.") == [("iban", iban)]


@pytest.mark.parametrize("text", [
    "Transfer to GB82 WEST 1234 5698 7654 33 today.",   # mod-97 fails
    "Transfer to GB82 WEST 1234 5698 7654 today.",      # too short for GB
    "Transfer to XX82 WEST 1234 5698 7654 32 today.",   # no such country
    "Part number DE89 ABCD EFGH IJKL is in stock.",
])
def test_iban_look_alikes(text):
    assert found(text) == []


def test_iban_is_masked_to_last_four():
    (m,) = find_ibans("Pay GB82 WEST 1234 5698 7654 32.")
    assert m.masked == "IBAN ending 5432"


def test_sort_code_and_account_number_are_found_together():
    text = "Your sort code 12-34-56 and account number 12345678 are on file."
    assert found(text) == [("sort_code", "12-34-56"), ("bank_account", "12345678")]


def test_account_number_needs_a_banking_context():
    assert found("Your account number is 12345678.") == []
    assert found("Your bank account number is 12345678.") == [("bank_account", "12345678")]
    assert found("Your account number 12345678 for direct debit.") == [("bank_account", "12345678")]


def test_routing_number_needs_label_and_checksum():
    assert found("Routing number 021000021, checking account 123456789.") == [
        ("routing_number", "021000021"), ("bank_account", "123456789")]
    assert found("Routing number 123456789.") == []        # checksum fails
    assert found("Order 021000021 shipped.") == []         # no routing label


@pytest.mark.parametrize("text", [
    "Your account ending 5678 is linked to your bank.",
    "Sort code ending 56.",
    "Your bank account •••• 5678 is verified.",
])
def test_masked_bank_details_do_not_fire(text):
    assert found(text) == []


def test_checksums():
    assert iban_ok("GB82WEST12345698765432")
    assert not iban_ok("GB82WEST12345698765433")
    assert aba_ok("021000021")
    assert not aba_ok("991000021")    # 99 is not a Federal Reserve routing symbol


def test_linking_words_between_label_and_value():
    assert found("The sort code we hold is 12-34-56, is that right?") == [("sort_code", "12-34-56")]
    assert found("Your bank account has been credited with 250000 points.") == []
