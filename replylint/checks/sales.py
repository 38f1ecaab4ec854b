"""The sales-pitch check (RL301): an offer pushed at the customer, not one they asked about."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check
from replylint.checks.apology import _fewer_words
from replylint.matchers import may_match_all, required_literal_sets

# Offers, promotions and upsells: one alternative each (kept apart for the gate below).
_OFFER_ALTERNATIVES = (
    r"(?:special|exclusive|limited[\s-]time|amazing)\s+(?:offers?|deals?|discounts?|promotions?|promos?|prices?|sale)",
    r"\d{1,2}\s?%\s+off",
    r"save\s+(?:up\s+to\s+)?\d{1,2}\s?%",
    r"(?:promo|discount|voucher|coupon)\s+code",
    r"upgrade\s+to\s+(?:our\s+)?(?:premium|pro|plus|unlimited|business|gold|platinum|a\s+higher\s+tier)",
    r"(?:for\s+a\s+limited\s+time|while\s+(?:stocks|supplies)\s+last)",
    r"our\s+(?:new|latest|other)\s+(?:range|collection|menu|products|deals|offers|flavou?rs|arrivals|bundles|plans)",
    r"add(?:ing)?\s+(?:an?\s+|another\s+|extra\s+|more\s+)?(?:line|lines|data|unlimited(?:\s+data)?|insurance|protection"
    r"|device|tablet|watch|channels?|sports|movies|premium)\b[^.!?\n]{0,30}?\bto\s+your\s+(?:plan|package|bundle"
    r"|subscription|contract)",
)
_OFFER = regex.compile(r"\b(?:" + "|".join(_OFFER_ALTERNATIVES) + ")", regex.IGNORECASE)
# Pitches on their own: no offer word needed.
_PITCH_ALTERNATIVES = (
    r"would\s+you\s+like\s+to\s+(?:hear|know|learn)\s+about\s+our",
    r"(?:sign\s*up|subscribe)\s+(?:for|to)\s+our\s+(?:newsletter|mailing\s+list|offers|deals|emails)",
    r"(?:don't|do\s+not)\s+miss\s+(?:out\s+on\s+)?(?:our|this|these)\s+(?:[\w-]+\s+){0,2}?(?:deals?|offers?|sale|savings"
    r"|promotion|discount)",
    r"have\s+you\s+(?:considered|thought\s+about)\s+upgrading",
    r"why\s+not\s+upgrade",
)
_PITCH = regex.compile(r"\b(?:" + "|".join(_PITCH_ALTERNATIVES) + r")\b", regex.IGNORECASE)
# A call to action in the same sentence turns an offer mentioned into an offer pushed.
_CALL_TO_ACTION = regex.compile(
    r"\b(?:get\s+(?:it|yours|one|them|\d)|grab|snag|hurry|shop|buy|order\s+(?:now|today|yours)|book\s+(?:now|today)"
    r"|check\s+(?:it|them|out)|upgrade|sign\s*up|join|treat\s+yourself|stock\s+up|don't\s+miss|why\s+not"
    r"|(?:you\s+can|you'll|you\s+will|you\s+could)\s+(?:get|save|enjoy|claim|grab|have)|enjoy|claim|use\s+(?:the\s+)?code"
    r"|take\s+advantage|find\s+(?:it|one|them)\s+near\s+you|have\s+you\s+seen)\b",
    regex.IGNORECASE,
)
# An offer described as over, not applicable, or as the reason for something.
_NOT_PUSHED = regex.compile(
    r"\b(?:was|were|ended|expired|is\s+over|no\s+longer|isn't|is\s+not|aren't|are\s+not|doesn't|does\s+not"
    r"|didn't|did\s+not|not\s+(?:valid|applicable|available|eligible)|ways\s+to|how\s+to|able\s+to"
    r"|(?:you\s+can|you'll\s+need\s+to|you\s+need\s+to)\s+upgrade)\b",
    regex.IGNORECASE,
)
# The customer asked about prices or offers: talking about them answers the question.
_ASKED_ABOUT_OFFERS = regex.compile(
    r"\b(?:offers?|deals?|discounts?|promo\w*|codes?|vouchers?|coupons?|%\s*off|sale|upgrad\w*|premium"
    r"|newsletter|price|prices|cheaper|plans?)\b|%",
    regex.IGNORECASE,
)


# Words found in more than one reply in twenty on the corpora: a group holding one is
# checked after the others. This list only orders the checks; what is checked is read
# from the patterns.
_COMMON = frozenset({"s", "you", "to", "our", "your", "as", "for", "can", "this", "thank", "do", "have",
                     "about", "like", "know", "what", "get", "not", "able"})


def _checking_order(group) -> tuple:
    # rare groups first, then fewest words, then the longest shortest word
    return (any(w in _COMMON for w in group), len(group), -min(map(len, group)), group)


def _alternative_gates(alternatives) -> "tuple | None":
    """For each alternative of a pattern, the word groups every match of it holds one of
    each of (matchers.required_literal_sets); None when one alternative has none."""
    gates = []
    for alternative in alternatives:
        groups = required_literal_sets(regex.compile(alternative, regex.IGNORECASE))
        if groups is None:
            return None
        gates.append(tuple(sorted(groups, key=_checking_order)))
    return tuple(gates)


def _screen(*gate_lists) -> tuple:
    """The first group of every alternative in one list, in fewer words ("upgrad" for
    "upgrade" and "upgrading"; see apology._fewer_words): a text holding none of them
    misses a group of every alternative."""
    return _fewer_words({w for gates in gate_lists for groups in gates for w in groups[0]})


def _may_find(gates, lower: str) -> bool:
    """False only when ``lower`` misses a word group of every alternative."""
    for groups in gates:
        for group in groups:
            for word in group:
                if word in lower:
                    break
            else:
                break  # this alternative cannot match
        else:
            return True
    return False


# A finding needs a pitch, or an offer with a call to action beside it: a reply holding
# the words of neither returns before any regex runs (most replies). The words are read
# from the patterns themselves, alternative by alternative, so they cannot drift.
_PITCH_GATES = _alternative_gates(_PITCH_ALTERNATIVES)
_OFFER_GATES = _alternative_gates(_OFFER_ALTERNATIVES)
_CALL_TO_ACTION_GATE = required_literal_sets(_CALL_TO_ACTION)
_SCREEN = None if _PITCH_GATES is None or _OFFER_GATES is None else _screen(_PITCH_GATES, _OFFER_GATES)


def may_pitch(lower: "str | None") -> bool:
    """False only when a reply whose ``analysis.folded`` is ``lower`` cannot be flagged."""
    if lower is None or _SCREEN is None:
        return True
    for word in _SCREEN:  # one flat pass first: most replies hold none of these
        if word in lower:
            break
    else:
        return False
    return _may_find(_PITCH_GATES, lower) or (
        _may_find(_OFFER_GATES, lower) and may_match_all(_CALL_TO_ACTION_GATE, lower))


@register_check("sales.sales_pitch")
def sales_pitch(analysis, rule):
    """A pitch ("would you like to hear about our…") or an offer with a call to action in
    the same sentence, unless the offer is over or the customer asked about offers."""
    if not may_pitch(analysis.folded):
        return ()  # a plain function: no generator is made for most replies
    return _sales_pitches(analysis)


def _sales_pitches(analysis):
    if analysis.context.inbound and _ASKED_ABOUT_OFFERS.search(analysis.context.inbound):
        return
    text = analysis.norm
    hits = list(_PITCH.finditer(text))
    for m in _OFFER.finditer(text):
        lo, hi = analysis.sentence_of(m.start())
        sentence = text[lo:max(hi, m.end())]
        if _CALL_TO_ACTION.search(sentence) and not _NOT_PUSHED.search(sentence):
            hits.append(m)
    seen = set()
    for m in sorted(hits, key=lambda m: m.start()):
        if any(s < m.end() and m.start() < e for s, e in seen):
            continue
        seen.add(m.span())
        yield Hit(m.start(), m.end())
