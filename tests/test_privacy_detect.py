"""The entry point: triggers, overlaps, URLs, masking and speed."""
import subprocess
import sys
import time

from hypothesis import given, settings, strategies as st

from replylint.privacy import KIND_LABELS, KINDS, find_personal_data, resolve_overlaps
from replylint.privacy.matches import PiiMatch


def kinds(text, **kwargs):
    return [(m.kind, text[m.start:m.end]) for m in find_personal_data(text, **kwargs)]


def test_each_kind_has_a_label():
    assert set(KINDS) == set(KIND_LABELS)


def test_mixed_reply_finds_every_kind_in_order():
    text = ("Card 4111 1111 1111 1111, SSN 123-45-6780, we'll call you on 07911 123456 "
            "or email jane@gmail.com. Your PIN is 4821.")
    assert kinds(text) == [
        ("card", "4111 1111 1111 1111"), ("ssn", "123-45-6780"), ("phone", "07911 123456"),
        ("email", "jane@gmail.com"), ("secret", "4821"),
    ]


def test_config_is_passed_through():
    text = "Email jane@acme.com or call her on (212) 736-5000."
    assert kinds(text, allow_domains=["acme.com"], allow_phones=["2127365000"]) == []


def test_values_inside_urls_are_not_data():
    assert kinds("See https://shop.example.com/cards/4111111111111111 for the design.") == []


def test_overlaps_keep_the_stronger_kind():
    phone = PiiMatch("phone", 5, 20, "phone ending 1111", "x", "•")
    card = PiiMatch("card", 5, 24, "card ending 1111", "x", "•")
    email = PiiMatch("email", 30, 40, "email", "x", "•")
    assert resolve_overlaps([phone, email, card]) == [card, email]


def test_plain_replies_find_nothing():
    for text in ["@115712 Please send us a DM so we can help.",
                 "Sorry for the wait! Your order #12345678 ships on 12/03 for $49.99.",
                 "Update to iOS 17.1.2 and restart at 10:30.",
                 "Call us free on 0800 123 4567 or email support@acme.com."]:
        assert kinds(text) == []


def test_importing_privacy_does_not_import_spacy():
    code = "import replylint.privacy, sys; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fast_on_a_typical_reply():
    text = ("@115712 Sorry about that! Your order 48213 ships Friday. Please DM us your "
            "account number so we can check the refund of $12.50.")
    find_personal_data(text)
    runs = 2000
    start = time.perf_counter()
    for _ in range(runs):
        find_personal_data(text)
    per_reply = (time.perf_counter() - start) / runs
    assert per_reply < 0.0005  # 0.1 ms budget; 5x headroom for slow CI machines


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -+().@/:abcXYZ#•\n")), max_size=300))
def test_any_text_gives_ordered_non_overlapping_spans(text):
    matches = find_personal_data(text)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert m.kind in KINDS
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start


def test_long_digit_runs_stay_fast():
    text = "1 " * 5000 + "4" * 5000 + " a@" * 2000
    start = time.perf_counter()
    find_personal_data(text)
    assert time.perf_counter() - start < 2.0


def test_digits_inside_words_still_trigger_the_number_recognisers():
    assert kinds("Your NI number AB123456C is on the claim.") == [("nino", "AB123456C")]
    assert kinds("Refund to NL91ABNA0417164300 today.") == [("iban", "NL91ABNA0417164300")]
    assert kinds("@4821337 thanks for waiting!") == []   # digits in a handle are not data


def test_short_house_numbers_reach_the_address_recogniser():
    text = "The parcel was delivered to 14 Mill Lane, Leeds EC8 8RB at noon."
    assert kinds(text) == [("address", "14 Mill Lane, Leeds EC8 8RB")]
