"""Tone checks beyond the rule examples: options, sign-offs, and where sentiment is read."""
import replylint


def codes(linter, text, **context):
    return [(f.code, f.text) for f in linter.check(text, context or None).findings]


def test_shouting_allow_option_silences_a_product_name():
    text = "Your FREEDOM plan renews today, FREEDOM is our best plan."
    plain = replylint.Linter(replylint.Config(select=["RL504"]))
    assert ("RL504", "FREEDOM") in codes(plain, text)
    allowed = replylint.Linter(replylint.Config(select=["RL504"], options={"RL504": {"allow": ["Freedom"]}}))
    assert codes(allowed, text) == []


def test_shouting_merges_a_run_of_capitals_into_one_finding():
    linter = replylint.Linter(replylint.Config(select=["RL504"]))
    assert codes(linter, "PLEASE DO NOT reply to this.") == [("RL504", "PLEASE DO NOT")]


def test_shouting_ignores_initials_in_the_signoff():
    linter = replylint.Linter(replylint.Config(select=["RL504"]))
    assert codes(linter, "All sorted, enjoy the new card. -ANN") == []


def test_negative_tone_names_only_the_hostile_sentence():
    linter = replylint.Linter(replylint.Config(select=["RL503"]))
    text = "Your demand is absurd. The price is the same for everyone. What a stupid question."
    got = [t for _, t in codes(linter, text)]
    assert got == ["Your demand is absurd.", "What a stupid question."]


def test_negative_tone_thresholds_are_options():
    text = "Your demand is absurd. We won't change the price."
    strict = replylint.Linter(replylint.Config(
        select=["RL503"], options={"RL503": {"sentence-threshold": -0.9, "reply-threshold": -0.9}}))
    assert codes(strict, text) == []


def test_bad_news_stated_kindly_is_not_negative_tone():
    linter = replylint.Linter(replylint.Config(select=["RL503"]))
    text = "I'm so sorry, the flight is cancelled. It's a terrible start to a trip, and I've rebooked you."
    assert codes(linter, text) == []
