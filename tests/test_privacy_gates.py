"""The privacy gates (replylint/privacy/gates.py) never turn away a reply that would
have produced a finding.

Two kinds of proof:

* the word sets are checked against the languages of the patterns they stand for:
  every string the pattern can match (enumerated from its parse tree, whitespace runs
  as one or two characters) holds a word of the set, and the facts about case folding
  and ``\\w`` the word view relies on are checked over every Unicode character;
* gated results equal ungated ones (the recognisers run as before the gates, in the
  same order) on many generated replies built to sit on the gates' edges: handles,
  digit shapes, non-ASCII digits and letters, every noun and verb of the requests.
"""
from __future__ import annotations

import itertools
import random
import re
import string

import pytest
import regex

try:
    import re._parser as sre_parse
    import re._constants as sre_c
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse
    import sre_constants as sre_c

from replylint.matchers import folded
from replylint.privacy import dates, detect, gates, requests, secrets
from replylint.privacy import find_data_requests, find_personal_data
from replylint.privacy.addresses import find_addresses
from replylint.privacy.bank import find_bank_numbers, find_ibans
from replylint.privacy.cards import find_cards
from replylint.privacy.dates import find_dates_of_birth
from replylint.privacy.emails import find_emails
from replylint.privacy.national_ids import _SSN_LABELLED, find_ninos, find_ssns
from replylint.privacy.phones import find_phones
from replylint.privacy.secrets import find_secrets

ALL_CHARS = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
ASCII_ALNUM = set(string.ascii_lowercase + string.digits)


# ----------------------------------------------------------- pattern languages
def _language(pattern: str, flags=0, limit=200_000) -> "set[str]":
    """Every string ``pattern`` matches, with whitespace classes as " " (runs of one or
    two) and ``\\d`` as "0"; fails on constructs it cannot enumerate."""
    tree = sre_parse.parse(pattern, flags)
    out = _expand(list(tree))
    assert len(out) < limit
    return out


def _class_chars(items) -> "list[str]":
    chars = []
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.append(chr(av))
        elif op is sre_c.CATEGORY and av is sre_c.CATEGORY_SPACE:
            chars.append(" ")
        elif op is sre_c.CATEGORY and av is sre_c.CATEGORY_DIGIT:
            chars.append("0")
        elif op is sre_c.RANGE:
            lo, hi = av
            assert hi - lo < 40, "range too wide to enumerate"
            chars += [chr(c) for c in range(lo, hi + 1)]
        else:
            raise AssertionError(f"cannot enumerate class item {op}")
    return chars


def _expand(items) -> "set[str]":
    results = {""}
    for op, av in items:
        if op is sre_c.LITERAL:
            options = {chr(av)}
        elif op is sre_c.IN:
            options = set(_class_chars(av))
        elif op is sre_c.AT:
            continue
        elif op is sre_c.SUBPATTERN:
            options = _expand(list(av[-1]))
        elif op is sre_c.BRANCH:
            options = set().union(*(_expand(list(b)) for b in av[1]))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            lo, hi, body = av
            body_options = _expand(list(body))
            if hi == sre_c.MAXREPEAT:
                assert body_options <= {" ", "-"}, "unbounded repeat of more than a blank"
                hi = lo + 1
            options = set()
            for n in range(lo, hi + 1):
                options |= {"".join(p) for p in itertools.product(sorted(body_options), repeat=n)}
        else:
            raise AssertionError(f"cannot enumerate {op}")
        results = {r + o for r in results for o in options}
    return results


def _words(s: str) -> "set[bytes]":
    return {w.encode() for w in re.findall("[a-z0-9]+", s.lower())}


@pytest.mark.parametrize("name, pattern, words, substrings", [
    ("requests._NOUN", requests._NOUN, gates.NOUN_WORDS, ()),
    ("requests._VERB", requests._VERB, gates.VERB_WORDS, ()),
    ("requests._SECRET_NOUNS", requests._SECRET_NOUNS, gates.SECRET_NOUN_WORDS, ()),
    ("secrets._TRIGGER", secrets._TRIGGER, gates.SECRET_WORDS, ()),
    ("detect._BANK_WORDS", detect._BANK_WORDS, gates.BANK_WORDS, ("a/c",)),
    ("dates._BIRTH_WORD", dates._BIRTH_WORD, gates.BIRTH_WORDS, ("d.o.b",)),
    # Its label, the part before the value (which repeats a group).
    ("national_ids._SSN_LABELLED", _SSN_LABELLED.pattern.split("(?P<value>")[0], frozenset(),
     gates.SSN_LABELS),
])
def test_every_string_of_the_pattern_holds_a_gate_word(name, pattern, words, substrings):
    language = _language(pattern if isinstance(pattern, str) else pattern.pattern)
    assert language
    for s in language:
        assert not words.isdisjoint(_words(s)) or any(sub in s.lower() for sub in substrings), \
            f"{name}: {s!r} holds none of the gate's words"
    assert words <= gates.GATE_WORDS


