"""The early exits of RL103, RL104, RL105, RL301 and RL702 never skip a finding.

Each of these check functions returns before running its regexes when the reply (its
``analysis.folded``) holds none of the words a finding needs. The words are read from
the checks' own patterns (matchers.required_literal_sets), so they cannot drift from
them; these tests hold that, and run every check with and without its gate (a reply
whose ``folded`` is None is never gated) on the rules' examples, hand-written replies
and generated ones, expecting the same hits. No test here measures time.
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import Config, Linter
from replylint.checks import apology, followup, sales
from replylint.matchers import folded, may_match_all, required_literal_sets
from replylint.model import Context
from replylint.rulefile import load_rule_packs

CODES = ("RL103", "RL104", "RL105", "RL301", "RL702")
_LINTER = Linter(Config())
_RULES = {code: _LINTER.rule(code) for code in CODES}
_CHECKS = {code: _LINTER._checks[code] for code in CODES}


def _hits(code, text, context, gated=True):
    analysis = _LINTER.analyse(text, context)
    if not gated:
        analysis.__dict__["folded"] = None  # cached_property: nothing is gated on None
    return list(_CHECKS[code](analysis, _RULES[code]))


def _ungated(code, text, context):
    """The check with every gate off: ``analysis.folded`` and the inbound's fold None."""
    original = followup.folded
    followup.folded = lambda text: None
    try:
        return _hits(code, text, context, gated=False)
    finally:
        followup.folded = original


def _same(text, context=None):
    context = context or Context()
    for code in CODES:
        assert _hits(code, text, context) == _ungated(code, text, context), (code, text, context)


# ------------------------------------------------------------------ the words
def test_the_gates_are_read_from_the_patterns():
    # RL103: the apology and the "but"/"however" of its pattern, then a retraction word
    gate = apology._RETRACTION_GATE
    assert gate and all(gate)
    groups = required_literal_sets(apology._retraction_pattern(0)) + required_literal_sets(apology._RETRACTION)
    assert gate == tuple(apology._fewer_words(g) for g in groups)
    assert ("but", "however") in gate
    # RL105: the apology words, counted
    assert apology._APOLOGY_COUNT_WORDS == apology._counting_words(required_literal_sets(apology._APOLOGY_WORD))
    assert set(apology._APOLOGY_COUNT_WORDS) == {"apolog", "regret", "sorry"}
    # RL301: one gate per alternative of each pattern, and the patterns are those alternatives
    assert sales._OFFER.pattern == r"\b(?:" + "|".join(sales._OFFER_ALTERNATIVES) + ")"
    assert sales._PITCH.pattern == r"\b(?:" + "|".join(sales._PITCH_ALTERNATIVES) + r")\b"
    for alternatives, gates in ((sales._OFFER_ALTERNATIVES, sales._OFFER_GATES),
                                (sales._PITCH_ALTERNATIVES, sales._PITCH_GATES)):
        assert len(gates) == len(alternatives)
        for alternative, groups in zip(alternatives, gates):
            assert set(groups) == set(required_literal_sets(regex.compile(alternative, regex.IGNORECASE)))
    assert sales._CALL_TO_ACTION_GATE == required_literal_sets(sales._CALL_TO_ACTION)
    # every alternative's first group has a word the screen looks for (or holds one of them)
    for groups in sales._OFFER_GATES + sales._PITCH_GATES:
        assert all(any(s in w for s in sales._SCREEN) for w in groups[0])
    # RL702: the courtesy words, cut at the spaces blanking may put in
    assert followup._COURTESY_GATE == followup._piece_groups(required_literal_sets(followup._COURTESY))
    assert followup._QUESTION_GATE == required_literal_sets(followup._QUESTION)


def test_the_gates_do_gate():
    plain = folded("Thanks Sam, your parcel left the depot at 9am and arrives tomorrow.")
    assert not may_match_all(apology._RETRACTION_GATE, plain)
    assert sum(plain.count(w) for w in apology._APOLOGY_COUNT_WORDS) == 0
    assert not sales.may_pitch(folded("Your parcel left the depot and arrives tomorrow."))
    assert not may_match_all(followup._COURTESY_GATE, folded("Your parcel left the depot."))
    assert not may_match_all(followup._QUESTION_GATE, folded("My parcel is late again!"))
    # and never on a text they cannot trust
    assert sales.may_pitch(None) and may_match_all(apology._RETRACTION_GATE, None)


