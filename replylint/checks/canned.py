"""Checks about canned and scripted replies (RL2xx)."""
from __future__ import annotations

from functools import lru_cache

from replylint.checks import Hit, register_check
from replylint.checks.apology import opening_span
from replylint.model import Context
from replylint.templates import normalise_reply, shingles, words


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


@register_check("canned.repeated_in_conversation")
def repeated_in_conversation(analysis, rule):
    """The reply (names, numbers, links and sign-off aside) was already sent earlier in
    this conversation: the one reuse a single reply can show (RL204)."""
    ctx = analysis.context
    if not ctx.history:
        return
    threshold = float(rule.options.get("similarity", 0.7))
    min_words = int(rule.options.get("min-words", 4))
    normalised = normalise_reply(analysis.text[:analysis.own_text_end], ctx)
    if len(words(normalised)) < min_words:
        return  # "Thanks!" twice in a thread is not a template
    mine = shingles(normalised)
    turns = len(ctx.history)
    for back, turn in enumerate(reversed(ctx.history), 1):
        earlier = _turn_shingles(_earlier_text(turn), ctx.customer_name, ctx.agent_name,
                                 ctx.customer_handle)
        score = _similarity(mine, earlier)
        if score >= threshold:
            span = opening_span(analysis, ("body",)) or opening_span(analysis)
            if span:
                yield Hit(span[0], span[1], values={"similarity": f"{round(100 * score)}%",
                                                    "turn": turns - back + 1})
            return
