"""RL204's speed-ups change nothing: each fast path is held to the plain computation.

* ``region_spans`` gives exactly the greeting, sign-off and quoted regions of
  ``segment_reply``;
* normalising with the analysis' regions is normalising without them;
* ``MinHasher.signatures_of_words`` (3-gram windows over word ids) equals
  ``MinHasher.signatures`` of the shingle sets;
* the screen of earlier turns in ``canned.repeated_in_conversation`` never rules out
  a turn whose similarity reaches the threshold.
"""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import replylint
from replylint.checks.canned import _Screen, _similarity
from replylint.model import Context
from replylint.normalize import normalize_text
from replylint import templates
from replylint.segment import segment_reply
from replylint.templates import (MinHasher, _min_same, normalise_reply, region_spans, regions_of_segments,
                                 shingles, shingles_of_words, words)

REPLIES = [
    "@115712 Hi Jeff! Your refund of $20 went to jeff@example.com, see https://t.co/abc, Jeff. ^AB",
    "Hello there, we're sorry to hear that. Please DM us your order number. Thanks, Priya",
    "> Where is my order?\nHi Sam, it ships today.\n> and the lamp?\nOn Mon, 3 May, Bob wrote:\n> old",
    "Hey Sam we're on it -Anwar",
    "Dear Sir/Madam,\nThank you for your email.\n\nKind regards,\nPradnya Patel",
    "-----Original Message-----\nFrom: x",
    "Ok.",
    "",
    "Ύστερα ΣΑΣ ΕΥΧΑΡΙΣΤΟΎΜΕ ΠΟΛΎ για την υπομονή σας. Γιώργος",
    "Thanks for waiting, Swati. We've moved your seat to 12C – enjoy the flight! 1/2 https://t.co/x",
    "We don’t see the order yet, sorry! Could you DM us the email on the account? *TJW",
]
CONTEXTS = [None, Context(customer_name="Jeff Lee", agent_name="Mary-Jane"),
            Context(customer_handle="@115712", customer_name="Σάσα")]

_PIECES = list("abc XYZ,.!?'\u2019\n>@:/-^~*0123\u03a3\u03c3\u03c2\u0130\u00a0") + [
    "Hi ", "Thanks, ", "On x wrote:\n", "https://t.co/a ", "Sam", "Regards,\n"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _segment_regions(norm):
    return regions_of_segments(segment_reply(norm))


@pytest.mark.parametrize("text", REPLIES)
def test_region_spans_are_segment_replys_regions(text):
    norm = normalize_text(text)
    assert region_spans(norm) == _segment_regions(norm)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_region_spans_are_segment_replys_regions_on_any_text(text):
    norm = normalize_text(text)
    assert region_spans(norm) == _segment_regions(norm)


@pytest.mark.parametrize("text", REPLIES)
@pytest.mark.parametrize("context", CONTEXTS)
def test_normalising_with_the_analysis_regions_is_the_same(text, context):
    regions = _segment_regions(normalize_text(text))
    assert normalise_reply(text, context, regions=regions) == normalise_reply(text, context)


def test_placeholders_still_replace_what_varies():
    norm = normalise_reply("@1 @2 Hi Jeff! Mail WWW.example.com or jeff@x.com, Jeff. ^AB",
                           Context(customer_name="Jeff"))
    assert norm == "<greeting> ! mail <url> or <email>, <name>. <signoff>"


def _random_texts(count, seed=3):
    rng = random.Random(seed)
    vocabulary = ["we", "are", "sorry", "<name>", "<num>", "please", "dm", "us", "order", "don't", "it's",
                  "the", "a", "σας", "ς", "refund", "<url>"]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 14))) for _ in range(count)]
    return texts + ["", "a", "a b", "a b c", "we we we we we we", "<x> <x> <x> <x>"]


@pytest.mark.parametrize("keyed", [True, False])
@pytest.mark.parametrize("permutations", [16, 64])
def test_signatures_of_words_equal_the_signatures_of_the_shingle_sets(permutations, keyed, monkeypatch):
    if not keyed:  # the path of a vocabulary too large for one int64 key per 3-gram
        monkeypatch.setattr(templates, "_KEYED_VOCABULARY", 0)
    texts = _random_texts(400)
    hasher = MinHasher(permutations)
    expected = hasher.signatures([shingles(t) or {t} for t in texts])
    fast = hasher.signatures_of_words([words(t) for t in texts], texts)
    assert (fast == expected).all()
    # Without short texts (no second matrix of signatures), and in small chunks.
    long = [t for t in texts if len(words(t)) >= 3]
    assert (hasher.signatures_of_words([words(t) for t in long], long, chunk=7)
            == hasher.signatures([shingles(t) for t in long])).all()
    # Small chunks split the work differently, with the same result.
    assert (hasher.signatures([shingles(t) or {t} for t in texts], chunk=5) == expected).all()


def test_min_same_is_the_share_numpy_would_compare():
    for permutations in (16, 32, 64, 100):
        for similarity in (0.1, 0.5, 0.7, 0.75, 0.9, 1.0):
            count = _min_same(similarity, permutations)
            assert count / permutations >= similarity
            assert count == 0 or (count - 1) / permutations < similarity


def _turn_variants(reply, rng):
    """Turns like and unlike the reply: word swaps, drops, other replies, case, quotes."""
    words_ = reply.split()
    out = [reply, reply.upper(), reply.replace("'", "’"), " ".join(reversed(words_))]
    for _ in range(6):
        copy = list(words_)
        for _ in range(rng.randint(1, 4)):
            if copy:
                del copy[rng.randrange(len(copy))]
        out.append(" ".join(copy))
    return out + REPLIES


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.7, 0.9, 1.0])
def test_the_screen_never_rules_out_a_turn_that_matches(threshold):
    rng = random.Random(threshold)
    checked = matched = 0
    for reply in REPLIES + _random_texts(60):
        for context in CONTEXTS:
            normalised = normalise_reply(reply, context)
            word_list = words(normalised)
            mine = shingles_of_words(word_list)
            if not mine:
                continue
            screen = _Screen(normalised, word_list, len(mine), threshold)
            for turn in _turn_variants(reply, rng):
                score = _similarity(mine, shingles(normalise_reply(turn, context)))
                checked += 1
                if score >= threshold:
                    matched += 1
                    assert screen.may_match(turn), (reply, turn)
    assert matched and checked > matched


def test_the_screen_rules_out_an_unrelated_turn():
    normalised = normalise_reply("We have moved your seat to the aisle as you asked, enjoy the flight.")
    word_list = words(normalised)
    screen = _Screen(normalised, word_list, len(shingles_of_words(word_list)), 0.7)
    assert not screen.may_match("@Delta my bag never arrived in Atlanta and nobody answers the phone")
    assert screen.may_match("@1 Hi Sam! We have moved your seat to the aisle as you asked, enjoy the flight. ^TJ")


def test_repeated_in_conversation_still_finds_the_repeat_and_its_turn():
    linter = replylint.Linter(replylint.Config(select=["RL204"]))
    reply = "@1 Hi Sam! Please DM us your confirmation number and we'll take a look. ^AB"
    history = ("@Delta my bag never arrived",
               "@1 Hi Sam, please DM us your confirmation number and we'll take a look. ^CD",
               "@Delta done, sent it")
    report = linter.check(reply, Context(history=history, customer_name="Sam"))
    assert [f.code for f in report.findings] == ["RL204"]
    assert "message 2" in report.findings[0].message
    assert not linter.check(reply, Context(history=history[::2])).findings
