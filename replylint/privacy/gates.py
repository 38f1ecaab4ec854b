"""Cheap, sound gates: what a reply must hold before a privacy recogniser can match.

Every recogniser is a large regex or several; most replies hold nothing any of them
could match, and scanning 100+ characters with each costs far more than asking a few
C-speed questions of the reply first. A gate may let through text that matches
nothing (the recogniser then decides), but must never turn away text that would
match: tests/test_privacy_gates.py checks every word set below against the languages
of the patterns it stands for, and gated against ungated results on generated text.

Two views of a reply, each computed at most once (``Prefilter``):

* its *words*: maximal runs of ``[a-z0-9]`` in ``text.lower()``. A match of a
  ``\\b``-bounded case-insensitive pattern holds whole words of the lowered text: a
  character outside ``\\w`` never lowers to an ASCII letter or digit, and only
  "İ", "ſ" and the Kelvin sign match an ASCII letter under ``IGNORECASE`` (the first
  two make ``matchers.folded`` give None: then no word gate is applied).
* its *character classes*: each character as ``0`` (ASCII digit), ``A`` (ASCII
  capital), ``a`` (other ASCII word character), ``@``, ``-``, or a space (anything else),
  so digit counts and shapes are ``str.count``, ``in`` and literal-led searches. Used
  only when the reply has no non-ASCII digit (``\\d`` matches those), which
  ``digits_trusted`` checks.
"""
from __future__ import annotations

import re

import regex

from replylint.matchers import folded

# [a-z0-9] kept, everything else (and "?" for each non-ASCII character) blanked.
_WORD_TABLE = bytes(c if (97 <= c <= 122 or 48 <= c <= 57) else 32 for c in range(256))
_CLASS_TABLE = bytes(
    48 if 48 <= c <= 57 else 65 if 65 <= c <= 90 else 97 if (97 <= c <= 122 or c == 95)
    else c if c in b"@-" else 32
    for c in range(256)
)
# The handle zone of ``detect._DIGITS``' look-behind ``(?<!@\w{0,30})``: a digit within
# 30 word characters after an "@" never starts a digit pair. Non-ASCII characters are
# blanks in the class view, so a zone ends early there and more digits count: safe.
_HANDLE_ZONE = re.compile(r"@[0Aa]{1,30}")
# The recognisers' shapes in the class view, without their look-arounds (so each
# search starts from a literal, which ``re`` finds at C speed): addresses._POSTAL (UK,
# "A{1,2}0[A0]? ?0AA", and US), bank.find_ibans ("AA00" and 11 or more characters,
# single spaces between), national_ids._NINO and the SSN shapes.
_UK_POSTCODE_SHAPE = re.compile(r"A0[A0]? ?0AA")
_US_ZIP_SHAPE = re.compile(r"AA +00000")
_IBAN_SHAPE = re.compile(r"AA00(?: ?[0Aa]){11}")
_NINO_SHAPE = re.compile(r"AA ?00 ?00 ?00 ?A")
_SSN_LABELLED_SHAPE = re.compile(r"000 ?00 ?0000")
_NON_ASCII_DIGIT = regex.compile(r"(?V1)[\d--[0-9]]")

# ---------------------------------------------------------------- word sets
# One word of every string the patterns can match (tests enumerate the languages).

#: requests._NOUN: the sensitive nouns asked for.
NOUN_WORDS = frozenset(w.encode() for w in (
    "password", "passwords", "passcode", "passcodes", "passphrase", "passphrases",
    "passpassword", "passpin", "pin", "pins", "cvv", "cvv2", "cvc", "cvc2", "cv2",
    "security", "code", "otp", "memorable", "card", "account", "acct", "bank", "sort",
    "routing", "iban", "ssn", "social", "number", "insurance", "birth", "birthday", "dob",
    "b", "ob", "passport", "address", "phone", "mobile", "cell", "contact", "telephone",
    "email", "mail",
))
#: The words of NOUN_WORDS a secret noun (requests._SECRET_NOUNS) always holds one of.
SECRET_NOUN_WORDS = frozenset(w.encode() for w in (
    "password", "passwords", "passcode", "passcodes", "passphrase", "passphrases",
    "passpassword", "passpin", "pin", "pins", "cvv", "cvv2", "cvc", "cvc2", "cv2",
    "security", "code", "otp", "memorable",
))
#: At most this many words of a noun (verb) come before its first word in NOUN_WORDS
#: (VERB_WORDS): "full 16-digit credit card" has 4 before "card", "we will need" 2
#: before "need". A match starts at a word's start, so none starts before the word this
#: many words before the first word of the set in a stretch of text.
NOUN_LEAD = 4
VERB_LEAD = 2
#: requests._VERB: the request verbs.
VERB_WORDS = frozenset(w.encode() for w in (
    "reply", "respond", "post", "send", "share", "tweet", "comment", "provide", "confirm",
    "include", "pass", "drop", "leave", "dm", "pm", "tell", "give", "know", "what",
    "may", "can", "could", "need", "message", "email", "mail", "text", "inbox",
))
#: secrets._TRIGGER: the keywords a secret value must follow.
SECRET_WORDS = frozenset(w.encode() for w in (
    "pin", "otp", "passcode", "password", "passphrase", "pwd", "code", "cvv", "cvv2",
    "cvc", "cvc2", "cv2", "cid", "security",
))
#: national_ids._SSN_LABELLED's labels (substrings: a label may run into its value).
SSN_LABELS = ("ssn", "ss#", "social")
#: dates._BIRTH_WORD (its "d.o.b" is checked as a substring).
BIRTH_WORDS = frozenset(w.encode() for w in (
    "date", "dob", "birth", "birthdate", "birthday", "born",
))
#: detect._BANK_WORDS (its "a/c" is checked as a substring).
BANK_WORDS = frozenset(w.encode() for w in (
    "account", "acct", "sort", "sortcode", "routing", "aba", "rtn",
))


