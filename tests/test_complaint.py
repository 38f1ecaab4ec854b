"""The inbound complaint detector: markers, polarity, and what is NOT a complaint."""
import pytest

from replylint import complaint


@pytest.mark.parametrize("text", [
    "I'm still waiting for my refund, this is the third time I've asked.",
    "Worst customer service ever.",
    "My order never arrived and nobody answers.",
    "The app doesn't work since the update.",
    "You charged me twice for one ticket!",
    "My flight was cancelled and no one has replied.",
    "I'm going to cancel my contract.",
    "Where is my refund?",
    "Honestly fed up with this.",
])
def test_marker_wording_is_a_complaint(text):
    assert complaint.complaint_markers(text)
    assert complaint.is_complaint(text)


@pytest.mark.parametrize("text", [
    "How do I cancel a pre-order?",
    "Can I get a refund for an unused ticket?",
    "What time does the Leeds store open on Sunday?",
    "Thanks, that worked!",
    "Sorry, typo: I meant the 9:15 train.",
    "Android 7.0, is that what you mean?",
    "What does 'receipt required' mean when I check in?",
    "Is the new game out on Friday?",
    "",
    None,
])
def test_questions_thanks_and_own_apologies_are_not_complaints(text):
    assert not complaint.is_complaint(text)


def test_negative_wording_without_a_marker_counts_by_polarity():
    text = "Your support is awful and slow, what a sad mess"
    assert complaint.polarity(text) <= complaint.NEGATIVE_POLARITY
    assert complaint.is_complaint("Your app is so bad and the new design is ugly")


def test_the_customer_saying_sorry_does_not_make_it_negative():
    text = "So sorry, I was out. Here is the order number"
    assert complaint.polarity(text) < 0  # TextBlob alone reads it as negative
    assert not complaint.is_complaint(text)


def test_threshold_can_be_tightened():
    text = "Your app is so bad and the new design is ugly"
    assert complaint.is_complaint(text)
    assert not complaint.is_complaint(text, threshold=-0.99)


def test_markers_are_reported_lower_cased():
    assert complaint.complaint_markers("STILL WAITING. For the third time.") == [
        "still waiting", "for the third time"]


def test_textblob_is_not_imported_without_an_inbound_message():
    import subprocess
    import sys

    code = ("import sys, replylint\nfrom replylint import complaint\n"
            "complaint.is_complaint(None); complaint.complaint_markers('x')\n"
            "assert not any(m.startswith('textblob') for m in sys.modules), 'textblob imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("text, upset", [
    ("Still waiting for my refund!", True),
    ("Worst service ever, fed up.", True),
    ("The app won't load on my phone.", False),   # a fault report, not frustration
    ("My parcel hasn't arrived yet.", False),
    ("My flight was cancelled, can I rebook?", False),
])
def test_upset_is_stricter_than_complaint(text, upset):
    assert complaint.is_complaint(text)
    assert complaint.is_upset(text) is upset


def _severity(code, text, inbound=None):
    import replylint

    report = replylint.Linter(replylint.Config(select=[code])).check(text, inbound=inbound)
    return [f.severity.value for f in report.findings if f.code == code]


def test_a_sales_pitch_to_a_complaining_customer_is_an_error():
    pitch = "Your refund is done, and you can get 20% off your next order."
    assert _severity("RL301", pitch) == ["warning"]
    assert _severity("RL301", pitch, inbound="Still waiting for my refund, third time I've asked!") == ["error"]


def test_missing_acknowledgement_needs_an_upset_inbound():
    reply = "Please DM us your order number."
    assert _severity("RL104", reply) == []
    assert _severity("RL104", reply, inbound="What time do you open on Sunday?") == []
    assert _severity("RL104", reply, inbound="Still waiting for my parcel, this is ridiculous!") == ["warning"]


# ----------------------------------------------------------- split marker search
# is_complaint / is_upset ask "does any marker occur?" through one small regex per
# alternative, each behind the words it needs; that must answer as the one big regex.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from replylint.complaint import (COMPLAINT_MARKERS, FRUSTRATION_MARKERS,  # noqa: E402
                                 has_complaint_marker, has_frustration_marker)
from replylint.matchers import top_level_alternatives  # noqa: E402

_MARKER_PIECES = ["still", "waiting", "not", "no", "working", "for the", "third", "3rd", "time",
                  "today", "worst", "RUDE", "disappointed", "fed up", "sick of", "never again",
                  "rip-off", "scam", "not happy", "no one has", "responded", "hours on hold",
                  "wasted", "my", "refund", "gonna", "cancel", "switch to", "doesn't", "can't",
                  "won't", "load", "hasn't", "arrived", "been refunded", "keeps", "crashing",
                  "charged me twice", "double-charged", "lost my", "parcel", "order", "was",
                  "delayed", "is down", "outage", "stuck in", "complaint", "complained",
                  "Stranded", "it's", "the", "I've", "\u017f", "\u0130", "\u212a", "é", ",", ".",
                  "?", "!", "\n", "thanks", "please", "help"]


def test_a_pattern_cut_at_its_top_level_bars():
    assert top_level_alternatives(r"a|(?:b|c)|[|]|d\|e") == ["a", "(?:b|c)", "[|]", r"d\|e"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=12))
def test_split_marker_search_answers_as_the_whole_regex(pieces):
    text = " ".join(pieces)
    for variant in (text, text.upper(), text.replace(" ", "  ")):
        assert has_complaint_marker(variant) == bool(COMPLAINT_MARKERS.search(variant)), variant
        assert has_frustration_marker(variant) == bool(FRUSTRATION_MARKERS.search(variant)), variant
