"""Checks about apologies (RL1xx) whose logic is more than a phrase list."""
from __future__ import annotations

import os

import regex

from replylint import complaint
from replylint.checks import Hit, register_check
from replylint.matchers import AnyMatch, required_literal_sets, top_level_alternatives

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


def _fewer_words(group) -> tuple:
    """``group`` with fewer words to look for: words that share a start of 5 letters
    or more are replaced by that start ("apolog" for "apology" and "apologies"), and a
    word holding another word of the group is dropped ("cannot" beside "can"). Each
    occurrence of a word of ``group`` holds one of these, at a place of its own."""
    words = []
    for word in sorted(group):
        if words:
            common = len(os.path.commonprefix([words[-1], word]))
            if common >= 5:
                words[-1] = word[:common]
                continue
        words.append(word)
    return tuple(w for w in words if not any(o != w and o in w for o in words))


# A reply can only be flagged when it holds an apology word, a "but"/"however" and
# something _RETRACTION finds after it: the words every match of those patterns must
# contain (matchers.required_literal_sets, read from the patterns themselves) let a
# reply holding none of them return before any regex runs (~99% of replies). The
# max-gap option only bounds a run that may be empty, so it changes no required word
# (tests/test_check_gates.py holds every gap to the same words).
_RETRACTION_GATE = tuple(
    _fewer_words(group)
    for group in (required_literal_sets(_retraction_pattern(0)) or ()) + (required_literal_sets(_RETRACTION) or ()))
_PATTERNS: dict = {}


@register_check("apology.retracted_apology")
def retracted_apology(analysis, rule):
    """An apology whose "but"/"however" leads, in the same sentence, to a rule or a refusal."""
    lower = analysis.folded
    if lower is not None:
        for group in _RETRACTION_GATE:
            for word in group:
                if word in lower:
                    break
            else:
                return ()  # a plain function: no generator is made for ~99% of replies
    return _retracted_apologies(analysis, rule)


def _retracted_apologies(analysis, rule):
    max_gap = int(rule.options.get("max-gap", 40))
    reach = int(rule.options.get("max-reach", 70))
    # get() first: setdefault would evaluate (compile) its default on every reply.
    pattern = _PATTERNS.get(max_gap)
    if pattern is None:
        pattern = _PATTERNS[max_gap] = _retraction_pattern(max_gap)
    text = analysis.norm
    for m in pattern.finditer(text):
        _, sentence_end = analysis.sentence_of(m.end("conj"))
        after = text[m.end("conj"):min(sentence_end, m.end("conj") + reach)]
        if _GOOD_NEWS.match(after) or not _RETRACTION.search(after):
            continue
        yield Hit(m.start("hit"), m.end("hit"), values={"conj": m.group("conj").lower()})


