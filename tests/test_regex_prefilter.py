"""The regex prefilter (matchers.required_literal_sets) never skips a regex that would match.

A built-in rule's regex is skipped when the reply holds none of the words every match
must contain. These tests hold the derived words to that promise on every built-in
pattern, against the rules' own examples and generated text.
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.matchers import folded, may_match_all, required_literal_sets, required_literals
from replylint.rulefile import load_rule_packs

RULES = load_rule_packs()
PATTERNS = [p for r in RULES for p in r.regexes] + [
    p for r in RULES for anti in r.unless for p in anti.regexes]
EXAMPLES = [e.text for r in RULES for e in r.examples_fail + r.examples_pass]


def _agrees(pattern, text):
    if pattern.search(text):
        assert may_match_all(required_literal_sets(pattern), folded(text)), (pattern.pattern, text)


def test_every_builtin_pattern_on_every_example():
    for pattern in PATTERNS:
        for text in EXAMPLES:
            _agrees(pattern, text)
            _agrees(pattern, text.upper())


def test_literals_of_simple_patterns():
    # every requirement, the cheapest to check and likeliest to be absent first
    assert required_literal_sets(regex.compile(r"\b(?:sorry|apologi[sz]e)\b.{0,9}but")) == (
        ("but",), ("apologise", "apologize", "sorry"))
    assert required_literals(regex.compile(r"\b(?:sorry|apologi[sz]e)\b.{0,9}but")) == ("but",)
    assert set(required_literals(regex.compile(r"\b(?:sorry|apologi[sz]e)\b"))) == {
        "sorry", "apologise", "apologize"}
    # a run of literals widens through a small class and across zero-width assertions
    assert required_literal_sets(regex.compile(r"\b(?:Hi|Hey)[ \t]+,")) == (
        ("hey\t", "hey ", "hi\t", "hi "), ("\t,", " ,"))
    # a look-ahead's words are required too, and Unicode properties are no obstacle
    # (not a look-behind's: a search from a position may find its text before it)
    assert required_literal_sets(regex.compile(r"(?<=\p{L}: )(?=well|actually)\w+")) == (
        ("actually", "well"),)
    assert required_literals(regex.compile(r"a(?!b)c")) == ("ac",)
    assert required_literals(regex.compile(r"(?<![\w-])X{3,}(?![\w-])")) == ("xxx",)
    assert required_literals(regex.compile(r"\p{Lu}+")) is None          # regex-only syntax
    assert required_literals(regex.compile(r"(?:cat)?dog|\d+")) is None  # a branch with no word
    assert required_literals(regex.compile(r"[[:alpha:]]+x")) is None     # POSIX class: unsure


def test_case_folding_traps_disable_the_prefilter():
    pattern = regex.compile(r"sorry", regex.IGNORECASE)
    assert pattern.search("\u017forry")  # long s matches "s" without case
    assert folded("\u017forry") is None
    assert may_match_all(required_literal_sets(pattern), folded("\u017forry"))
    assert may_match_all(required_literal_sets(pattern), folded("SORRY \u212a"))


_PIECES = ["sorry", "SORRY", "but", "we", "can't", "at this time", "{{name}}", "[NAME]", "XXX",
           "as soon as possible", "ASAP", "you should have", "call us on", "\u017f", "\u0130",
           "\u212a", "é", " ", "\n", ".", ",", "!", "?", "Hi", "Dear", ",", "refer to", "our"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_generated_text(pieces):
    text = " ".join(pieces)
    for pattern in PATTERNS:
        _agrees(pattern, text)
