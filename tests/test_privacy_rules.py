"""RL801-RL803 through the engine: severity by channel, config, masking in outputs, fixes."""
import json

import pytest

import replylint
from replylint.severity import Applicability, Severity

CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def privacy_linter():
    return replylint.Linter(replylint.Config(select=["RL8"]))


def codes(report):
    return [(f.code, f.severity) for f in report.findings]


def test_exposed_data_is_an_error_in_public_and_a_warning_in_private(privacy_linter):
    text = f"Your card {CARD} is blocked."
    assert codes(privacy_linter.check(text, channel="twitter")) == [("RL801", Severity.ERROR)]
    assert codes(privacy_linter.check(text, channel="email")) == [("RL801", Severity.WARNING)]
    assert codes(privacy_linter.check(text, channel="chat", public=True)) == [("RL801", Severity.ERROR)]


def test_the_value_never_appears_in_any_output(privacy_linter):
    report = privacy_linter.check(f"Your card {CARD} is blocked, we'll call you on 07911 123456.",
                                  channel="twitter")
    dumped = json.dumps(report.to_dict())
    assert CARD not in dumped and "07911 123456" not in dumped
    card = report.findings[0]
    assert card.text == CARD                       # offsets still locate the raw value
    assert card.display_text == "card ending 1111"
    assert "card ending 1111" in card.message and "Luhn + Visa prefix" in card.message
    assert card.applicability is Applicability.SAFE


def test_safe_fix_masks_every_value_in_place(privacy_linter):
    text = f"Card {CARD}, email jane.doe@gmail.com, PIN is 4821."
    fixed = privacy_linter.fix(text, channel="email")
    assert fixed.text == "Card •••• 1111, email j•••@gmail.com, PIN is ••••."
    assert [e.code for e in fixed.edits] == ["RL801", "RL801", "RL801"]
    assert privacy_linter.check(fixed.text, channel="email").findings == ()


def test_company_contacts_from_config_are_allowed():
    linter = replylint.Linter(replylint.Config(
        select=["RL801"], allow_phones=["+1 212 736 5000"], allow_domains=["acme.com"]))
    report = linter.check("Reach Sam at sam.lee@acme.com or on (212) 736-5000.", channel="twitter")
    assert report.findings == ()


def test_phone_regions_from_config():
    text = "We'll call you back on 06 12 34 56 78."
    assert replylint.Linter(replylint.Config(select=["RL801"])).check(text).findings == ()
    french = replylint.Linter(replylint.Config(select=["RL801"], phone_regions=["FR"]))
    assert [f.display_text for f in french.check(text).findings] == ["phone ending 5678"]


def test_public_request_only_on_public_channels_and_never_by_dm(privacy_linter):
    ask = "Please reply with your account number."
    assert codes(privacy_linter.check(ask, channel="twitter")) == [("RL802", Severity.ERROR)]
    assert privacy_linter.check(ask, channel="email").findings == ()
    assert privacy_linter.check("Please DM us your account number.", channel="twitter").findings == ()


def test_secret_request_fires_on_every_channel_even_by_dm(privacy_linter):
    for channel in ("twitter", "email", "chat"):
        report = privacy_linter.check("Please DM us your password.", channel=channel)
        assert codes(report) == [("RL803", Severity.ERROR)]


def test_customer_data_in_quoted_text_is_not_the_agents(privacy_linter):
    text = ("Thanks, we've blocked it.\n\nOn Tue, 3 Dec 2024, Jane wrote:\n"
            f"> my card is {CARD}")
    assert privacy_linter.check(text, channel="email").findings == ()
