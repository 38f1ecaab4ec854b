"""Requests for personal data, sentence by sentence (RL802 and RL803).

A request is a request verb aimed at the customer ("reply with", "send us",
"what's", "confirm") followed in the same sentence by a sensitive noun phrase
("your account number", "the CVV"). Safety notices ("we will never ask for your
PIN", "please don't share your card details here", "No PIN or account numbers
please") carry a negation before the noun and never count. A private-channel cue
(DM, private message, secure form, a call) in the sentence or next to it marks the
request as private: fine for ordinary data, still wrong for secrets.
"""
from __future__ import annotations

import regex

from replylint.privacy.gates import (
    NOUN_LEAD, NOUN_WORDS, SECRET_NOUN_WORDS, VERB_LEAD, VERB_WORDS, Prefilter,
)
from replylint.privacy.matches import RequestMatch

# Secrets: never to be asked for on any channel.
_SECRET_NOUNS = (
    r"passwords?|passcodes?|passphrases?|PINs?(?:\s+(?:code|number))?|pin\s+(?:code|number)|"
    r"cvv2?|cvc2?|cv2|(?:card\s+)?security\s+code|(?:3|4|three|four)[\s\-]digit\s+code|"
    r"one[\s\-]time\s+(?:pass)?(?:code|password|pin)|otp|verification\s+code|"
    r"authentication\s+code|2fa\s+code|login\s+code|memorable\s+(?:word|information)|"
    r"security\s+answers?"
)
# Data that must not be posted in the open but may be collected privately.
_STRONG_NOUNS = (
    r"(?:full\s+|long\s+|16[\s\-]digit\s+)?(?:credit\s+|debit\s+|bank\s+)?card\s+(?:number|details|info)|"
    r"(?:bank\s+)?account\s+(?:number|no\.?|details)|acct\s+(?:number|no\.?)|bank\s+details|"
    r"sort\s+code|routing\s+number|iban|ssn|social\s+security(?:\s+number)?|"
    r"n\.?i\.?\s+number|national\s+insurance(?:\s+number)?|date\s+of\s+birth|d\.?o\.?b|"
    r"passport\s+number|driv(?:er'?s|ing)\s+licen[cs]e\s+number"
)
# Common words that are only personal data when they are the customer's ("your address").
_WEAK_NOUNS = (
    r"(?:home\s+|full\s+|postal\s+|mailing\s+|billing\s+|shipping\s+|email\s+|e-mail\s+)?address|"
    r"(?:phone|mobile|cell|contact|telephone)\s+(?:number|no\.?)|(?P<bare>number|e-?mail)|"
    r"birthday|card\s+(?:no\.?|#)"
)
# A bare "number" is only the customer's phone number as "your number"; a bare "email"
# is the message, not the address, after "confirmation", "order", "the"...
_BARE_NOUN_OK = regex.compile(
    r"(?:(?<=\b(?:your|ur)\s+)number|(?<!\b(?:confirmation|order|last|previous|recent|latest|welcome|"
    r"verification|receipt|reset|the|our|an?|this|that)\s+)e-?mail)$",
    regex.IGNORECASE | regex.REVERSE,
)
_NOUN = regex.compile(
    rf"\b(?:(?P<secret>{_SECRET_NOUNS})|(?P<strong>{_STRONG_NOUNS})|(?P<weak>{_WEAK_NOUNS}))\b",
    regex.IGNORECASE,
)
_POSSESSIVE = regex.compile(r"\b(?:your|ur|yr|the\s+(?:account\s+holder|card\s*holder)'?s)\s+(?:\w+\s+){0,2}$",
                            regex.IGNORECASE | regex.REVERSE)
