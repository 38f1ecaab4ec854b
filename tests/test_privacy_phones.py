"""Phone numbers through phonenumbers; company lines and look-alikes stay silent."""
import pytest

from replylint.privacy.phones import find_phones


def numbers(text, **kwargs):
    return [text[m.start:m.end] for m in find_phones(text, **kwargs)]


@pytest.mark.parametrize("text, number", [
    ("We will call you on 07911 123456 tomorrow.", "07911 123456"),
    ("Her number is (212) 736-5000.", "(212) 736-5000"),
    ("Is 07911 123456 still your number?", "07911 123456"),
    ("Your mobile 07911123456 is on the account.", "07911123456"),
    ("We texted +33 6 12 34 56 78 this morning.", "+33 6 12 34 56 78"),  # any region with +
    ("We tried calling you at 415.555.2671 twice.", "415.555.2671"),
])
def test_customer_numbers_are_found(text, number):
    assert numbers(text) == [number]


@pytest.mark.parametrize("text", [
    "Call us free on 0800 123 4567.",
    "Ring 1-800-555-0199 any time.",
    "Our line is 1 (888) 555-0100.",
    "Please call 0345 300 0000 for billing.",
    "Phone 0330 123 4567 (local rate).",
    "Give us a call at +44 20 7946 0018 (8am-6pm).",
    "You may contact our call centre at +66 2 515 9999.",
    "The branch phone is (242) 367-2420.",
    "Your order 4155552671 has shipped.",           # valid US digits labelled as an order
    "Ticket 07911123456 is closed.",
    "Total: $4155552671.",
    "Update to version 10.2.3.4567 please.",
    "It arrives on 2024-10-12 at 12:30.",
    "Your phone ending 3456 is verified.",
    "Reference 4155552671 noted.",
    "We refunded 4155552671 points.",               # bare digits without any phone word
    "Call 07700 900123 now.",                        # Ofcom drama range: not a real number
])
def test_company_lines_and_look_alikes_are_not_customer_numbers(text):
    assert numbers(text) == []


def test_configured_company_numbers_are_allowed_in_any_format():
    text = "Her number is (212) 736-5000."
    assert numbers(text, allow_phones=["+1 212 736 5000"]) == []
    assert numbers(text, allow_phones=["212-736-5001"]) == ["(212) 736-5000"]


def test_regions_come_from_config():
    text = "Your mobile 0612345678 is saved."
    assert numbers(text) == []                          # not valid in US or GB
    assert numbers(text, regions=("FR",)) == ["0612345678"]


def test_masked_to_last_four():
    (m,) = find_phones("We will call you on 07911 123456.")
    assert (m.masked, m.replacement) == ("phone ending 3456", "•••• 3456")
    assert "GB" in m.validation


def test_the_tail_of_a_long_reference_is_not_a_phone_number():
    assert numbers("Tracking number 3522 0834 7967 8165 3062 58 shows it out for delivery.") == []


def test_a_third_partys_number_is_not_the_customers():
    assert numbers("Please ring the hotel first, their number is 01723 500693.") == []