def test_max_gap_changes_no_required_word():
    base = required_literal_sets(apology._retraction_pattern(0))
    for gap in (1, 2, 5, 17, 40, 70, 200, 1000):
        assert required_literal_sets(apology._retraction_pattern(gap)) == base


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aeilopsgyzrt ", min_size=1, max_size=8), min_size=1, max_size=6),
       st.text(alphabet="aeilopsgyzrt .", max_size=60))
def test_fewer_words_never_lose_a_word(group, text):
    fewer = apology._fewer_words(tuple(group))
    if any(w in text for w in group):
        assert any(w in text for w in fewer)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["sorry", "SORRY", "apology", "apologies", "Apologised", "regret",
                                 "regretted", "sorrys", "apolog", "not", "no need to", " ", ", ",
                                 ". ", "x", "\u017f", "\u0130"]), max_size=16))
def test_apology_count_bounds_the_matches(pieces):
    text = "".join(pieces)
    lower = folded(text)
    if lower is not None:
        most = sum(lower.count(w) for w in apology._APOLOGY_COUNT_WORDS)
        assert len(list(apology._APOLOGY_WORD.finditer(text))) <= most


def test_self_overlap():
    assert apology._self_overlaps("aa") and apology._self_overlaps("abcab")
    assert not apology._self_overlaps("sorry") and not apology._self_overlaps("apolog")
    assert apology._counting_words((("aa", "sorry"),)) is None
    assert apology._counting_words((("sorry",), ("but",))) is None


def test_pieces_survive_blanking():
    assert followup._piece_groups((("hear that", "thank"),)) == (("hear", "thank"),)
    assert followup._piece_groups(None) is None
    # a blanked mention between two words is a space in the text the check reads
    _same("Sorry to hear@x that.", Context(inbound="Why is my order late?"))


# ------------------------------------------------------------- same hits
_RULE_EXAMPLES = [(e.text, e.context) for r in load_rule_packs() for e in r.examples_fail + r.examples_pass]


def test_every_rule_example_gated_and_not():
    for text, context in _RULE_EXAMPLES:
        _same(text, context)
        _same(text.upper(), context)
        _same(text.lower(), context)


_COMPLAINT = "Still waiting for my refund, third time I've asked! Worst service ever."
_QUESTION = "Why was I charged twice this month?"

_HAND = [
    ("I'm so sorry, but our policy does not allow refunds after 30 days.", _COMPLAINT),
    ("We apologise for this, however you should have checked the size guide.", None),
    ("Sorry Sam but as previously advised the ticket is non-refundable.", _QUESTION),
    ("SORRY, BUT WE CAN'T REFUND THAT.", None),
    ("Sorry for the delay, but good news: it shipped today.", None),
    ("Sorry. Sorry again. Really sorry, and apologies for the mix-up!", _COMPLAINT),
    ("We apologise, we regret it, we're sorry, and we apologize again.", None),
    ("No need to apologise! Don't be sorry. Not sorry. Sorry though.", None),
    ("Would you like to hear about our new range? Grab yours today!", None),
    ("Don't miss out on our amazing summer deals, shop now!", None),
    ("Get 20% off with promo code SAVE20, use code at checkout.", None),
    ("Have you considered upgrading? Why not upgrade to premium today!", "Is the app broken?"),
    ("Add a tablet to your plan and enjoy unlimited data. Check it out!", None),
    ("Our latest flavours are here, treat yourself while stocks last!", None),
    ("The 20% off offer expired last week, sorry.", None),
    ("Sign up for our newsletter to hear first.", "Any deals on at the moment?"),
    ("We're sorry to hear that.", _QUESTION),
    ("Hi Diane, sorry about the wait. Thanks for your patience. ^SG", _COMPLAINT),
    ("That's not good at all, we apologise for the trouble.", _QUESTION),
    ("Oh no, we understand how frustrating that is! \U0001F61E", "The app keeps crashing when I log in"),
    ("Thank you for letting us know, we appreciate the feedback.", "Worst service ever. Never again."),
    ("Please DM us your order number.", _COMPLAINT),
    ("@diane_j 1/2 Please DM us your order number.", _COMPLAINT),
    ("the option to keep your games is there", _COMPLAINT),
    ("Restart the app and log in again.", "please help, the app won't load"),
    ("\u017forry, but our policy does not allow it.", None),   # long s: folded is None
    ("\u0130'm sorry but you should have called.", _COMPLAINT),  # dotted I
    ("Sorry \u212a, but that is not allowed.", None),           # Kelvin sign
    ("", _COMPLAINT),
    ("   ", "?"),
]


