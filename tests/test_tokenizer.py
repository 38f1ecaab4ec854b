"""The tokenizer's word cache (replylint/tokenizer.py): what it caches, and that it
never changes a token."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import Config, Linter
from replylint.tokenizer import RememberingTokenizer, blank_english


def _counting_prefix_search(nlp) -> list:
    """Count the chunks the tokenizer splits by its rules (cached ones are not)."""
    calls = []
    search = nlp.tokenizer.prefix_search

    def counted(text):
        calls.append(text)
        return search(text)

    # Setting it empties spaCy's cache, so count from a cold tokenizer.
    nlp.tokenizer.prefix_search = counted
    return calls


DRAFT = "I'm sorry, the qzx7 parcel went to the wrong depot (again)."


def test_spacy_alone_splits_a_draft_again_after_a_special_case():
    # The problem the wrapper exists for: after "I'm", spaCy caches nothing more of
    # the text, so every re-check splits those words again.
    nlp = blank_english(1000)
    calls = _counting_prefix_search(nlp)
    nlp.make_doc(DRAFT)
    calls.clear()
    nlp.make_doc(DRAFT)
    assert "qzx7" in calls


def test_a_remembering_tokenizer_splits_a_draft_once():
    nlp = blank_english(1000, remember_words=True)
    calls = _counting_prefix_search(nlp.tokenizer)
    nlp.make_doc(DRAFT)
    assert "qzx7" in calls
    calls.clear()
    nlp.make_doc(DRAFT)
    nlp.make_doc(DRAFT + " Sorry again!")
    assert sorted(set(calls)) == ["Sorry", "again", "again!"]  # only the new words


def test_it_stops_remembering_at_its_limit():
    tokenizer = RememberingTokenizer(blank_english(1000).tokenizer, limit=3)
    tokenizer("one two three four")
    tokenizer("five six")
    assert tokenizer._seen == {"one", "two", "three", "four"}
    assert [t.text for t in tokenizer("five six")] == ["five", "six"]


def _tokens(doc):
    return [(t.text, t.idx, t.whitespace_) for t in doc]


_PIECES = ["I'm", "can't", "don't", ":)", "a.m.", "Mr.", "sorry", "(again)", "parcel,", "qzx7",
           "https://ex.am/ple?q=1", "e-mail", "£24.99", "3-5", "\U0001F61E", "\u0130stanbul", "naïve",
           "it's", "they're", "\n", "\n\n", "  ", "\t", "--", "...", "U.K.", "y'all", "cannot", "gonna"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=10), min_size=1, max_size=4),
       st.sampled_from([" ", "", "  "]))
def test_the_same_tokens_as_spacy_alone(drafts, sep):
    plain = blank_english(1000)
    remembering = blank_english(1000, remember_words=True)
    for pieces in drafts + drafts:  # every draft twice: the second time from the cache
        text = sep.join(pieces)
        assert _tokens(remembering.make_doc(text)) == _tokens(plain.make_doc(text)), text


def test_a_remembering_linter_finds_the_same():
    config = Config()
    plain, remembering = Linter(config), Linter(config, remember_words=True)
    replies = [
        ("I'm sorry you feel that way. Your card 4111 1111 1111 1111 is on file.", {"channel": "twitter"}),
        ("Dear customer, we apologize for any inconvenience. Unfortunately that is our policy.",
         {"channel": "email", "customer_name": "Priya", "inbound": "My order never arrived!"}),
        ("Hi Ken, call me on 020 7946 0958 or ken.support@example.com. \U0001F642", {"customer_name": "Ken"}),
    ]
    for _ in range(2):
        for text, context in replies:
            got = [(f.code, f.start, f.end, f.message) for f in remembering.check(text, context).findings]
            assert got == [(f.code, f.start, f.end, f.message) for f in plain.check(text, context).findings]
            assert got, text


def test_a_server_linter_keeps_remembering_after_starting_afresh():
    linter = Linter(Config(), remember_words=True)
    linter._limit_vocabulary(limit=0)  # a fresh tokenizer and phrase index
    assert isinstance(linter.nlp.tokenizer, RememberingTokenizer)
    assert not isinstance(Linter(Config()).nlp.tokenizer, RememberingTokenizer)