# An apology or a word of empathy anywhere in the reply is enough for RL104.
_ACKNOWLEDGEMENT_WORDS = [
    # apologies
    r"sorry|apologi[sz]e[ds]?|apologies|apology|regret|my\s+bad|our\s+bad|oh\s+no|oops|yikes|uh[\s-]oh",
    # the agent says they understood
    r"acknowledge[ds]?|understand(?:able|ably)?|(?:i|we)\s+can\s+see|(?:i|we)\s+hear\s+you|(?:i|we)\s+get\s+it"
    r"|(?:can|could)\s+imagine|must\s+(?:be|have\s+been)",
    # naming the feeling or the harm
    r"frustrat\w*|disappoint\w*|annoy\w*|inconvenien\w*|upset\w*|unfortunate(?:ly)?|sadly|bummer"
    r"|what\s+a\s+(?:pain|nuisance|shame|hassle)",
    # judging the situation as the customer does
    r"(?:not|isn't|is\s+not|wasn't|was\s+not)\s+(?:good|great|ideal|right|ok|okay|acceptable|on|cool|fun|nice"
    r"|what\s+we|the\s+(?:experience|service|level)|how\s+we)"
    r"|(?:doesn't|does\s+not|don't)\s+sound\s+(?:good|great|right|ideal|fun)|no\s+good|far\s+from\s+(?:ideal|great)"
    r"|that'?s\s+(?:\w+ly\s+|so\s+|very\s+|really\s+)?(?:a\s+|no\s+)?(?:pain|shame|bad|awful|terrible|frustrating"
    r"|annoying|concerning|worrying|fun|good)"
    r"|(?:shouldn't|should\s+not|should\s+never)\s+(?:have|happen|be)",
    r"\w+\s+to\s+(?:hear|see|read|learn)\s+(?:this|that|about|of|your|you|how|the)|sadden\w*|too\s+bad"
    r"|(?:don't|do\s+not|never)\s+(?:like|want|love)\s+to\s+(?:hear|see|read)",
    r"(?:i|we)\s+hate\s+(?:that|this|to|hearing)|make\s+(?:this|it|that|things)\s+right|take\s+[\w\s]{1,30}?seriously",
    # thanking them for the report or their patience
    r"(?:thanks?|ty)\s+(?:you\s+)?(?:so\s+much\s+)?for\s+(?:letting|bringing|flagging|reporting|raising|the\s+heads"
    r"|your\s+patience|bearing|sharing|your\s+feedback|the\s+feedback|telling)"
    r"|appreciate\s+(?:your|the)\s+(?:patience|feedback|understanding|heads)",
]
# On Twitter a worried face (😞 😟 😔 🙁 ☹ 😢 😥 😧 😦 😮) says "oh no" too.
_WORRIED_FACES = "[\U0001F61E\U0001F61F\U0001F614\U0001F641\u2639\U0001F622\U0001F625\U0001F627\U0001F626\U0001F62E]"
# "Is there one?" asked alternative by alternative, each behind the words it needs:
# one regex of them all took ~140 µs on a 500-character reply holding none.
_HAS_ACKNOWLEDGEMENT_WORDS = AnyMatch(
    [rf"\b(?:{words})\b" for words in top_level_alternatives("|".join(_ACKNOWLEDGEMENT_WORDS))],
    regex.IGNORECASE)
_HAS_WORRIED_FACE = regex.compile(_WORRIED_FACES)


def _has_acknowledgement(text: str) -> bool:
    if _HAS_ACKNOWLEDGEMENT_WORDS(text):
        return True
    return not text.isascii() and _HAS_WORRIED_FACE.search(text) is not None


# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup (its flag handling), a compiled pattern ~1 µs.
_OPENING_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'-]*")
_LEADING_HANDLES = regex.compile(r"^(?:\s*@\w+)+\s*")


def opening_span(analysis, kinds=("greeting", "body", "signoff")):
    """The reply's first sentence of the agent's own words (or its first word when a
    link or @mention sits inside that sentence), to underline the whole reply.
    ``kinds`` limits where that sentence may start (e.g. the body, after "Hi Sam!")."""
    for seg in analysis.segments:
        if seg.kind not in kinds:
            continue
        for m in _OPENING_WORD.finditer(analysis.norm[seg.start:seg.end]):
            start, word_end = seg.start + m.start(), seg.start + m.end()
            if not analysis.in_scope(start, word_end):
                continue
            end = analysis.sentence_of(start)[1]
            return (start, end) if analysis.in_scope(start, end) else (start, word_end)
    return None


# One part of a reply split over several messages ("1/2", ">>", "(cont)"), or a
# "*correction" of the last one: the acknowledgement may sit in another part, so the
# part alone cannot be judged. The marks are asked where they can be (anywhere, at the
# start, at the end): one regex of them all took ~90 µs on a 500-character reply.
_SPLIT_MARK = regex.compile(r"(?<![\d/])\d\s?/\s?\d(?![\d/])|>>|\(cont(?:'d|inued)?\)")
_SPLIT_START = regex.compile(  # used with match(); the ^ keeps a search() linear too
    r"^(?:\W*(?:\.{2,}|…)|\s*\(|\s*\d[:.)]\s|\s*\*"
    # a part that starts mid-sentence, in lower case ("the option to keep your games")
    r"|(?!i\b)\p{Ll}[\p{Ll}']*\b)",
)
_SPLIT_END = regex.compile(r"(?:\.{3}|…)\s*(?:https?://\S+\s*)?$")


