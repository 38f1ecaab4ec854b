"""Segmentation: what is the agent's own text, and what is not linted."""
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.segment import segment_reply


def kinds(text):
    return [(s.kind, text[s.start:s.end]) for s in segment_reply(text)]


def test_greeting_body_and_signoff():
    text = "Hello Diane,\nYour refund is done.\n\nKind regards,\nPriya"
    got = kinds(text)
    assert ("greeting", "Hello Diane") in got
    assert ("signoff", "Kind regards,\nPriya") in got


def test_tweet_signoffs_and_trailers():
    assert ("signoff", "^SG") in kinds("@12345 Sorry about that! ^SG")
    assert ("signoff", "/LS") in kinds("Thanks for the info /LS 1/2")
    assert ("signoff", "-Anwar") in kinds("We're on it. -Anwar https://t.co/abc")
    assert ("signoff", "Sam from the Care team") in kinds("All done. Sam from the Care team")


def test_thanks_alone_is_not_a_signoff():
    assert all(k != "signoff" for k, _ in kinds("Your order has shipped. Thanks"))


def test_quoted_email_text_is_its_own_region():
    text = "Hi Bob,\nDone.\n\nOn Tue, 3 Oct 2023, Bob <bob@example.com> wrote:\n> I'm sorry you feel that"
    got = kinds(text)
    assert got[-1][0] in ("quoted", "email") and any(k == "quoted" for k, _ in got)
    quoted = next(t for k, t in got if k == "quoted")
    assert quoted.startswith("On Tue") and quoted.endswith("sorry you feel that")


def test_quoted_text_is_not_linted(linter):
    text = "Hi Bob,\nAll fixed now.\n\n> I'm sorry you feel that way, said nobody\n"
    assert not [f for f in linter.check(text).findings if f.code == "RL101"]


def test_urls_emails_and_mentions_are_inline_spans():
    text = "@acme_help see https://example.com/{id} or mail help@example.com"
    got = kinds(text)
    assert ("mention", "@acme_help") in got
    assert ("url", "https://example.com/{id}") in got
    assert ("email", "help@example.com") in got
    assert ("mention", "@example") not in got


def test_segments_cover_the_text_in_order():
    text = "Hi Jo! Thanks for waiting. -Sam"
    regions = [s for s in segment_reply(text) if s.kind in ("greeting", "body", "signoff", "quoted")]
    assert regions[0].start == 0 and regions[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(regions, regions[1:]))


# ---------------------------------------------------------------- sign-off search
# Each sign-off pattern is tried only where it can start (segment._signoff_match); that
# must find exactly what a plain search of the last characters finds.
_SIGNOFF_PIECES = ["Thanks", "thank you", "Many thanks", "Best regards", "best", "Cheers", "ty", "Ty",
                   "city", "all the best", "Regds", "merci", "Sam", "Priya Patel", "O'Neil", "Jo-Ann",
                   "Ann-Marie.", "^JD", "^ jd", "*AFC", "~AT", "- Anwar", "\u2013 Sam Lee", "/LS", "-",
                   "from", "at", "with", "@", "the Care team", "Acme Support", "we", "Someone", "will",
                   ",", ".", "!", "?", ")", ":)", " ", "  ", "\n", "\t", "\u017f", "\u0130", "\u212a",
                   "Zo\u00eb", "\u00c9lise", "\u65e5\u672c", "x" * 30, "A" + "b" * 26, "B" + "c" * 24,
                   "C" + "d" * 23, "1/2"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SIGNOFF_PIECES), min_size=1, max_size=16),
       st.sampled_from(["", " ", "\n"]), st.integers(min_value=0, max_value=40))
def test_signoff_search_only_where_a_pattern_can_start(pieces, joiner, cut):
    from replylint.matchers import folded
    from replylint.segment import _SIGNOFF_PATTERNS, _signoff_match

    text = (joiner or " ").join(pieces).rstrip()
    if not text:
        return
    window_start, stop = min(cut, len(text) - 1), len(text)
    window = folded(text[window_start:stop])
    for i, pattern in enumerate(_SIGNOFF_PATTERNS):
        expected = pattern.search(text, window_start, stop)
        found = _signoff_match(i, text, window_start, stop, window)
        assert (found and found.span()) == (expected and expected.span()), (i, text, window_start)
