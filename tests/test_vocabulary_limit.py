"""Long runs do not keep every word they saw (Linter._limit_vocabulary)."""
from __future__ import annotations

import replylint.linter
from replylint import Linter


def _replies(n):
    # Every reply brings words no earlier reply had.
    return [f"Thanks for waiting, your parcel qz{i}x and order wv{i}k are on their way." for i in range(n)]


def test_check_many_keeps_the_vocabulary_bounded(monkeypatch):
    linter = Linter()
    linter.check("warm up")
    start = len(linter.nlp.vocab.strings)
    monkeypatch.setattr(replylint.linter, "VOCABULARY_LIMIT", start + 200)
    reports = list(linter.check_many(_replies(600)))
    assert len(reports) == 600
    # ~1,200 new words went through; the vocabulary was started afresh on the way.
    assert len(linter.nlp.vocab.strings) <= start + 200 + 10


def test_findings_are_the_same_after_starting_afresh():
    linter = Linter()
    text = "I'm sorry you feel that way about parcel qz77x. Call me on 020 7946 0958."
    before = [(f.code, f.start, f.end, f.message) for f in linter.check(text, channel="twitter").findings]
    linter._limit_vocabulary(limit=0)  # forces a fresh tokenizer and phrase index
    after = [(f.code, f.start, f.end, f.message) for f in linter.check(text, channel="twitter").findings]
    assert after == before
    assert "RL101" in [code for code, *_ in after]


def test_a_server_linter_starts_afresh_past_its_vocabulary_limit():
    linter = Linter()
    start = len(linter.nlp.vocab.strings)
    for text in _replies(300):
        linter._limit_vocabulary(limit=start + 200)
        linter.check(text)
    assert len(linter.nlp.vocab.strings) <= start + 200 + 10


def test_below_the_limit_nothing_is_rebuilt():
    linter = Linter()
    nlp = linter.nlp
    for text in _replies(20):
        linter._limit_vocabulary()
        linter.check(text)
    assert linter.nlp is nlp
