"""Channel fit beyond the rule examples: how length is counted, options, non-English text."""
import replylint
from replylint.checks.channel import reading_ease, sms_segments, syllables, twitter_length


def codes(linter, text, **context):
    return [f.code for f in linter.check(text, context or None).findings]


def test_twitter_length_skips_opening_mentions_and_counts_links_as_23():
    assert twitter_length("@a @b Hello")[0] == 5
    link = "https://example.com/" + "x" * 100
    assert twitter_length(f"See {link} now")[0] == 4 + 23 + 4


def test_twitter_length_does_not_count_a_link_that_ends_the_tweet():
    assert twitter_length("Here it is https://t.co/abc")[0] == len("Here it is")


def test_sms_segments_gsm_and_unicode():
    assert sms_segments("a" * 160) == (1, 160, 160)
    assert sms_segments("a" * 161)[0] == 2            # 153 per part
    assert sms_segments("a" * 459)[0] == 3
    assert sms_segments("a" * 460)[0] == 4
    assert sms_segments("📦" + "a" * 68)[:2] == (1, 70)  # the emoji takes two UCS-2 units
    assert sms_segments("€" * 80)[2] == 160             # GSM extension characters count twice


def test_sms_segments_count_a_lone_surrogate_as_one_unit():
    # Regression: a lone surrogate made the UTF-16 encoding raise UnicodeEncodeError.
    assert sms_segments("\ud800") == (1, 70, 1)
    assert sms_segments("a\udfff" * 40)[2] == 80
    assert replylint.check("\ud800", channel="sms").errors == ()


def test_twitter_limit_is_an_option():
    text = "Your order left the warehouse this morning and arrives on Thursday."
    strict = replylint.Linter(replylint.Config(select=["RL901"], options={"RL901": {"twitter-limit": 40}}))
    assert codes(strict, text, channel="twitter") == ["RL901"]
    assert codes(strict, text, channel="twitter", public=False) == []
    assert codes(strict, text, channel="chat") == []


def test_sms_segment_limit_is_an_option():
    text = "Your parcel is on its way. " * 8
    linter = replylint.Linter(replylint.Config(select=["RL901"], options={"RL901": {"sms-max-segments": 1}}))
    assert codes(linter, text, channel="sms") == ["RL901"]


def test_syllables_and_reading_ease():
    assert syllables("cat") == 1 and syllables("make") == 1 and syllables("table") == 2
    plain = "We sent it. It comes on Monday. Call us if not.".split()
    hard = "Reimbursement eligibility determination necessitates documentation.".split()
    assert reading_ease(plain, 3) > 80 > reading_ease(hard, 1)


def test_sentence_length_is_an_option():
    text = "I have checked the order and it left our warehouse this morning."
    linter = replylint.Linter(replylint.Config(select=["RL902"], options={"RL902": {"max-sentence-words": 8}}))
    assert codes(linter, text) == ["RL902"]


def test_reading_ease_is_not_applied_to_other_languages():
    text = ("Hola, te recordamos que este es un medio público y no es recomendable adjuntar "
            "información sensible. Por favor, modifica o borra los comentarios que incluyan este "
            "tipo de información, y escríbenos por mensaje privado con tu número de pedido.")
    linter = replylint.Linter(replylint.Config(select=["RL902"]))
    assert codes(linter, text) == []
