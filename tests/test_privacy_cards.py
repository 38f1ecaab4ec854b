"""Payment cards: issuer prefix + length + Luhn, grouping, and the look-alikes."""
import pytest

from replylint.privacy.cards import find_cards, grouping_ok, issuer_of, luhn_ok


def with_check_digit(body: str) -> str:
    """Append the Luhn check digit, to build valid-Luhn look-alikes."""
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


def spans(text):
    return [(text[m.start:m.end], m.validation) for m in find_cards(text)]


@pytest.mark.parametrize("number, issuer", [
    ("4111 1111 1111 1111", "Visa"),
    ("4012-8888-8888-1881", "Visa"),
    ("5555555555554444", "Mastercard"),
    ("2223 0031 2200 3222", "Mastercard"),     # 2-series BIN
    ("3782 822463 10005", "American Express"),  # 4-6-5 grouping
    ("6011 1111 1111 1117", "Discover"),
    ("3056 930902 5904", "Diners Club"),
    ("3530 1113 3330 0000", "JCB"),
    ("6759 6498 2643 8453", "Maestro"),
])
def test_valid_cards_are_found_with_their_issuer(number, issuer):
    text = f"The card {number} was charged twice."
    assert spans(text) == [(number, f"Luhn + {issuer} prefix")]


def test_masked_form_names_only_the_last_four_digits():
    (match,) = find_cards("Card 4242 4242 4242 4242 is active.")
    assert match.masked == "card ending 4242"
    assert match.replacement == "•••• 4242"
    assert find_cards(f"Card {match.replacement} is active.") == []


@pytest.mark.parametrize("text", [
    "Card 4111 1111 1111 1112 declined.",            # Luhn fails
    f"Ref {with_check_digit('123456781234567')} noted.",  # Luhn ok, no issuer starts with 1
    f"Card {with_check_digit('272100000000000')} declined.",  # just above Mastercard 2720
    f"Card {with_check_digit('222000000000000')} declined.",  # just below Mastercard 2221
    "Your order 4111111111111111 has shipped.",      # valid card digits labelled as an order
    "Tracking number: 4111 1111 1111 1111",
    "IMEI 490154203237518 is registered.",           # 15 digits, Luhn-valid, no issuer of that length
    "Card 4111 1111-1111 1111 declined.",            # mixed separators
    "Card 41111 11111 11111 1 declined.",            # groups of five are not card printing
    "Your card ending 4242 was refunded.",
    "Card •••• •••• •••• 4242 was refunded.",
    "Last four digits 4242, expiry 12/27.",
    "Use __credit_card__ placeholders in templates.",
    "Order total $4111.11 confirmed.",
    "Serial 4444444444444444 is on the box.",        # one repeated digit
])
def test_look_alikes_are_not_cards(text):
    assert spans(text) == []


def test_grouping_rules():
    assert grouping_ok("4111111111111111")
    assert grouping_ok("4111 1111 1111 1111")
    assert grouping_ok("3782-822463-10005")
    assert not grouping_ok("41 11 11 11 11 11 11 11")
    assert not grouping_ok("4111-1111 1111 1111")


def test_issuer_table_respects_lengths():
    assert issuer_of("4222222222222") == "Visa"           # 13-digit Visa
    assert issuer_of("378282246310005") == "American Express"
    assert issuer_of("3782822463100051") is None          # Amex is never 16 digits
