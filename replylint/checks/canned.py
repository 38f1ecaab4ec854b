"""Checks about canned and scripted replies (RL2xx)."""
from __future__ import annotations

from functools import lru_cache

from replylint.checks import Hit, register_check
from replylint.checks.apology import opening_span
from replylint.model import Context
from replylint.normalize import normalize_text
from replylint.templates import (normalise_reply, regions_of_segments, shingles, shingles_of_words,
                                 words)


def _earlier_text(turn) -> str:
    if isinstance(turn, str):
        return turn
    if isinstance(turn, dict):
        return str(turn.get("text") or "")
    return str(getattr(turn, "text", "") or "")


@lru_cache(maxsize=8192)
def _turn_shingles(text: str, customer_name, agent_name, customer_handle) -> frozenset:
    """Shingles of an earlier turn, normalised with the names it may hold (the only
    context normalise_reply reads). A thread's turns come back with each of its later
    replies and with every re-check of a draft, so they are normalised once."""
    context = Context(customer_name=customer_name, agent_name=agent_name,
                      customer_handle=customer_handle)
    return frozenset(shingles(normalise_reply(text, context)))


def _similarity(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _fold(text: str) -> str:
    # str.lower() is per character except the Greek capital sigma, lowered to "ς" or
    # "σ" by what follows it; normalising can change what follows, so both count alike.
    return text.replace("\u03c2", "\u03c3")


class _Screen:
    """A check, without normalising an earlier turn, that it cannot reach the
    threshold: a cheap upper bound of its similarity with the reply.

    Every word of a normalised turn that is not a placeholder (``<...>``) is made of
    the turn's own characters (normalising only inserts placeholders, spaces and
    commas, and normalize_text changes no letter or digit), so each of its runs of
    letters and digits (the word split at "'") is a substring of ``turn.lower()``. A
    shingle of the reply with such a run missing there cannot be a shingle of the
    turn. With ``possible`` shingles left out of the reply's ``n``: similarity =
    shared / union <= possible / n, and float division is monotonic, so
    ``possible / n < threshold`` means no match, exactly.
    """

    __slots__ = ("size", "most_missed", "probes", "first")

    def __init__(self, normalised: str, word_list: list, size: int, threshold: float):
        """``word_list``: ``words(normalised)``; ``size``: its number of distinct
        shingles (``len(shingles_of_words(word_list))``), at least 1."""
        if "\u03c2" in normalised:
            word_list = [_fold(w) for w in word_list]
        # What to look for in the turn and, as a bit mask, at which word positions:
        # the words, or their runs for a word with "'".
        # Long words first: the likeliest to be missing from an unrelated turn, which
        # may_match then rules out after a few probes.
        long_probes, short_probes = [], []
        for j, w in enumerate(word_list):
            if w[0] != "<":
                (long_probes if len(w) > 4 else short_probes).append((w, 1 << j))
        probes = long_probes + short_probes
        if "'" in normalised:
            probes = [(run, bit) for w, bit in probes for run in w.split("'") if run]
        self.probes = probes
        # Shingle i is the window of words i..i+2 (one window for a reply of 3 words or
        # fewer); a repeated shingle is counted at its first window only.
        windows = max(1, len(word_list) - 2)
        if size == windows:
            self.first = (1 << windows) - 1
        else:
            first = {}
            for i, shingle in enumerate(zip(word_list, word_list[1:], word_list[2:])):
                first.setdefault(shingle, i)
            self.first = sum(1 << i for i in first.values())
        self.size = size
        # The most shingles that may be ruled out with the bound still at or above
        # the threshold (the float test decides).
        most = int(size * (1 - threshold))
        while most < size and (size - most - 1) / size >= threshold:
            most += 1
        while most >= 0 and (size - most) / size < threshold:
            most -= 1
        self.most_missed = most

    def may_match(self, turn_text: str) -> bool:
        hay = _fold(turn_text.lower())
        missing, first, most = 0, self.first, self.most_missed
        for probe, position in self.probes:
            if probe not in hay:
                missing |= position
                if ((missing | missing >> 1 | missing >> 2) & first).bit_count() > most:
                    return False
        return True


@register_check("canned.repeated_in_conversation")
def repeated_in_conversation(analysis, rule):
    """The reply (names, numbers, links and sign-off aside) was already sent earlier in
    this conversation: the one reuse a single reply can show (RL204)."""
    ctx = analysis.context
    if not ctx.history:
        return
    threshold = float(rule.options.get("similarity", 0.7))
    min_words = int(rule.options.get("min-words", 4))
    text, own_end = analysis.text, analysis.own_text_end
    if own_end == len(text) and analysis.norm == normalize_text(text):
        # The whole reply, not read as HTML: the analysis has segmented this very
        # text, so its greeting, sign-off and quoted regions are reused.
        normalised = normalise_reply(text, ctx, regions=regions_of_segments(analysis.segments))
    else:
        normalised = normalise_reply(text[:own_end], ctx)
    word_list = words(normalised)
    if len(word_list) < min_words:
        return  # "Thanks!" twice in a thread is not a template
    # Most turns (the customer's messages, other answers) fail the screen and are
    # never normalised; with no words or a threshold of 0 every turn is scored.
    if len(word_list) > 3:
        size = len(set(zip(word_list, word_list[1:], word_list[2:])))
    else:
        size = 1 if word_list else 0
    screen = _Screen(normalised, word_list, size, threshold) if size and threshold > 0 else None
    mine = None
    turns = len(ctx.history)
    for back, turn in enumerate(reversed(ctx.history), 1):
        turn_text = _earlier_text(turn)
        if screen is not None and not screen.may_match(turn_text):
            continue
        if mine is None:
            mine = shingles_of_words(word_list)
        earlier = _turn_shingles(turn_text, ctx.customer_name, ctx.agent_name, ctx.customer_handle)
        score = _similarity(mine, earlier)
        if score >= threshold:
            span = opening_span(analysis, ("body",)) or opening_span(analysis)
            if span:
                yield Hit(span[0], span[1], values={"similarity": f"{round(100 * score)}%",
                                                    "turn": turns - back + 1})
            return
