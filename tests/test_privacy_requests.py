"""RL802/RL803 request detection: request verb + sensitive noun, per sentence."""
import pytest

from replylint.privacy.requests import find_data_requests


def requests(text):
    return [(r.kind, text[r.start:r.end], r.private_cue) for r in find_data_requests(text)]


@pytest.mark.parametrize("text, kind, span", [
    ("Please reply with your account number and we will check.", "public", "reply with your account number"),
    ("What's your date of birth?", "public", "What's your date of birth"),
    ("Could you post your full card number here?", "public", "post your full card number"),
    ("Tell us your home address so we can check.", "public", "Tell us your home address"),
    ("May we have the passenger name and DOB to proceed?", "public", "May we have the passenger name and DOB"),
    ("Please confirm your email address.", "public", "confirm your email address"),
    ("Tell us your CVV so we can verify.", "secret", "Tell us your CVV"),
    ("Please send us the one-time code we texted.", "secret", "send us the one-time code"),
    ("What is your password?", "secret", "What is your password"),
])
def test_public_requests_are_found(text, kind, span):
    assert requests(text) == [(kind, span, False)]


@pytest.mark.parametrize("text", [
    "Can you DM us your account number?",
    "Please send us a private message with your phone number.",
    "Send your date of birth through our secure form.",
    "Please send us your postcode and account number. DM us!",   # cue in the next sentence
])
def test_private_cue_is_reported(text):
    (request,) = find_data_requests(text)
    assert request.private_cue


@pytest.mark.parametrize("text", [
    "We will never ask for your PIN.",
    "Please don't share your card details here.",
    "No PIN or account numbers please.",
    "Never share your password with anyone.",
    "Please DM us your account type (no account numbers or PINs).",
    "We will send you a new PIN by post.",
    "We have confirmed your address.",
    "Please reply to our email.",
    "Post your order number here.",
    "Could you confirm the last 4 digits of your card number?",
    "Let us know which password you changed.",
    "What's going on with your password?",
    "DM us if you have trouble with your password.",
    "We suggest deleting your last post as it contains your email address.",
    "Please confirm your new password in the app.",
    "Please send it to your email address.",
    "Please share your feedback with us.",
])
def test_safety_notices_and_look_alikes_never_fire(text):
    assert requests(text) == []


def test_one_request_per_sentence_with_given_sentences():
    text = "Reply with your PIN. Then send your sort code."
    found = find_data_requests(text, [(0, 20), (21, len(text))])
    assert [(r.kind, r.noun) for r in found] == [("secret", "pin"), ("public", "sort code")]


def test_a_sentence_can_ask_for_public_data_and_a_secret():
    text = "Please reply with your account number and tell us your CVV."
    assert requests(text) == [("public", "reply with your account number", False),
                              ("secret", "tell us your CVV", False)]


def test_an_indian_pin_code_with_an_address_is_a_postcode_not_a_secret():
    assert find_data_requests("Kindly share with us the exact address of the store with pin code.") == []
    assert [r.kind for r in find_data_requests("Please share your address and your pin code.")] == ["public"]
    assert [r.kind for r in find_data_requests("Kindly share your PIN code.")] == ["secret"]


def test_a_link_is_a_private_channel():
    (request,) = find_data_requests("Can you send us your card number via the link below?")
    assert request.private_cue
    (request,) = find_data_requests("Follow the link and drop us your email address.")
    assert request.private_cue