_VERB = regex.compile(
    r"\b(?:(?P<plain>reply|respond|post|send|share|tweet|comment|provide|confirm|include|"
    r"pass\s+(?:on|along)|drop|leave|DM|PM)|tell\s+(?:us|me)|give\s+(?:us|me)|let\s+(?:us|me)\s+know|"
    r"what(?:'s|’s|\s+is|\s+was|\s+are)|(?:may|can|could)\s+(?:i|we)\s+(?:have|get|take|grab)|"
    r"(?:we|i)(?:'ll|’ll|\s+will|\s+would|\s+do)?\s+need|message\s+us|e-?mail\s+us|text\s+us|"
    r"inbox\s+us)\b",
    regex.IGNORECASE,
)
# "we'll send you", "we have confirmed", "I've shared": the agent acting, not asking.
_AGENT_SUBJECT = regex.compile(
    r"\b(?:we|i|they|it)(?:'ll|’ll|'ve|’ve|\s+will|\s+have|\s+had|\s+can|\s+just|\s+already|"
    r"\s+would|\s+did|\s+won't|\s+will\s+not|\s+do)?\s*(?:just\s+|already\s+|also\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
# "send you", "send it to your email": the agent sending to the customer.
_TO_THE_CUSTOMER = regex.compile(r"\G\s+(?:you\b|u\b|(?:\w+\s+)?to\s+(?:you|your)\b)", regex.IGNORECASE)
# "your last post", "this tweet", "the reply": the verb word used as a noun.
_USED_AS_NOUN = regex.compile(r"\b(?:your|ur|the|this|that|a|an|my|our|last|latest|previous)\s+$",
                              regex.IGNORECASE | regex.REVERSE)
_NEGATION = regex.compile(
    r"(?:\b(?:never|don't|don’t|dont|do\s+not|won't|won’t|will\s+not|not|no\s+need|shouldn't|"
    r"should\s+not|avoid|refrain|without|nobody|no\s+one|please\s+remove|delete)\b|^\s*no\b)",
    regex.IGNORECASE,
)
# "(no account numbers/PINs)", "which password", "the type of card number": the noun is
# named, not asked for.
_NAMED_NOT_ASKED = regex.compile(
    r"(?:\bno\b[^.!?]{0,25}|\b(?:which|what\s+(?:kind|type)\s+of|type\s+of|kind\s+of)\s+(?:\w+\s+)?"
    r"|\bgift\s+card(?:'s|’s)?\s+)$",
    regex.IGNORECASE | regex.REVERSE,
)
# Words between verb and noun that show the noun belongs to another clause:
# "DM us if you have trouble with your password".
_OTHER_CLAUSE = regex.compile(
    r"\b(?:if|when|whether|because|about|regarding|re|issues?|problems?|questions?|trouble|"
    r"in\s+case|after|before|once|so\s+(?:that|we|i))\b",
    regex.IGNORECASE,
)
# "what's" asks for the noun only when the noun follows at once: "what's your PIN".
# Matched between verb and noun: \G anchors it at the verb (``^`` would not match there,
# at a ``pos`` past the text's start), ``$`` at the noun.
_WHAT_GAP = regex.compile(r"\G\s+(?:your|ur|the)\s+(?:[\w'’]+\s+){0,2}$", regex.IGNORECASE)
_NOT_FULL = regex.compile(
    r"\b(?:last|final|first)\s+(?:\d|two|three|four|five|six)\b[^.!?]{0,25}$",
    regex.IGNORECASE | regex.REVERSE,
)
_PRIVATE_CUE = regex.compile(
    r"\b(?:dms?|d\.m\.|direct\s+message|private(?:ly)?|inbox|secure(?:ly)?|call\s+us|"
    r"give\s+us\s+a\s+(?:call|ring)|ring\s+us|phone\s+us|over\s+the\s+phone|by\s+phone|"
    r"e-?mail\s+us|by\s+e-?mail|via\s+e-?mail|message\s+us|web\s*form|contact\s+form|"
    r"live\s+chat|online\s+banking|olb|(?:the|our|mobile)\s+app|(?:via|through|using|with|follow|click|use|open)\s+"
    r"(?:the|this|our)\s+(?:link|form)|link\s+below|(?-i:PM))\b",
    regex.IGNORECASE,
)
# In India a "pin code" is a postcode: "the store's address with pin code".
_POSTAL_PIN = regex.compile(r"\b(?-i:pin|Pin)\s*code\b")
_POSTAL_WORDS = regex.compile(r"\b(?:address|area|locality|city|store|location|delivery|district)\b",
                              regex.IGNORECASE)
# Where a customer types a secret into the product itself, asking is not a leak.
_SELF_SERVICE = regex.compile(
    r"\b(?:in\s+the\s+app|on\s+(?:the|our)\s+(?:web)?site|on\s+the\s+(?:login|sign[\s\-]?in)\s+page|"
    r"when\s+prompted|at\s+(?:the|any)\s+(?:atm|till|terminal|cash\s+machine|keypad)|"
    r"on\s+(?:the|your)\s+(?:screen|keypad|device))\b",
    regex.IGNORECASE,
)
# Substrings every sensitive noun contains: a C-speed ``in`` test that spares most
# replies the big case-insensitive alternation.
_NOUN_STEMS = ("pass", "pin", "cvv", "cvc", "cv2", "code", "otp", "memorable", "security",
               "card", "account", "acct", "bank", "sort", "routing", "iban", "ssn", "social",
               "insurance", "birth", "dob", "d.o.b", "passport", "licen", "address", "phone",
               "number", "mail")
_SENTENCE = regex.compile(r"[^.!?\n]+[.!?]*")


def split_sentences(text: str) -> "list[tuple[int, int]]":
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def _is_request_verb(text: str, verb, sentence_start: int) -> bool:
    """A plain verb asks only when the customer is its subject and not its object."""
    if not verb["plain"]:
        return True
    # ``match`` on a REVERSE pattern is anchored at the verb, where the pattern's "$" is:
    # ``search`` would also try, and fail at, every earlier position of the sentence
    # (quadratic over a long sentence of verbs); the answer is the same.
    if _AGENT_SUBJECT.match(text, sentence_start, verb.start()):
        return False
    if _USED_AS_NOUN.search(text, max(sentence_start, verb.start() - 12), verb.start()):
        return False
    return _TO_THE_CUSTOMER.match(text, verb.end()) is None


def _in_sentence(pattern, text: str, start: int, end: int, seen: dict) -> bool:
    """Whether ``pattern`` occurs in text[start:end], searched once per sentence."""
    if pattern not in seen:
        seen[pattern] = pattern.search(text, start, end) is not None
    return seen[pattern]


def _noun_asked(text: str, start: int, end: int, verb, noun, seen: dict, clause) -> "str | None":
    """The kind of data ``verb`` asks for with ``noun``, or None when it does not ask.

    ``seen`` keeps the sentence-wide searches of one sentence and ``clause`` is the
    first other-clause word after the verb (or None): searched again for every noun,
    they made a long sentence of repeated requests quadratic.
    """
    # The gap between verb and noun holds an other-clause word exactly when the first
    # one after the verb ends before the noun (none of them runs into a noun's start).
    if clause is not None and clause.end() <= noun.start():
        return None
    if verb.group().lower().startswith("what") and not _WHAT_GAP.match(text, verb.end(), noun.start()):
        return None
    if _NAMED_NOT_ASKED.search(text, max(start, noun.start() - 40), noun.start()):
        return None
    if noun["bare"] and not _BARE_NOUN_OK.search(text, max(start, noun.start() - 20), noun.end()):
        return None
    if noun["weak"] and not _POSSESSIVE.search(text, max(start, noun.start() - 30), noun.start()):
        return None
    if not noun["secret"] and _NOT_FULL.search(text, max(start, noun.start() - 40), noun.start()):
        return None
    if noun["secret"]:
        if _POSTAL_PIN.match(noun.group()) and _in_sentence(_POSTAL_WORDS, text, start, end, seen):
            # A postcode: the customer's only when it is "your".
            return "public" if _POSSESSIVE.search(text, max(start, noun.start() - 30), noun.start()) else None
        return None if _in_sentence(_SELF_SERVICE, text, start, end, seen) else "secret"
    return "public"


# The start of the word before a position (with the spaces after it): a negation phrase
# ("do not", "no one") holding that position starts no earlier than this.
_WORD_BEFORE = regex.compile(r"\S*\s*", regex.REVERSE)


def _lead_start(tokens: list, k: int, lead: int) -> int:
    """Where a match whose first gate word is ``tokens[k]`` (or later) may start at the
    earliest: the word ``lead`` words before it (gates.NOUN_LEAD, VERB_LEAD)."""
    return tokens[k - lead][0] if k >= lead else tokens[0][0]


def _requests_in(text: str, start: int, end: int, tokens=None) -> dict:
    """kind -> (verb start, noun) for the first request of each kind in text[start:end].

    Each verb owns the nouns up to the next request verb, so "reply with your account
    number and tell us your CVV" pairs the CVV with "tell us". ``tokens``
    (``Prefilter.tokens_between(start, end)``) lets the verb and noun searches start
    where a match can first begin, and skip a verb's stretch holding no noun word:
    the matches found are the same.
    """
    lo = start
    if tokens is not None:
        k = next((k for k, (_, word) in enumerate(tokens) if word in VERB_WORDS), None)
        if k is None:
            return {}
        lo = max(start, _lead_start(tokens, k, VERB_LEAD))
    verbs = [v for v in _VERB.finditer(text, lo, end) if _is_request_verb(text, v, start)]
    if tokens is not None:
        # next_noun[t]: the index of the first noun word at or after word t (or None).
        next_noun, k = [None] * (len(tokens) + 1), None
        for j in range(len(tokens) - 1, -1, -1):
            if tokens[j][1] in NOUN_WORDS:
                k = j
            next_noun[j] = k
        t = 0
    found: dict = {}
    sentence = text[start:end]
    # Where the search for a negation before the next noun resumes. Nouns come in
    # order and each starts a word, so a negation before an earlier noun was already
    # seen; searching only from the word before that noun keeps one long sentence of
    # requests linear (searching from the sentence start every time was quadratic).
    # The first search starts at 0, where the "^\s*no" alternative can match.
    resume = 0
    seen: dict = {}
    for i, verb in enumerate(verbs):
        until = verbs[i + 1].start() if i + 1 < len(verbs) else end
        noun_from = verb.end()
        if tokens is not None:
            # Verbs come in order: the first word at or after this verb's end is found
            # by moving one index forward, never by rescanning (linear in the sentence).
            while t < len(tokens) and tokens[t][0] < noun_from:
                t += 1
            k = next_noun[t]
            if k is None or tokens[k][0] + len(tokens[k][1]) > until:
                continue  # no noun word in this verb's stretch: no noun either
            noun_from = max(noun_from, _lead_start(tokens, k, NOUN_LEAD))
        clause = _OTHER_CLAUSE.search(text, verb.end(), until)
        for noun in _NOUN.finditer(text, noun_from, until):
            upto = noun.start() - start
            if _NEGATION.search(sentence, resume, upto):
                return found  # a safety notice: nothing after the negation is asked for
            resume = _WORD_BEFORE.match(sentence, resume, upto).start()
            # A noun can only add a kind not found yet: a secret noun is a secret (a
            # postal "pin code" may also be public data), any other noun public data.
            # Skipping the ones that cannot keeps thousands of repeats from each
            # re-reading the whole sentence; the result is the same.
            if not noun["secret"]:
                possible = ("public",)
            elif _POSTAL_PIN.match(noun.group()):
                possible = ("secret", "public")
            else:
                possible = ("secret",)
            if all(kind in found for kind in possible):
                continue
            kind = _noun_asked(text, start, end, verb, noun, seen, clause)
            if kind and kind not in found:
                found[kind] = (verb.start(), noun)
    return found


def find_data_requests(text: str, sentences=None, *, prefilter: "Prefilter | None" = None,
                       reported_only: bool = False) -> "list[RequestMatch]":
    """Requests for personal data: per sentence, at most one public and one secret.

    ``prefilter`` (a ``gates.Prefilter`` of ``text``) may be shared with other checks of
    the same reply. A request needs a request verb and a sensitive noun in one sentence,
    so only sentences holding a word of each (gates.VERB_WORDS, gates.NOUN_WORDS) are read.
    With ``reported_only`` the public requests made next to a private-channel cue (which
    RL802 passes over) may be left out: a sentence that cannot ask for a secret (no word
    of gates.SECRET_NOUN_WORDS) and has a cue is not read at all.
    """
    pf = prefilter if prefilter is not None else Prefilter(text)
    hits = pf.hits
    if hits is not None and (NOUN_WORDS.isdisjoint(hits) or VERB_WORDS.isdisjoint(hits)):
        return []
    spans = list(sentences) if sentences is not None else split_sentences(text)
    found = []
    for i, (start, end) in enumerate(spans):
        tokens = None
        if hits is not None:
            words = pf.words_between(start, end)
            if NOUN_WORDS.isdisjoint(words) or VERB_WORDS.isdisjoint(words):
                continue
            tokens = pf.tokens_between(start, end)
        near_start = spans[i - 1][0] if i else start
        near_end = spans[i + 1][1] if i + 1 < len(spans) else end
        private = None
        if reported_only and hits is not None and SECRET_NOUN_WORDS.isdisjoint(words):
            private = _PRIVATE_CUE.search(text, near_start, near_end) is not None
            if private:
                continue  # only public requests here, all of them private
        requests = _requests_in(text, start, end, tokens)
        if not requests:
            continue
        if private is None:
            private = _PRIVATE_CUE.search(text, near_start, near_end) is not None
        for kind, (verb_start, noun) in requests.items():
            found.append(RequestMatch(kind, verb_start, noun.end(),
                                      " ".join(noun.group().lower().split()), private))
    if found and not _whole_text_asks(text):
        return []
    return sorted(found, key=lambda r: r.start)


def _whole_text_asks(text: str) -> bool:
    """The whole-text tests every request has always been held to (noun stems, a noun
    and a verb somewhere): run only once a sentence has asked, they never change a
    result but keep it exactly what it was."""
    lower = text.lower()
    if not any(stem in lower for stem in _NOUN_STEMS):
        return False
    return _NOUN.search(text) is not None and _VERB.search(text) is not None
