"""The polarity prefilter (complaint.may_be_negative) never hides a negative polarity.

``may_be_negative`` answers "can TextBlob's polarity of this text be below zero?"
from word sets read out of TextBlob's lexicon file, so most replies skip TextBlob.
It may say "maybe" too often, never "no" wrongly: these tests hold it to that against
the installed TextBlob.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import complaint


def _textblob():
    from textblob import _text
    from textblob.en import sentiment

    "x" in sentiment  # loads the lexicon
    return sentiment, _text


def test_the_word_sets_cover_every_negative_lexicon_word():
    sentiment, _ = _textblob()
    negative, positive = complaint._lexicon_words()
    for word, senses in dict.items(sentiment):
        if re.search(r"[\s'\"’‘“”]", word):
            continue  # TextBlob's tokenizer never yields a token with a space or quote
        parts = {word.lower()} if complaint._RUN.fullmatch(word.lower()) \
            else set(complaint._RUN.findall(word.lower()))
        if any(score[0] < 0 for score in senses.values()):
            assert parts <= negative, word
        if any(score[0] > 0 for score in senses.values()):
            assert parts <= positive, word


def test_the_sad_emoticons_are_textblobs():
    _, text_module = _textblob()
    sad = {e.lower() for (_, score), faces in text_module.EMOTICONS.items() if score < 0
           for e in faces}
    assert sad == set(complaint._SAD_EMOTICONS)


_WORDS = ["sorry", "not", "no", "never", "good", "bad", "great", "awful", "really", "very",
          "late", "happy", "unfortunately", "rip-off", "f*cking", "help", "order", "thanks",
          "isn't", "don't", "can't", ":(", ": (", ":'(", "=/", ":)", "!", "?", ".", "\n\n",
          "well-intentioned", "Terribly", "NOT", "nice", "wrong", "2nd", "(!)", "-", "*bad*",
          "https://t.co/x", ":/", "x:(", ":-/n't", "'", "/", "(", ">.>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12),
       st.lists(st.sampled_from([" ", "", "\n", ", ", "-"]), min_size=12, max_size=12))
def test_no_means_the_polarity_is_not_negative(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    if not complaint.may_be_negative(text):
        assert complaint.polarity(text) >= 0, text


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_no_means_the_polarity_is_not_negative_on_any_text(text):
    if not complaint.may_be_negative(text):
        assert complaint.polarity(text) >= 0


def test_polarity_at_most_agrees_with_polarity():
    for text in ("This is awful and rude.", "Thanks, all sorted!", "not good", "Hello",
                 "I'm sorry :(", "We never fail"):
        for threshold in (-0.9, -0.5, -0.3, -0.1, 0.0, 0.2):
            assert complaint.polarity_at_most(text, threshold) == \
                (complaint.polarity(text) <= threshold), (text, threshold)


def test_the_split_off_characters_are_textblobs_punctuation():
    _, text_module = _textblob()
    assert set(complaint._SPLIT_OFF) == set(text_module.PUNCTUATION) - {"."}


def test_a_link_is_no_sad_face_but_a_face_before_a_bracket_is():
    assert not complaint.may_be_negative("See https://t.co/abc for the details")
    assert complaint.may_be_negative("Call us at: (781) 592-4300")  # TextBlob reads ":("
    assert complaint.polarity("Call us at: (781) 592-4300") < 0