def test_hand_written_replies():
    for text, inbound in _HAND:
        _same(text, Context(inbound=inbound) if inbound else Context())


_PIECES = [
    "sorry", "Sorry", "SORRY", "I'm so sorry", "we apologise", "apologies", "regret", "but", "BUT",
    "however", "our policy", "you should have", "not allowed", "unable to refund", "as previously advised",
    "good news", "would you like to hear about our", "special offer", "20% off", "grab it", "shop now",
    "upgrade to premium", "add a line to your plan", "our new range", "promo code", "sign up for our newsletter",
    "don't miss our deals", "while stocks last", "why not upgrade", "expired", "thanks", "thank you for letting us know",
    "we understand", "oh no", "that's not good", "hear that", "we'll call you", "please DM us", "1/2", ">>", "...",
    "https://t.co/x", "@bob", "^JD", "Hi Sam,", "Cheers, Tom", "\u017f", "\u0130", "\u212a", "\U0001F61E", "é",
    "the", "order", "3", "?", "!", ".", ",", ";", "\n", " ",
]
_INBOUNDS = [None, "", _COMPLAINT, _QUESTION, "Thanks, love it!", "please fix my account",
             "any deals or discounts?", "Where is my parcel???", "fed up \u017f"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=18), st.sampled_from([" ", "", ". ", ", "]),
       st.sampled_from(_INBOUNDS))
def test_generated_replies(pieces, sep, inbound):
    _same(sep.join(pieces), Context(inbound=inbound))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("sorybuthweapligzfkm%?.!,' \n") + ["\u017f", "\u0130", "\u212a"]),
               max_size=80),
       st.sampled_from(_INBOUNDS))
def test_generated_characters(text, inbound):
    _same(text, Context(inbound=inbound))


# ------------------------------------------- RL104's acknowledgement and split part
# RL104 asks "any acknowledgement?" alternative by alternative, and looks for a split
# part's marks only where they can be; both must answer as the one regex they replace.
_WHOLE_ACKNOWLEDGEMENT = regex.compile(
    r"\b(?:" + "|".join(apology._ACKNOWLEDGEMENT_WORDS) + r")\b|" + apology._WORRIED_FACES, regex.IGNORECASE)
_WHOLE_SPLIT_PART = regex.compile(
    r"(?<![\d/])\d\s?/\s?\d(?![\d/])|>>|\(cont(?:'d|inued)?\)|^\W*(?:\.{2,}|…)|^\s*\(|^\s*\d[:.)]\s"
    r"|(?:\.{3}|…)\s*(?:https?://\S+\s*)?$|^\s*\*|^(?!i\b)\p{Ll}[\p{Ll}']*\b")
_ACK_PIECES = ["sorry", "SORRY", "Apologies", "oh no", "I can see", "we hear you", "understandable",
               "frustrating", "not ideal", "isn't what we", "that's really a pain", "sad to hear that",
               "thanks for letting", "thank you so much for your patience", "appreciate the feedback",
               "take this very seriously", "must have been", "hate that", "\U0001F61E", "\u2639",
               "1/2", "2 / 3", "12/25", ">>", "(cont)", "(Cont)", "(continued)", "...", "…",
               "https://ex.am/ple", "*", "(", "3)", "4.", "i", "the", "we", "your", "order", "refund",
               "\u017f", "\u0130", "\u212a", "é", ",", ".", "!", "\n", " ", "@handle"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ACK_PIECES), max_size=14), st.sampled_from([" ", "", "  ", "\n"]))
def test_rl104_helpers_answer_as_the_whole_regexes(pieces, sep):
    text = sep.join(pieces)
    for variant in (text, text.upper(), text.lower()):
        assert apology._has_acknowledgement(variant) == bool(_WHOLE_ACKNOWLEDGEMENT.search(variant)), variant
        stripped = apology._LEADING_HANDLES.sub("", variant)
        assert apology._is_split_part(variant) == bool(_WHOLE_SPLIT_PART.search(stripped)), variant
