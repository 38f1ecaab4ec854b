"""Phrases are tokenised together at start-up (matchers._phrase_keywords); each must
come out exactly as the tokenizer makes it alone, or a phrase would silently never match."""
from __future__ import annotations

import spacy

from replylint.matchers import _phrase_keywords
from replylint.normalize import normalize_text
from replylint.rulefile import load_rule_packs


def _alone(nlp, phrase):
    return [t.lower for t in nlp.make_doc(phrase)]


def test_every_builtin_phrase_tokenises_as_it_does_alone():
    nlp = spacy.blank("en")
    rules = load_rule_packs()
    phrases = [normalize_text(p) for r in rules for p in r.phrases]
    phrases += [normalize_text(p) for r in rules for a in r.unless for p in a.phrases]
    assert len(phrases) > 10_000
    together = list(_phrase_keywords(nlp, phrases))
    assert len(together) == len(phrases)
    for phrase, keyword in zip(phrases, together):
        assert keyword == _alone(nlp, phrase), phrase


def test_odd_phrases_fall_back_to_one_by_one():
    nlp = spacy.blank("en")
    phrases = ["sorry you feel", " leading space", "two  spaces", "tab\there", "line\nbreak",
               "don't", "U.S.A.", "e-mail", "(see FAQ)", "caf\u00e9 au lait", "x", "trailing "]
    assert list(_phrase_keywords(nlp, phrases)) == [_alone(nlp, p) for p in phrases]