def test_the_word_view_reads_case_folding_as_the_patterns_do():
    # A character outside \w never lowers to an ASCII letter or digit (so a \b-bounded
    # match is whole words of the lowered text) ...
    non_word = regex.findall(r"\W", ALL_CHARS)
    assert not [c for c in non_word if ASCII_ALNUM & set(c.lower())]
    # ... only these match an ASCII letter or digit under IGNORECASE without being one,
    # and folded() refuses the two whose lower() does not give it ...
    odd = regex.findall(r"(?i)[a-z0-9]", ALL_CHARS[127:])
    assert sorted(odd) == sorted(["\u0130", "\u017f", "\u212a"])
    assert folded("x\u0130") is None and folded("x\u017f") is None and folded("\u212a") == "k"
    # ... and lower() keeps every other character's length (offsets of folded == norm).
    assert [c for c in ALL_CHARS if len(c.lower()) != 1] == ["\u0130"]


def test_the_class_view_is_trusted_only_without_non_ascii_digits():
    extra = [c for c in regex.findall(r"\d", ALL_CHARS) if not c.isascii()]
    assert extra and all(not gates.digits_trusted("a" + c) for c in extra)
    assert gates.digits_trusted("call 0800 123") and gates.digits_trusted("café 12")
    # \s and the [\w\-] the shapes' look-arounds exclude are blanks in the class view.
    blanks = regex.findall(r"\s", ALL_CHARS)
    assert all(gates.Prefilter(c).classes == " " for c in blanks)


# ---------------------------------------------------------- gated == ungated
def reference_personal_data(text, **kw):
    """find_personal_data as it was before the gates: every recogniser behind its old trigger."""
    found = []
    if "@" in text:
        found += find_emails(text, allow_emails=kw.get("allow_emails", ()),
                             allow_domains=kw.get("allow_domains", ()))
    found += find_secrets(text)
    if detect._DIGITS.search(text):
        found += find_cards(text)
        found += find_ibans(text)
        found += find_ssns(text)
        if detect._NINO_TRIGGER.search(text):
            found += find_ninos(text)
        lower = text.lower()
        if any(stem in lower for stem in detect._BANK_STEMS) and detect._BANK_WORDS.search(text):
            found += find_bank_numbers(text)
        found += find_dates_of_birth(text)
        found += find_addresses(text)
        found += find_phones(text, allow_phones=kw.get("allow_phones", ()), regions=("US", "GB"))
    if not found:
        return found
    if "://" in text or "www." in text.lower():
        urls = [(u.start(), u.end()) for u in detect._URL.finditer(text)]
        starts = [s for s, _ in urls]
        found = [m for m in found if not detect._inside_link(m, urls, starts)]
    return detect.resolve_overlaps(found)


def reference_requests(text, sentences=None):
    """find_data_requests as it was before the gates."""
    lower = text.lower()
    if not any(stem in lower for stem in requests._NOUN_STEMS):
        return []
    if requests._NOUN.search(text) is None or requests._VERB.search(text) is None:
        return []
    spans = list(sentences) if sentences is not None else requests.split_sentences(text)
    found = []
    for i, (start, end) in enumerate(spans):
        asked = requests._requests_in(text, start, end)
        if not asked:
            continue
        near_start = spans[i - 1][0] if i else start
        near_end = spans[i + 1][1] if i + 1 < len(spans) else end
        private = requests._PRIVATE_CUE.search(text, near_start, near_end) is not None
        for kind, (verb_start, noun) in asked.items():
            found.append(requests.RequestMatch(kind, verb_start, noun.end(),
                                               " ".join(noun.group().lower().split()), private))
    return sorted(found, key=lambda r: r.start)


_NOUNS = sorted(_language(requests._NOUN.pattern))
_VERBS = sorted(_language(requests._VERB.pattern))
_VALUES = [
    "4111 1111 1111 1111", "4111-1111-1111-1111", "2223003122003222", "GB82 WEST 1234 5698 7654 32",
    "GB82WEST12345698765432", "NO9386011117947", "123-45-6780", "123 45 6780", "123456780",
    "AB 12 34 56 C", "AB123456C", "12-34-56", "12345678", "021000021", "07911 123456",
    "+44 7911 123456", "(415) 555-2671", "415.555.2671", "0800 123 4567", "12/03/1985",
    "1985-03-12", "12th March 1985", "March 12, 1985", "42 Maple Avenue, Springfield, IL 62704",
    "14 Mill Lane, London EC8 8RB", "10 Downing Street, London SW1A 2AA", "Xk29#pl7", "4821",
    "jane.doe@gmail.com", "j***@gmail.com", "support@acme.com", "1234", "99",
]
_LABELS = [
    "your card", "card number", "IBAN", "SSN", "ssn", "social security number", "NI number",
    "sort code", "account number", "bank account", "a/c", "acct no.", "routing number", "ABA",
    "call you on", "your number is", "mobile", "date of birth", "DOB", "d.o.b", "born on",
    "your PIN is", "pin code", "CVV", "password is", "temporary password", "one-time code",
    "order", "ticket #", "ending", "last four digits", "$", "the parcel went to", "our store at",
    "verification code", "passcode", "security number",
]
_NOISE = ["", " ", "  ", ", ", ". ", "\n", "@", "@115712 ", "@AB", "@ssn", "#", "-", "/", ":",
          "é", "\u0130", "\u017f", "\u212a", "\u0663", "\u0664\u0665", "\u00a0", "😀", "_", "x", "Q"]


