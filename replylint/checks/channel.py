"""Checks about fit to the channel (RL9xx): length limits and readability."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check

# ------------------------------------------------------------ RL901 too long for channel

_LEADING_MENTIONS = regex.compile(r"^(?:[ \t\r\n]*@\w{1,30})+[ \t\r\n]*")
_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", regex.IGNORECASE)
# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup (its flag handling), a compiled pattern ~1 µs.
_NON_SPACE = regex.compile(r"\S+")
_CLOSING = regex.compile(r"[.!?…\"')\]]*")
# Twitter shortens every link to 23 characters, whatever its length.
TWITTER_URL_LENGTH = 23

# The GSM 03.38 alphabet: a text using only these fits 160 characters per SMS; one
# other character (an emoji, a curly quote) makes it UCS-2, 70 per SMS.
_GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM_EXTENDED = set("^{}\\[~]|€\f")  # two characters each


def twitter_length(text: str) -> "tuple[int, list]":
    """Counted length of a public tweet and, per counted character, its offset in ``text``.

    The @mentions a reply opens with are not counted, nor is a link that ends the tweet
    (Twitter shows it as an attachment: a photo, a quoted tweet); every other link
    counts 23.
    """
    lead = _LEADING_MENTIONS.match(text)
    pos = lead.end() if lead else 0
    stop = len(text.rstrip())
    links = list(_URL.finditer(text, pos))
    if links and links[-1].end() >= stop:
        stop = len(text[:links[-1].start()].rstrip())
        links.pop()
    offsets = []
    for m in links:
        offsets.extend(range(pos, m.start()))
        offsets.extend([m.start()] * TWITTER_URL_LENGTH)
        pos = m.end()
    offsets.extend(range(pos, stop))
    return len(offsets), offsets


def _readable_span(analysis, start: int, end: int):
    """The run of linted words from ``start`` (links and @mentions are not underlined)."""
    words = [m.span() for m in _NON_SPACE.finditer(analysis.text[:end])]
    run = []
    for s, e in words:
        if e <= start:
            continue
        if analysis.in_scope(s, e):
            run.append((s, e))
        elif run:
            break
    if run:
        return run[0][0], run[-1][1]
    before = [(s, e) for s, e in words if e <= start and analysis.in_scope(s, e)]
    return before[-1] if before else None


def sms_segments(text: str, segment: int = 160) -> "tuple[int, int, int]":
    """(segments, characters per segment, units) for an SMS of ``text``."""
    if all(c in _GSM or c in _GSM_EXTENDED for c in text):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, multi = segment, segment - 7  # a long SMS loses 7 per part to its header
    else:
        # "surrogatepass": a lone surrogate (pasted from a broken source) is still one
        # UCS-2 unit on the phone, and must not crash the check.
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        single, multi = segment * 7 // 16, segment * 7 // 16 - 3  # 70 and 67 by default
    if units <= single:
        return 1, single, units
    return -(-units // multi), multi, units


def _word_start(text: str, pos: int) -> int:
    """Start the underline at the beginning of the word the limit falls in."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


@register_check("channel.too_long")
def too_long(analysis, rule):
    ctx, text = analysis.context, analysis.text
    if ctx.channel == "twitter" and analysis.is_public:
        limit = rule.options.get("twitter-limit", 280)
        length, offsets = twitter_length(text)
        if length > limit:
            span = _readable_span(analysis, _word_start(text, offsets[limit]), len(text.rstrip()))
            if span:
                yield Hit(span[0], span[1], values={"length": length, "limit": limit,
                                                    "what": f"a public tweet takes {limit}"})
    elif ctx.channel == "sms":
        most = rule.options.get("sms-max-segments", 3)
        segments, per, units = sms_segments(text, rule.options.get("sms-segment-length", 160))
        if segments > most:
            # Underline what falls beyond the last allowed message (one unit per
            # character is close enough for the underline; the count is exact).
            span = _readable_span(analysis, _word_start(text, min(len(text) - 1, per * most)),
                                  len(text.rstrip()))
            if span is None:
                return
            yield Hit(span[0], span[1], values={
                "length": units, "limit": per * most,
                "what": f"that is {segments} text messages, more than {most}"})


# ------------------------------------------------------------------ RL902 hard to read

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_VOWEL_GROUP = regex.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Vowel groups, less a silent final "e": a fair count for English readability scores."""
    w = word.lower()
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(words: list, sentences: int) -> float:
    """Flesch reading ease: 60-70 is plain English, under 30 is hard going."""
    if not words or not sentences:
        return 100.0
    per_sentence = len(words) / sentences
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def _mostly_english(words: list) -> bool:
    """The reading-ease formula is for English; a Spanish or Malay reply scores as hard."""
    from replylint.checks.tone import english_words

    known = english_words()
    return sum(1 for w in words if w.lower().strip("'’") in known) >= 0.6 * len(words)


@register_check("channel.hard_to_read")
def hard_to_read(analysis, rule):
    max_words = rule.options.get("max-sentence-words", 35)
    min_ease = rule.options.get("min-reading-ease", 30.0)
    min_words = rule.options.get("min-words-for-score", 40)
    prose = frozenset({"body"})
    # Both checks need words: more than max_words in one sentence, or min_words in all.
    # Sentences split only at punctuation or line breaks, which no word spans, so the
    # words of the whole reply bound both counts; most replies are too short for either.
    if len(_WORD.findall(analysis.norm)) < min(min_words, max_words + 1):
        return
    scored, flagged = [], set()
    for start, end in analysis.sentences:
        # Links, @mentions, quoted text and the sign-off are not prose the customer reads.
        found = [m for m in _WORD.finditer(analysis.norm, start, end)
                 if analysis.in_scope(m.start(), m.end(), prose)]
        if not found:
            continue
        words = [m.group(0) for m in found]
        span = (found[0].start(), _sentence_end(analysis.norm, found[-1].end(), end))
        scored.append((span, words))
        if len(words) > max_words:
            flagged.add(span)
            yield Hit(span[0], span[1], values={"problem": f"has {len(words)} words (more than {max_words})"})
    all_words = [w for _, ws in scored for w in ws]
    if len(all_words) < min_words or not _mostly_english(all_words):
        return
    ease = reading_ease(all_words, len(scored))
    if ease >= min_ease:
        return
    # Name the hardest sentence that is not already flagged for its length.
    candidates = [(reading_ease(ws, 1), span) for span, ws in scored
                  if span not in flagged and len(ws) >= 5]
    if candidates:
        _, (start, end) = min(candidates)
        yield Hit(start, end, values={
            "problem": f"is the hardest part of a reply that scores {ease:.0f} for reading ease "
                       f"(under {min_ease:g})"})


def _sentence_end(text: str, pos: int, end: int) -> int:
    """Extend past the sentence's closing punctuation, not past a sign-off or link."""
    m = _CLOSING.match(text[pos:end])
    return pos + (m.end() if m else 0)
