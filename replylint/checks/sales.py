"""The sales-pitch check (RL301): an offer pushed at the customer, not one they asked about."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check

# Offers, promotions and upsells.
_OFFER = regex.compile(
    r"\b(?:(?:special|exclusive|limited[\s-]time|amazing)\s+(?:offers?|deals?|discounts?|promotions?|promos?|prices?|sale)"
    r"|\d{1,2}\s?%\s+off|save\s+(?:up\s+to\s+)?\d{1,2}\s?%|(?:promo|discount|voucher|coupon)\s+code"
    r"|upgrade\s+to\s+(?:our\s+)?(?:premium|pro|plus|unlimited|business|gold|platinum|a\s+higher\s+tier)"
    r"|(?:for\s+a\s+limited\s+time|while\s+(?:stocks|supplies)\s+last)"
    r"|our\s+(?:new|latest|other)\s+(?:range|collection|menu|products|deals|offers|flavou?rs|arrivals|bundles|plans)"
    r"|add(?:ing)?\s+(?:an?\s+|another\s+|extra\s+|more\s+)?(?:line|lines|data|unlimited(?:\s+data)?|insurance|protection"
    r"|device|tablet|watch|channels?|sports|movies|premium)\b[^.!?\n]{0,30}?\bto\s+your\s+(?:plan|package|bundle"
    r"|subscription|contract))",
    regex.IGNORECASE,
)
# Pitches on their own: no offer word needed.
_PITCH = regex.compile(
    r"\b(?:would\s+you\s+like\s+to\s+(?:hear|know|learn)\s+about\s+our"
    r"|(?:sign\s*up|subscribe)\s+(?:for|to)\s+our\s+(?:newsletter|mailing\s+list|offers|deals|emails)"
    r"|(?:don't|do\s+not)\s+miss\s+(?:out\s+on\s+)?(?:our|this|these)\s+(?:[\w-]+\s+){0,2}?(?:deals?|offers?|sale|savings"
    r"|promotion|discount)"
    r"|have\s+you\s+(?:considered|thought\s+about)\s+upgrading|why\s+not\s+upgrade)\b",
    regex.IGNORECASE,
)
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


@register_check("sales.sales_pitch")
def sales_pitch(analysis, rule):
    """A pitch ("would you like to hear about our…") or an offer with a call to action in
    the same sentence, unless the offer is over or the customer asked about offers."""
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
