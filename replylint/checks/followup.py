"""Checks about keeping the customer in the loop (RL7xx) that need more than phrases."""
from __future__ import annotations

from collections import Counter

import regex

from replylint.checks import Hit, register_check
from replylint.matchers import folded, may_match_all, required_literal_sets

# The inbound asks something: a question mark in a sentence that opens like a question
# or holds a question word ("$3 burritos with a costume??" is delight, not a question).
# The question word is a look-behind from the "?" (the "?" first, so the look-behind
# runs only there): scanning forward from every question
# word to the sentence end (and failing there when no "?" follows) was quadratic on long
# inbound messages; looking back from each "?" reads each sentence once. Only whether it
# is found is used.
_QUESTION = regex.compile(
    r"\?(?<=\b(?:how|why|when|where|what|which|who|can|could|would|will|is|are|do|does|did|should|any)\b"
    r"[^.!?\n]*\?)|\bplease (?:help|fix|explain)\b",
    regex.IGNORECASE,
)
# Sentences that only acknowledge: sympathy, apology, thanks.
_COURTESY = regex.compile(
    r"\b(?:sorr(?:y|ies)|apolog\w*|thank\w*|understand\w*|hear (?:that|this|about)|appreciate\w*"
    r"|frustrat\w*|disappoint\w*|not (?:good|great|ideal|what we)|oh no|we hate|that's (?:awful|"
    r"terrible|annoying|frustrating|not good)|our bad|inconvenien\w*|regret\w*|we feel|bear with)\b",
    regex.IGNORECASE,
)
# Anything that answers, explains, asks, or says what happens next and who does it.
_NEXT_STEP = regex.compile(
    r"\?|^\W*(?:yes|no|yep|nope)\b|\d"
    r"|\b(?:will|'ll|shall|going to|let me|let us|please|kindly|dm|direct message|send|click|tap|try"
    r"|check|visit|call|email|contact|reach out|follow|go to|head to|here's|here is|you can|you'll"
    r"|you need|you should|i've|we've|i have|we have|has been|have been|is being|are being|looking"
    r"|on it|working on|passed|passing|shared|forwarded|escalated|refund\w*|replace\w*|credit\w*"
    r"|because|due to|however|but|although|though|unfortunately|unable|can't|cannot|not able"
    r"|allowed|only|subject to|policy|based on|aims?|within|leave it with|assist|make (?:this|it) right"
    r"|resolved|fixed|sorted|afraid not|able to|provide|working|while we|in stock|available)\b",
    regex.IGNORECASE,
)
# One part of a tweet thread ("1/2", "(1)", "3/3"): the next step may be in another part.
_PART = regex.compile(r"(?:\b\d{1,2}/\d{1,2}\b|\(\d{1,2}\)|>>+|\.{3}|…)")
_NOT_CONTENT = ("greeting", "signoff", "quoted", "url", "email", "mention")


# Every match of _QUESTION holds one of these ("?", "please help"...): an inbound
# message holding none is no question, and the look-behind search is not run.
_QUESTION_GATE = required_literal_sets(_QUESTION)


def inbound_needs_answer(analysis) -> bool:
    """The customer complained or asked something (not thanks or praise)."""
    inbound = analysis.context.inbound or ""
    return bool(inbound.strip()) and (
        analysis.inbound_complaint
        or (may_match_all(_QUESTION_GATE, folded(inbound)) and bool(_QUESTION.search(inbound))))

# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup, a compiled pattern ~1 µs.
_CLAUSE_BREAK = regex.compile(r"[,;:]")
_LETTER = regex.compile(r"\p{L}")
_WORDS_RUN = regex.compile(r"[\p{L}\p{N}](?:.*\S)?")


def _all_courtesy(sentence: str) -> bool:
    """Every clause of four words or more apologises, sympathises or thanks.

    "That isn't for advance fares, apologies for the confusion" answers in its first clause.
    """
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if len(c.split()) >= 4]
    return bool(_COURTESY.search(sentence)) and all(_COURTESY.search(c) for c in clauses)


def _content_text(analysis) -> str:
    """The reply with greeting, sign-off, quotes, links and @mentions blanked out (same length)."""
    chars = list(analysis.norm)
    for seg in analysis.segments:
        if seg.kind in _NOT_CONTENT:
            chars[seg.start:seg.end] = " " * (seg.end - seg.start)
    return "".join(chars)


# Short words in most replies: a piece of last resort (this only picks which piece of
# a word is looked for, never whether the word is).
_COMMON_PIECES = frozenset({"we", "our", "no", "you", "to", "the", "a", "i"})


def _piece_groups(groups) -> "tuple | None":
    """``groups`` for a text some of whose characters were blanked to spaces after the
    fact: each word is replaced by one of its runs without white space, which the
    original text holds wherever the blanked one holds the word (the run most words of
    the group share, so fewer are looked for: "hear" for "hear that" and "hear this").
    A word holding another of the group is dropped ("frustrating" beside "frustrat")."""
    if groups is None:
        return None
    out = []
    for group in groups:
        split = [word.split() for word in group]
        if not all(split):
            return None
        shared = Counter(piece for pieces in split for piece in set(pieces))
        chosen = {max(pieces, key=lambda p: (p not in _COMMON_PIECES, shared[p], len(p))) for pieces in split}
        out.append(tuple(sorted(w for w in chosen if not any(o != w and o in w for o in chosen))))
    return tuple(out)


# A finding needs a sentence _COURTESY finds, in the reply with its greeting, sign-off,
# links and mentions blanked: a reply holding none of its words (read from the pattern)
# returns before the reply is blanked and its sentences are read.
_COURTESY_GATE = _piece_groups(required_literal_sets(_COURTESY))


@register_check("followup.no_next_step")
def no_next_step(analysis, rule):
    """The whole reply is courtesy: no answer, no question, no next step."""
    # No inbound message: inbound_needs_answer would say no. Then the reply's words
    # before the inbound's: the cheaper test, and as selective. A plain function: no
    # generator is made for the replies that stop here (nearly all).
    if (not analysis.context.inbound or not may_match_all(_COURTESY_GATE, analysis.folded)
            or not inbound_needs_answer(analysis)):
        return ()
    return _no_next_steps(analysis)


def _no_next_steps(analysis):
    if analysis.segments_of("url") or _PART.search(analysis.norm):
        return  # a link is a way forward; a thread part may have the rest
    content = _content_text(analysis)
    spans = []
    for start, end in analysis.sentences:
        sentence = content[start:end]
        if not _LETTER.search(sentence):
            continue
        # (the cheaper test first: most sentences that answer hold no courtesy at all)
        if not _all_courtesy(sentence) or _NEXT_STEP.search(sentence.strip()):
            return
        words = _WORDS_RUN.search(sentence)
        spans.append((start + words.start(), start + words.end()))
    if spans:
        yield Hit(spans[0][0], spans[-1][1])
