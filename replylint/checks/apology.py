"""Checks about apologies (RL1xx) whose logic is more than a phrase list."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check

_APOLOGY = r"\b(?:sorry|apologi[sz]e[ds]?|apologies|apology|regret)\b"

# Remedies a refusal withholds: "unable to refund", "we can't offer", "won't replace".
_REMEDY = (r"(?:offer|refund|change|accept|allow|make|give|provide|cancel|issue|process|guarantee"
           r"|compensate|reimburse|waive|exchange|replace|transfer|help|assist|do\s+anything|do\s+more"
           r"|work\s+around|amend|extend|honou?r|override)")
# What, after the "but", turns an apology into an excuse: a rule, a refusal, or blame.
_RETRACTION = regex.compile(
    r"\b(?:polic(?:y|ies)|terms\s+(?:and|&)\s+conditions|t\s?&\s?cs|our\s+rules|the\s+rules"
    r"|regulations|(?:our|company)\s+procedures?\b"
    r"|not\s+(?:allowed|permitted|possible|eligible|refundable|transferable)"
    r"|non-?(?:refundable|transferable)|strictly|nothing\s+(?:more\s+|else\s+)?(?:we|i)\s+can"
    r"|(?:cannot|can't|can\s+not)\s+be\s+\w+"
    rf"|(?:unable|not\s+able)\s+to\s+{_REMEDY}"
    rf"|(?:we|i)\s+(?:cannot|can't|can\s+not|won't|will\s+not|don't|do\s+not)\s+{_REMEDY}"
    r"|you\s+(?:should|must|need(?:ed)?\s+to|have\s+to|had\s+to|will\s+have\s+to|would\s+have\s+had\s+to)\b"
    r"|you\s+should've|you\s+(?:didn't|did\s+not|failed|forgot|were\s+(?:told|advised|informed))"
    r"|it(?:'s|\s+is|\s+was)\s+your\s+(?:responsibility|fault|choice)"
    r"|as\s+(?:previously\s+|already\s+|we\s+)?(?:advised|stated|mentioned|explained|said|informed))",
    regex.IGNORECASE,
)
# A positive turn after the "but" is news, not an excuse.
_GOOD_NEWS = regex.compile(
    r"^[\s,:-]*(?:the\s+)?(?:good\s+news|great\s+news|happily|luckily|fortunately|thankfully"
    r"|(?:i|we)(?:'ve|\s+have)\s+(?:found|fixed|sorted|refunded|sent|resolved|booked))\b",
    regex.IGNORECASE,
)


def _retraction_pattern(max_gap: int):
    return regex.compile(
        rf"(?P<hit>(?:\b(?:i|we)(?:'m|'re|\s+am|\s+are)?\s+(?:(?:really|very|so|truly|terribly|deeply"
        rf"|sincerely|do)\s+)*)?{_APOLOGY}[^.!?;\n]{{0,{max_gap}}}?\b(?P<conj>but|however))\b",
        regex.IGNORECASE,
    )


_PATTERNS: dict = {}


@register_check("apology.retracted_apology")
def retracted_apology(analysis, rule):
    """An apology whose "but"/"however" leads, in the same sentence, to a rule or a refusal."""
    max_gap = int(rule.options.get("max-gap", 40))
    reach = int(rule.options.get("max-reach", 70))
    pattern = _PATTERNS.setdefault(max_gap, _retraction_pattern(max_gap))
    text = analysis.norm
    for m in pattern.finditer(text):
        _, sentence_end = analysis.sentence_of(m.end("conj"))
        after = text[m.end("conj"):min(sentence_end, m.end("conj") + reach)]
        if _GOOD_NEWS.match(after) or not _RETRACTION.search(after):
            continue
        yield Hit(m.start("hit"), m.end("hit"), values={"conj": m.group("conj").lower()})