GATE_WORDS = NOUN_WORDS | VERB_WORDS | SECRET_WORDS | BIRTH_WORDS | BANK_WORDS


def digits_trusted(text: str) -> bool:
    """True when every character ``\\d`` matches in ``text`` is an ASCII digit."""
    return text.isascii() or _NON_ASCII_DIGIT.search(text) is None


def may_hold_email(text: str) -> bool:
    """An address needs an "@" between a local-part character and a domain character."""
    i = text.find("@")
    while i >= 0:
        if i and text[i - 1] in _LOCAL_END and text[i + 1:i + 2] in _DOMAIN_START:
            return True
        i = text.find("@", i + 1)
    return False


_DOMAIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_LOCAL_END = _DOMAIN_START | frozenset("._%+-")


class Prefilter:
    """The gates' views of one reply, each computed at most once."""

    __slots__ = ("text", "lower", "_wb", "_words", "_hits", "_classes", "_outside")

    def __init__(self, text: str, lower: "str | None | bool" = False):
        self.text = text
        # ``lower`` is ``matchers.folded(text)`` when the caller has it (None: untrusted).
        self.lower = folded(text) if lower is False else lower
        self._wb = self._words = self._hits = self._classes = self._outside = None

    # ------------------------------------------------------------------ words
    @property
    def words(self) -> "list | None":
        """The reply's words (bytes, in order), or None when no word gate may be applied.

        A word set ``W`` may be met with ``not W.isdisjoint(words)``: no set is built.
        """
        if self._words is None and self.lower is not None:
            self._wb = self.lower.encode("ascii", "replace").translate(_WORD_TABLE)
            self._words = self._wb.split()
        return self._words

    @property
    def hits(self) -> "frozenset | None":
        """The reply's words that are in some gate's word set (None: no word gate)."""
        if self._hits is None:
            words = self.words
            if words is None:
                return None
            self._hits = GATE_WORDS.intersection(words)
        return self._hits

    def words_between(self, start: int, end: int) -> list:
        """The words of text[start:end] (``words`` must not be None)."""
        return self._wb[start:end].split()

    def tokens_between(self, start: int, end: int) -> list:
        """``(offset, word)`` for each word of text[start:end], in order."""
        wb, pos, out = self._wb, start, []
        for word in wb[start:end].split():
            pos = wb.find(word, pos)  # only blanks lie between ``pos`` and this word
            out.append((pos, word))
            pos += len(word)
        return out

    # ------------------------------------------------------- character classes
    @property
    def classes(self) -> str:
        if self._classes is None:
            # A str, so the shape patterns are ordinary str patterns (linear: tested
            # with every other module-level pattern in tests/test_regex_safety.py).
            self._classes = self.text.encode("ascii", "replace").translate(_CLASS_TABLE).decode("ascii")
        return self._classes

    def digits_outside_handles(self) -> int:
        """ASCII digits not within 30 word characters after an "@" (a lower bound of none)."""
        if self._outside is None:
            self._outside = _HANDLE_ZONE.sub("@", self.classes).count("0")
        return self._outside

    def may_hold_postcode(self) -> bool:
        """addresses._POSTAL's shapes: "A(A)0(A|0)( )0AA" (UK) or "AA +00000" (US)."""
        c = self.classes
        return ("0AA" in c and _UK_POSTCODE_SHAPE.search(c) is not None) or \
            ("AA " in c and _US_ZIP_SHAPE.search(c) is not None)

    def may_hold_iban_or_nino(self) -> bool:
        """bank.find_ibans ("AA00" + 11 or more characters) or national_ids._NINO's shape."""
        c = self.classes
        if "AA0" in c and _IBAN_SHAPE.search(c) is not None:
            return True
        return ("AA0" in c or "AA 0" in c) and _NINO_SHAPE.search(c) is not None

    def may_hold_ssn(self) -> bool:
        """national_ids' SSN shapes: 3-2-4 digits dashed, or labelled and spaced or not."""
        c = self.classes
        if "000-00-0000" in c:
            return True
        # The label may run into its value ("ssn123456789"): substrings, not words.
        lower = self.lower
        return (lower is None or any(label in lower for label in SSN_LABELS)) and \
            _SSN_LABELLED_SHAPE.search(c) is not None
