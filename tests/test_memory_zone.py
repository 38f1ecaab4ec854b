"""Long runs do not keep every word they saw (Linter._memory_zone, spaCy >= 3.8)."""
from __future__ import annotations

import pytest

from replylint import Linter


def _replies(n):
    # Every reply brings words no earlier reply had.
    return [f"Thanks for waiting, your parcel qz{i}x and order wv{i}k are on their way." for i in range(n)]


def test_check_many_frees_the_words_of_the_replies(tmp_path):
    linter = Linter()
    if not hasattr(linter.nlp, "memory_zone"):
        pytest.skip("spaCy < 3.8 has no memory zones")
    linter.check("warm up")
    before = len(linter.nlp.vocab.strings)
    reports = list(linter.check_many(_replies(2500)))
    assert len(reports) == 2500
    assert len(linter.nlp.vocab.strings) < before + 50


def test_reports_made_in_a_zone_outlive_it():
    linter = Linter()
    text = "I'm sorry you feel that way about parcel qz77x."
    inside = list(linter.check_many([text] * 3))
    outside = linter.check(text)
    assert [(f.code, f.start, f.end, f.text, f.message) for f in inside[0].findings] == [
        (f.code, f.start, f.end, f.text, f.message) for f in outside.findings]
    assert any(f.code == "RL101" for f in outside.findings)


def test_a_plain_check_still_keeps_its_words():
    # Outside check_many (and the server) nothing is freed: a caller may hold a Doc.
    linter = Linter()
    before = len(linter.nlp.vocab.strings)
    linter.check("zorblaxian quuxification")
    assert len(linter.nlp.vocab.strings) > before


def test_a_server_linter_starts_afresh_past_its_vocabulary_limit():
    linter = Linter()
    start = len(linter.nlp.vocab.strings)
    for text in _replies(300):
        linter._limit_vocabulary(limit=start + 200)
        linter.check(text)
    # It grew past the limit at least once and was rebuilt: bounded, not ~600 words more.
    assert len(linter.nlp.vocab.strings) <= start + 200 + 10
    # ... and it still finds what it found before.
    codes = [f.code for f in linter.check("I'm sorry you feel that way.").findings]
    assert "RL101" in codes
