"""The sentiment speed-ups change no answer.

* ``complaint.polarity`` reproduces TextBlob's polarity without importing TextBlob: it
  must give exactly TextBlob's value (the same float), and its constants must be
  TextBlob's.
* The early exits of RL503 (negative tone) and RL504 (shouting), and the cached
  complaint tests, must answer as the ungated code does.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import complaint

ROOT = Path(__file__).resolve().parents[1]


def _textblob():
    from textblob import _text
    from textblob.en import parser, sentiment

    return sentiment, _text, parser


def _textblob_polarity(text):
    sentiment, _, _ = _textblob()
    if not text or not text.strip():
        return 0.0
    return float(sentiment(text)[0])


def _example_texts():
    """Every example text and inbound message of the built-in rules (real support
    wording, written to trip the rules)."""
    import yaml

    texts = []
    for path in sorted((ROOT / "rules").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in ("fail", "pass"):
            for example in (data.get("examples") or {}).get(kind) or []:
                if isinstance(example, dict):
                    texts.append(str(example.get("text", "")))
                    inbound = (example.get("context") or {}).get("inbound")
                    if inbound:
                        texts.append(str(inbound))
                else:
                    texts.append(str(example))
    return [t.replace("[[", "").replace("]]", "") for t in texts]


HAND_WRITTEN = [
    "", " ", "\n\n", "Hello", "This is awful and rude.", "Thanks, all sorted!", "not good",
    "I'm sorry :(", "We never fail", "not bad at all", "really not good", "very very bad!!",
    "It isn't great. It's not terrible either.", "Mr. Smith said it was good.",
    "See e.g. the U.S. page... it's bad.", "What a (!) great day ( ! )", "XD so funny :-D",
    "He said \"this is bad\" and left.", "‘Awful’ they said, “awful”.", "Terribly sorry.",
    "Call us at: (781) 592-4300", "Rip-off! f*cking useless", "line one\r\n\r\nline two sad",
    "That's not a good sign, isn't it?", "Really, really, really good.", ":c ) what", ": ( no",
    "> . > hmm", "o.O and °O° and <3 ♥", "I didn't love it!!!", "Never again... never.",
    "'quoted' 'bad' \"words\" ''", "end.\" Next sentence is bad.", "ok ... ?! !? ?? bad",
    "ΣΑΣ bad", "İstanbul is not nice", "A. B. C. bad w/ sugar", "bad\tworse\u00a0worst",
    "not\nnice", "no.  not. never!", "The mean-spirited, ill-advised plan :/",
]


def test_the_constants_are_textblobs():
    _, t, parser = _textblob()
    assert complaint._PUNCTUATION == t.PUNCTUATION
    assert complaint._ABBREVIATIONS == t.ABBREVIATIONS
    assert complaint._REPLACEMENTS == t.replacements
    assert complaint._EOS == t.EOS
    assert complaint._EMOTICONS == t.EMOTICONS
    assert complaint._RE_EMOTICONS.pattern == t.RE_EMOTICONS.pattern
    for mine, theirs in ((complaint._RE_ABBR1, t.RE_ABBR1), (complaint._RE_ABBR2, t.RE_ABBR2),
                         (complaint._RE_ABBR3, t.RE_ABBR3), (complaint._RE_SARCASM, t.RE_SARCASM)):
        assert mine.pattern == theirs.pattern
    sentiment, _, _ = _textblob()
    assert tuple(sentiment.negations) == complaint._NEGATION_WORDS
    assert tuple(sentiment.modifiers) == ("RB",)
    assert sentiment.tokenizer == parser.find_tokens


def test_the_lexicon_is_textblobs():
    sentiment, _, _ = _textblob()
    "x" in sentiment  # loads it
    mine = complaint._lexicon()
    theirs = dict(dict.items(sentiment))
    assert set(mine) == set(theirs)
    for word, senses in theirs.items():
        p, s, i = senses[None]
        assert mine[word] == (p, s, i, "RB" in senses), word


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_the_tokens_are_textblobs(text):
    _, _, parser = _textblob()
    assert complaint._tokens(text) == " ".join(parser.find_tokens(text)).split()


def test_polarity_is_textblobs_on_hand_written_and_rule_texts():
    texts = HAND_WRITTEN + _example_texts()
    assert len(texts) > 500
    for text in texts:
        for variant in (text, text.upper(), text.lower(), complaint._NOT_SENTIMENT.sub(" ", text)):
            assert complaint.polarity(variant) == _textblob_polarity(variant), variant


_PIECES = ["sorry", "not", "no", "never", "n't", "good", "bad", "great", "awful", "really",
           "very", "late", "happy", "terribly", "rip-off", "f*cking", "isn't", "don't", "I'm",
           "we'll", "it's", ":(", ": (", ":'(", "=/", ":)", "XD", ":c", ")", "(", "(!)", "( ! )",
           "!", "?", ".", "...", "..", ",", "\n\n", "\r\n", "\n", '"', "'", "“", "”", "‘", "’",
           "Mr.", "e.g.", "U.S.", "A.", "w/", "-", "*", "2nd", "https://t.co/x", ">.>", "> . >",
           "o.O", "<3", "♥", "END-OF-SENTENCE", "nice", "wrong", "ly", "mean", "Σ", "İ"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16),
       st.lists(st.sampled_from([" ", "", " ", "\n", ", ", "  "]), min_size=16, max_size=16))
def test_polarity_is_textblobs_on_generated_wording(pieces, gaps):
    text = "".join(p + g for p, g in zip(pieces, gaps))
    assert complaint.polarity(text) == _textblob_polarity(text), text
    assert complaint._tokens(text) == " ".join(_textblob()[2].find_tokens(text)).split(), text


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_polarity_is_textblobs_on_any_text(text):
    assert complaint.polarity(text) == _textblob_polarity(text)


def test_polarity_and_its_prefilter_do_not_import_textblob():
    import subprocess
    import sys

    code = ("import sys\nfrom replylint import complaint\n"
            "assert not complaint.may_be_negative('Thanks, your order ships today!')\n"
            "assert not complaint.is_upset('How do I change my delivery address?')\n"
            "assert complaint.polarity('This is awful :(') < 0\n"
            "assert complaint.is_complaint('I am so sad and the app is bad, bad, bad')\n"
            "assert not any(m.startswith(('textblob', 'nltk')) for m in sys.modules), 'imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------ RL503 / RL504 early exits
def _linter():
    from replylint.linter import Linter

    return Linter(select=["RL503", "RL504"]) if _accepts_select() else Linter()


def _accepts_select():
    import inspect

    from replylint.linter import Linter

    return "select" in inspect.signature(Linter).parameters


_LINTER = []


def _hits(text, check, rule_code, ungated, monkeypatch):
    from replylint.checks import tone

    if not _LINTER:
        _LINTER.append(_linter())
    linter = _LINTER[0]
    rule = linter._by_code[rule_code]
    analysis = linter.analyse(text, None)
    with monkeypatch.context() as m:
        if ungated:
            m.setattr(tone, "_may_shout", lambda text: True)
            m.setattr(tone, "_may", lambda pattern, folded: True)
        return [(h.start, h.end, h.values) for h in getattr(tone, check)(analysis, rule)]


_TONE_WORDS = ["ridiculous", "stupid", "your fault", "your problem", "sorry", "thanks", "happy",
               "not good", "never", "no", "awful", "terrible", "bad", "wrong", "unable", "hate to",
               "NOT", "PLEASE", "READ", "NEVER", "DM", "USB", "FAQ", "PIN", "IT", "BEAM app",
               "DYSON LIMITED", "don't", "DON'T", "YOU'LL", "ABCD", "!!", "??", "!?", "?!", "!",
               "?", ".", ",", "\"", "'", "> ", "text STOP", "in PIT", "^SG", "-AT", "İ", "ÉTÉ",
               "ſ", "Ridiculous", "RIDICULOUS", "what a", "request", "The", "We", "Hi Sam",
               "…", "numb...", "\n\n", "pathetic", "nasty", "crazy", "lazy"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TONE_WORDS), max_size=14),
       st.lists(st.sampled_from([" ", "", ". ", "\n", ", ", "! "]), min_size=14, max_size=14))
def test_tone_gates_change_nothing_on_generated_replies(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    mp = pytest.MonkeyPatch()
    try:
        for check, code in (("shouting", "RL504"), ("negative_tone", "RL503")):
            assert _hits(text, check, code, False, mp) == _hits(text, check, code, True, mp), text
    finally:
        mp.undo()


def test_tone_gates_change_nothing_on_rule_texts(monkeypatch):
    for text in HAND_WRITTEN + _example_texts():
        for variant in (text, text.upper()):
            for check, code in (("shouting", "RL504"), ("negative_tone", "RL503")):
                assert _hits(variant, check, code, False, monkeypatch) == \
                    _hits(variant, check, code, True, monkeypatch), variant


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_shouting_gate_on_any_text(text):
    from replylint.checks import tone

    if not tone._may_shout(text):
        assert not tone._REPEATED_MARKS.search(text)
        for m in tone._CAPS_WORD.finditer(text):
            assert not tone._shouted(m.group(0), tone.ACRONYMS), text


def test_the_cached_complaint_tests_answer_as_uncached():
    for text in HAND_WRITTEN + _example_texts():
        for threshold in (complaint.NEGATIVE_POLARITY, complaint.UPSET_POLARITY, -0.1):
            for cached, uncached in ((complaint.is_complaint, complaint._is_complaint.__wrapped__),
                                     (complaint.is_upset, complaint._is_upset.__wrapped__)):
                expected = bool(text) and uncached(text, threshold)
                assert cached(text, threshold) == expected, text
                assert cached(text, threshold) == expected, text  # from the cache
