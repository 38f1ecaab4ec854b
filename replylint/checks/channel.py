"""Checks about fit to the channel (RL9xx): length limits and readability."""
from __future__ import annotations

from functools import lru_cache

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


def _counted_span(text: str) -> tuple:
    """(start, stop, links counted as 23): after the opening @mentions, before a link
    that ends the tweet (Twitter shows it as an attachment)."""
    lead = _LEADING_MENTIONS.match(text)
    pos = lead.end() if lead else 0
    stop = len(text.rstrip())
    links = list(_URL.finditer(text, pos))
    if links and links[-1].end() >= stop:
        stop = len(text[:links[-1].start()].rstrip())
        links.pop()
    return pos, stop, links


def twitter_length(text: str) -> "tuple[int, list]":
    """Counted length of a public tweet and, per counted character, its offset in ``text``.

    The @mentions a reply opens with are not counted, nor is a link that ends the tweet
    (Twitter shows it as an attachment: a photo, a quoted tweet); every other link
    counts 23.
    """
    pos, stop, links = _counted_span(text)
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


# The shortest text _URL matches ("www." and one character): a link counted as 23 adds
# at most this much to the length of the text it replaces.
MIN_URL_LENGTH = len("www.") + 1
_URL_GROWTH = TWITTER_URL_LENGTH - MIN_URL_LENGTH


def max_links(text: str) -> int:
    """An upper bound on the number of ``_URL`` matches in ``text``.

    Every match holds "://" (http, https, in any case) or begins with "www." in any
    case; matches do not overlap, so neither do those strings, and ``str.count``
    counts them without overlap ("www." cannot overlap itself). Only "W" and "w"
    match "w" under the regex module's IGNORECASE.
    """
    links = text.count("://")
    if "w." in text or "W." in text:
        links += text.lower().count("www.")
    return links


def twitter_length_bound(text: str) -> int:
    """An upper bound on ``twitter_length(text)[0]``, without finding the links.

    The counted length is the characters between the opening @mentions and the end
    (or the final link), less each other link's own length, plus 23 per such link;
    a link is at least MIN_URL_LENGTH long, so each adds at most _URL_GROWTH.
    """
    return len(text) + _URL_GROWTH * max_links(text)


def twitter_count(text: str) -> int:
    """``twitter_length(text)[0]`` without building the offsets."""
    pos, stop, links = _counted_span(text)
    length = 0
    for m in links:
        length += max(0, m.start() - pos) + TWITTER_URL_LENGTH
        pos = m.end()
    return length + max(0, stop - pos)


