"""Secrets are values next to their keyword: PIN, password, one-time code, CVV."""
import pytest

from replylint.privacy.secrets import find_secrets, password_like


def secrets(text):
    return [text[m.start:m.end] for m in find_secrets(text)]


@pytest.mark.parametrize("text, value", [
    ("Your PIN is 4821.", "4821"),
    ("Your new PIN: 0392", "0392"),
    ("Your temporary password is Xk29#pl7.", "Xk29#pl7"),
    ("Password: hunter22", "hunter22"),
    ("Your password has been reset to Summer2024!", "Summer2024"),
    ("Verification code 482913 expires soon.", "482913"),
    ("Your one-time passcode is 559120, ok?", "559120"),
    ("The CVV 123 matched.", "123"),
    ("OTP = 7730", "7730"),
])
def test_secret_values_are_found(text, value):
    assert secrets(text) == [value]


@pytest.mark.parametrize("text", [
    "We will never ask for your PIN.",
    "Your password must be 8-characters long.",
    "Your PIN is 4 digits.",
    "Use code SAVE20 for 20% off.",
    "Discount code 1234 applied.",
    "Enter the 3-digit CVV on the back.",
    "Please pin it to the top of the page.",
    "A password reset link is on its way.",
    "Reset your password at https://example.com/reset.",
    "Your PIN ending 21 was changed.",
    "Your PIN is ••••.",
    "Your confirmation code 4821 is in the email.",   # a booking reference, not a secret
])
def test_mentions_without_a_secret_value_are_silent(text):
    assert secrets(text) == []


def test_secret_is_fully_hidden():
    (m,) = find_secrets("Your PIN is 4821.")
    assert "4821" not in m.masked and "4821" not in m.replacement
    assert m.masked == "PIN value (hidden)"


def test_password_shapes():
    assert password_like("hunter22")
    assert password_like("CorrectHorse!")
    assert not password_like("reset")
    assert not password_like("self-service")


def test_a_word_ending_the_sentence_is_not_a_password():
    assert secrets("It can also be that the password was changed.^JS") == []