def _is_split_part(own: str) -> bool:
    stripped = _LEADING_HANDLES.sub("", own)
    if _SPLIT_START.match(stripped):
        return True
    if ("/" in stripped or ">>" in stripped or "(cont" in stripped) and _SPLIT_MARK.search(stripped):
        return True
    return ("..." in stripped or "…" in stripped) and _SPLIT_END.search(stripped) is not None


@register_check("apology.missing_acknowledgement")
def missing_acknowledgement(analysis, rule):
    """The customer is upset (a frustration marker or clearly negative wording, not only
    a fault report) and nothing in the reply apologises or shows the agent heard them."""
    threshold = float(rule.options.get("upset-polarity", complaint.UPSET_POLARITY))
    # Cheapest first (each would return): about half the replies to a complaint
    # acknowledge it, and the upset test may score the inbound's polarity.
    own = analysis.norm[:analysis.own_text_end]
    if _has_acknowledgement(own):
        return
    if not complaint.is_upset(analysis.context.inbound, threshold) or _is_split_part(own):
        return
    span = opening_span(analysis)
    if span:
        yield Hit(span[0], span[1])


_APOLOGY_WORD = regex.compile(r"\b(?:sorry|apologi[sz]e[ds]?|apologies|apology|regret(?:s|ted)?)\b", regex.IGNORECASE)
# Not an apology by the agent: "no need to apologise", "don't be sorry", "not sorry".
_NOT_APOLOGY = regex.compile(
    r"\b(?:no\s+need\s+(?:to|for)|don't\s+(?:be|need\s+to)|do\s+not\s+(?:be|need\s+to)|never|not)\s+(?:an?\s+)?$",
    regex.IGNORECASE,
)


def _self_overlaps(word: str) -> bool:
    """True when two occurrences of ``word`` can overlap ("aa" in "aaa"): then
    ``str.count`` would count fewer than there are."""
    return any(word[:k] == word[-k:] for k in range(1, len(word)))


def _counting_words(groups) -> "tuple | None":
    """Words of which every match of a pattern holds one, for counting its matches
    from above: matches do not overlap, so each holds its own occurrence of one of
    them, and ``sum(text.count(w))`` is at least the number of matches (each word
    counted by its shared start, see ``_fewer_words``, which each of its occurrences
    begins). None when that cannot be said (no single group, or a word that can
    overlap itself)."""
    if not groups or len(groups) != 1:
        return None
    words = _fewer_words(groups[0])
    if any(_self_overlaps(w) for w in words):
        return None
    return words


_APOLOGY_COUNT_WORDS = _counting_words(required_literal_sets(_APOLOGY_WORD))


@register_check("apology.over_apology")
def over_apology(analysis, rule):
    """The apology that makes one too many (by default the third) in the agent's own words."""
    limit = int(rule.options.get("max-apologies", 2))
    lower = analysis.folded
    if lower is not None and _APOLOGY_COUNT_WORDS is not None:
        # No more apology words than the limit in the whole reply: no more can be
        # counted in the agent's own words (nearly every reply has none).
        most = 0
        for word in _APOLOGY_COUNT_WORDS:
            most += lower.count(word)
        if most <= limit:
            return ()  # a plain function: no generator is made for nearly every reply
    return _over_apologies(analysis, limit)


def _over_apologies(analysis, limit):
    text = analysis.norm[:analysis.own_text_end]
    found = [m for m in _APOLOGY_WORD.finditer(text)
             if analysis.in_scope(m.start(), m.end())
             and not _NOT_APOLOGY.search(text[max(0, m.start() - 30):m.start()])]
    if len(found) > limit:
        extra = found[limit]
        yield Hit(extra.start(), extra.end(), values={"count": len(found)})