def sms_segments_bound(text: str, segment: int = 160) -> "int | None":
    """An upper bound on ``sms_segments(text, segment)[0]`` from the length alone, or
    None when the segment sizes leave no bound.

    A character is one GSM unit, two for the extension table, or one or two UTF-16
    units; the count of messages only grows with the units, and a message holds at
    least the smaller of the two multi-part sizes.
    """
    multi = min(segment - 7, segment * 7 // 16 - 3)
    if multi < 1:
        return None
    units = 2 * len(text)
    return max(1, -(-units // multi))


@register_check("channel.too_long")
def too_long(analysis, rule):
    ctx = analysis.context
    if ctx.channel == "twitter" and analysis.is_public:
        limit = rule.options.get("twitter-limit", 280)
        text = analysis.text
        # Most replies are far under the limit: bound the length first, without a regex
        # (twitter_length_bound, inlined), then count it without the offsets.
        links = text.count("://")
        if "w." in text or "W." in text:
            links += text.lower().count("www.")
        if len(text) + _URL_GROWTH * links <= limit or twitter_count(text) <= limit:
            return ()
        return _too_long_tweet(analysis, limit)
    if ctx.channel == "sms":
        bound = sms_segments_bound(analysis.text, rule.options.get("sms-segment-length", 160))
        if bound is not None and bound <= rule.options.get("sms-max-segments", 3):
            return ()
        return _too_long_sms(analysis, rule)
    return ()


def _too_long_tweet(analysis, limit):
    text = analysis.text
    length, offsets = twitter_length(text)
    if length > limit:
        span = _readable_span(analysis, _word_start(text, offsets[limit]), len(text.rstrip()))
        if span:
            yield Hit(span[0], span[1], values={"length": length, "limit": limit,
                                                "what": f"a public tweet takes {limit}"})


def _too_long_sms(analysis, rule):
    text = analysis.text
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


# Words repeat from reply to reply ("the", "your", "order"): counted once each.
_syllables = lru_cache(maxsize=8192)(syllables)


def reading_ease(words: list, sentences: int) -> float:
    """Flesch reading ease: 60-70 is plain English, under 30 is hard going."""
    if not words or not sentences:
        return 100.0
    per_sentence = len(words) / sentences
    per_word = sum(map(_syllables, words)) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def _mostly_english(words: list) -> bool:
    """The reading-ease formula is for English; a Spanish or Malay reply scores as hard."""
    from replylint.checks.tone import english_words

    known = english_words()
    return sum(1 for w in words if w.lower().strip("'’") in known) >= 0.6 * len(words)


# For an ASCII text, _WORD's first character class is exactly the ASCII letters and
# digits: each maps to "a", every other byte to " ". A match of _WORD starts only where
# such a character follows another kind (or starts the text): a letter or digit after
# another one lies inside the same greedy match. So the runs of "a" in the mapped bytes
# (in the whole text, or in any window) bound the words found there.
WORD_START_CHARS = frozenset(chr(i) for i in range(128) if chr(i).isalnum())
_RUNS_TABLE = bytes(0x61 if chr(i) in WORD_START_CHARS else 0x20 for i in range(256))


def _word_runs(runs: bytes, start: int, end: int) -> int:
    """Runs of letters and digits in ``runs[start:end]``: at least the words there."""
    if start >= end:
        return 0
    return runs.count(b" a", start, end) + (runs[start] == 0x61)


def _may_be_hard(analysis, max_words, min_words) -> bool:
    """False only when hard_to_read cannot find anything: no sentence can exceed
    max_words and the reply cannot reach min_words (upper bounds on both counts)."""
    norm = analysis.norm
    # A word starts with a letter or digit after a character that starts none (or at
    # 0), so a text of n characters holds at most (n + 1) // 2 words.
    if (len(norm) + 1) // 2 < min(min_words, max_words + 1):
        return False
    if norm.isascii():
        runs = norm.encode("ascii").translate(_RUNS_TABLE)
        words = runs.count(b" a") + (runs[:1] == b"a")  # _word_runs(runs, 0, len(runs))
    else:
        runs = None
        words = len(_WORD.findall(norm))
    # Both checks need words: more than max_words in one sentence, or min_words in all.
    # Sentences split only at punctuation or line breaks, which no word spans, so the
    # words of the whole reply bound both counts; most replies are too short for either.
    if words < min(min_words, max_words + 1):
        return False
    if words >= min_words:
        return True
    # The score cannot be reached; only a sentence over max_words can be flagged, and a
    # sentence's words (found within it) are bounded by the runs inside it.
    for start, end in analysis.sentences:
        count = (_word_runs(runs, start, end) if runs is not None
                 else len(_WORD.findall(norm, start, end)))
        if count > max_words:
            return True
    return False


@register_check("channel.hard_to_read")
def hard_to_read(analysis, rule):
    max_words = rule.options.get("max-sentence-words", 35)
    min_ease = rule.options.get("min-reading-ease", 30.0)
    min_words = rule.options.get("min-words-for-score", 40)
    if not _may_be_hard(analysis, max_words, min_words):
        return ()
    return _hard_to_read(analysis, max_words, min_ease, min_words)


def _hard_to_read(analysis, max_words, min_ease, min_words):
    prose = frozenset({"body"})
    scored, flagged = [], set()
    norm = analysis.norm
    # Links, @mentions, quoted text and the sign-off are not prose the customer reads:
    # a word is counted when analysis.in_scope(s, e, prose). With few such segments it is
    # asked of the ones that overlap its sentence (any segment a word of the sentence
    # overlaps overlaps the sentence too), a few comparisons instead of a query per word;
    # with many (a reply full of links or @mentions) the index answers, in O(log n).
    outside = [(seg.start, seg.end) for seg in analysis.segments if seg.kind not in prose]
    if len(outside) > 8:
        outside = None
    for start, end in analysis.sentences:
        near = ([(a, b) for a, b in outside if a < end and b > start] if outside is not None
                else None if analysis.in_scope(start, end, prose) else True)
        if not near:
            found = list(_WORD.finditer(norm, start, end))
        elif near is True:
            found = [m for m in _WORD.finditer(norm, start, end)
                     if analysis.in_scope(m.start(), m.end(), prose)]
        else:
            found = []
            for m in _WORD.finditer(norm, start, end):
                s, e = m.span()
                for a, b in near:
                    if a < e and b > s:
                        break
                else:
                    found.append(m)
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