def _generated(n=4000, seed=8):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 6)):
            roll = rnd.random()
            if roll < 0.25:
                parts.append(rnd.choice(_LABELS) + rnd.choice([" ", ": ", "", " is "]) + rnd.choice(_VALUES))
            elif roll < 0.45:
                parts.append(rnd.choice(["Please ", "", "Could you ", "Hi! "]) + rnd.choice(_VERBS)
                             + rnd.choice([" ", " your ", " us your ", " the ", " us the "]) + rnd.choice(_NOUNS))
            elif roll < 0.55:
                parts.append(rnd.choice(_VALUES))
            elif roll < 0.65:
                parts.append(rnd.choice(["DM us", "in the app", "we will never ask for", "don't share",
                                         "Thanks", "Sorry about that", "https://t.co/GDrqU22YpT"]))
            else:
                parts.append(rnd.choice(_NOISE))
            parts.append(rnd.choice([" ", ". ", "? ", "! ", "\n", "", ", "]))
        text = "".join(parts)
        if rnd.random() < 0.3:  # mutate a character to reach the gates' edges
            i = rnd.randrange(len(text) + 1)
            text = text[:i] + rnd.choice(_NOISE + list("0123456789-. ")) + text[i:]
        out.append(text)
    return out


_EXAMPLES = [
    "Your card 4111 1111 1111 1111 has been charged twice.",
    "@115712 Hi there, could you let us know which store you visited on 12 May? ^JR https://t.co/GDrqU22YpT",
    "@123-45-6789 is what we have",  # an SSN starting in a handle zone
    "@ssn123456789", "ssn123456789", "@AB123456C call 12", "@GB82WEST12345698765432 99",
    "What's your mobile no? 12", "Please tell us your d.ob and your do.b.", "What is your PIN1234",
    "Reply with your card no. thanks", "Send us your e-mail", "Please DM your passpassword",
    "Could you confirm your n.i. number?", "We need your 16-digit card number", "Whats ur number",
]


@pytest.mark.parametrize("chunk", range(4))
def test_gated_recognisers_equal_ungated(chunk):
    texts = _generated()[chunk::4] + _EXAMPLES
    for text in texts:
        for t in (text, text.upper(), text.lower()):
            assert find_personal_data(t) == reference_personal_data(t), t
            assert find_data_requests(t) == reference_requests(t), t
            pf = gates.Prefilter(t)
            assert find_personal_data(t, prefilter=pf) == reference_personal_data(t), t
            assert find_data_requests(t, prefilter=pf) == reference_requests(t), t
            # What RL802 and RL803 report is the same with reported_only.
            reported = [r for r in reference_requests(t) if r.kind == "secret" or not r.private_cue]
            got = find_data_requests(t, prefilter=gates.Prefilter(t), reported_only=True)
            assert [r for r in got if r.kind == "secret" or not r.private_cue] == reported, t


def test_generated_replies_reach_every_gate():
    # The differential test is only as good as its inputs: they must produce findings
    # of every kind and requests of both kinds, so the gates are exercised both ways.
    kinds, asked = set(), set()
    for text in _generated():
        kinds |= {m.kind for m in reference_personal_data(text)}
        asked |= {r.kind for r in reference_requests(text)}
    assert kinds >= {"card", "iban", "ssn", "nino", "sort_code", "bank_account", "routing_number",
                     "date_of_birth", "address", "phone", "email", "secret"}
    assert asked == {"public", "secret"}


@pytest.mark.parametrize("pattern, words, lead", [
    (requests._NOUN, gates.NOUN_WORDS, gates.NOUN_LEAD),
    (requests._VERB, gates.VERB_WORDS, gates.VERB_LEAD),
])
def test_no_match_starts_more_than_lead_words_before_its_first_gate_word(pattern, words, lead):
    # requests._requests_in starts its searches ``lead`` words before the first word of
    # the set; every match must start with an ASCII letter or digit (a word's start).
    for s in _language(pattern.pattern):
        assert s[0].isascii() and s[0].isalnum(), s
        tokens = re.findall("[a-z0-9]+", s.lower())
        first = next(i for i, w in enumerate(tokens) if w.encode() in words)
        assert first <= lead, s
