"""Split a reply into the parts that rules treat differently.

Two layers, both as character spans into the original text:

* regions partition the text: ``greeting``, ``body``, ``signoff`` and ``quoted``
  (earlier messages quoted in an email reply, which the agent did not write);
* inline spans sit inside regions: ``url``, ``email`` and ``mention`` (@handles).

Rules lint greeting, body and sign-off by default; quoted text, URLs, email
addresses and @mentions are never read as the agent's words. Everything here is
regex and line work: no tokeniser, no model.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

import regex

from replylint.matchers import folded

REGION_KINDS = ("greeting", "body", "signoff", "quoted")
INLINE_KINDS = ("url", "email", "mention")
DEFAULT_SCOPE = frozenset({"greeting", "body", "signoff"})


class Segment(NamedTuple):
    """One span of a reply (a named tuple: replies make several, and a frozen
    dataclass cost ~1 µs to build each)."""

    kind: str
    start: int
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]


_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", regex.IGNORECASE)
_EMAIL = regex.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b")
_MENTION = regex.compile(r"(?<![\w@])@\w{1,30}")

# Email quoting: "> ..." lines, and everything after "On <date>, <who> wrote:",
# "-----Original Message-----" or an Outlook "From: ... / Sent: ..." header.
_QUOTE_LINE = regex.compile(r"^[ \t]*>")
_QUOTE_HEADER = regex.compile(
    r"^[ \t]*(?:On\b.{0,300}\bwrote:[ \t]*$"
    r"|-{2,}[ \t]*(?:Original|Forwarded) Message[ \t]*-{2,}"
    r"|From:[ \t].{1,200}\n[ \t]*(?:Sent|Date):)",
    regex.MULTILINE | regex.IGNORECASE,
)

_GREETING_WORD = (
    r"(?:hi|hello|hey|hiya|howdy|greetings|dear|good[ \t]+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening)"
)
# A greeting runs from its word to the first punctuation or line end, at most four
# more words ("Hi Jeff!", "Dear Sir/Madam,", "Hello there,"); without punctuation we
# keep only the greeting word and capitalised names after it ("Hey Sam we're on it").
_GREETING_PUNCT = regex.compile(
    rf"(?i:{_GREETING_WORD})\b(?:[ \t]+[^\s,!.:;?]+){{0,4}}?[ \t]*(?:[,!.:;?]+|(?=\n)|$)"
)
_GREETING_NAMES = regex.compile(rf"(?i:{_GREETING_WORD})\b(?:[ \t]+\p{{Lu}}[\p{{L}}'-]*){{0,2}}")
_LEADING_NOISE = regex.compile(r"(?:[ \t\r\n]+|@\w{1,30}[,:]?)*")

_VALEDICTION = (
    r"(?:thanks|thank[ \t]+you|many[ \t]+thanks|regards|kind[ \t]+regards|best[ \t]+regards"
    r"|warm[ \t]+regards|best|best[ \t]+wishes|all[ \t]+the[ \t]+best|cheers|sincerely"
    r"|yours[ \t]+sincerely|take[ \t]+care|talk[ \t]+soon|speak[ \t]+soon|rgds|regds|thx|ty"
    r"|saludos|gracias|cordialement|merci)"
)
_NAME = r"\p{Lu}[\p{L}'.-]{0,24}"
# Trailing parts that follow a sign-off in tweets: links and "1/2" part counters.
# Searched in reverse ((?r)): it is anchored at the end, and a forward search retried
# the whole chain of units from every start, quadratic on a long run of newlines.
_TRAILER = regex.compile(r"(?r)(?:[ \t\r\n]+(?:https?://\S+|\d{1,2}/\d{1,2}|\(\d{1,2}/\d{1,2}\)))+[ \t\r\n]*$")
# A tweet sign-off mark may follow a space or, written tight, the last sentence's
# punctuation or a smiley ("resolved.^EA", "allowed.- Anwar", ":)-Amie").
_MARK_BEFORE = r"(?:^|(?<=\s)|(?<=[.!?),]))"
_SIGNOFF_PATTERNS = [
    # Tweet initials and names: "^SG", "^Julie", "/LS", "*AFC", "*MikeVance", "~AT",
    # "-Anwar", "– Sam Lee"
    regex.compile(rf"{_MARK_BEFORE}(?:\^[ \t]?\p{{L}}[\p{{L}}.]{{0,24}}|\*[ \t]?\p{{Lu}}[\p{{L}}.]{{0,24}}"
                  rf"|~[ \t]?{_NAME}|[-–—][ \t]?{_NAME}(?:[ \t]{_NAME})?)[ \t]*$"
                  r"|(?:^|(?<=\s))/[ \t]?\p{Lu}{1,4}[ \t]*$"),
    # "Thanks, Priya" / "Regards,\nPradnya Patel" / "Cheers!\n- Sam" / "Thank you- Mariya"
    regex.compile(rf"(?<!\p{{L}})(?i:{_VALEDICTION})[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)?[-–—~]?[ \t]?{_NAME}"
                  rf"(?:[ \t]{_NAME}){{0,2}}[ \t]*[.!]?[ \t]*$"),
    # "Sam from the Care team", "Priya at Acme Support"
    regex.compile(rf"(?:^|(?<=[.!?\n][ \t]{{0,3}})){_NAME}[ \t]+(?:from|at|with|@)[ \t]+"
                  r"(?:the[ \t]+)?[\p{L}&'. -]{1,40}?[ \t]*$"),
    # A bare first name after the last sentence: "We've sent it. Corey"
    regex.compile(rf"(?<=[.!?)][ \t]{{1,3}}|\n[ \t]*){_NAME}[ \t]*$"),
]
_NOT_A_NAME = frozenset(
    "thanks thank thankyou cheers regards best sincerely yes no ok okay sure please sorry hi hello"
    " hey bye goodbye enjoy apologies welcome cool great awesome noted done saludos gracias merci"
    " someone somebody anyone anybody everyone everybody nobody we they you it this that ty"
    # time zones after a time ("before 11:28 p.m. EST")
    " est edt pst pdt cst cdt mst mdt gmt bst utc cet cest ist aest".split()
)
# "Someone from that team will get back to you soon" is a sentence, not a sign-off.
_TEAM_SENTENCE = regex.compile(r"\b(?:will|can|would|should|could|is|are|was|were|has|have|to)\b",
                               regex.IGNORECASE)
_TEAM_WORD = regex.compile(r"\b(?:team|support|care|service|services|help|crew|desk)\b|\s\p{Lu}",
                           regex.IGNORECASE)

# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup, and segmenting runs on every reply.
_TEAM_LINK = regex.compile(r"\s(?:from|at|with|@)\s")
_LETTERS = regex.compile(r"\p{L}+")


# Searching the last 120 characters for a valediction or a bare name was a third of
# the cost of segmenting, so those two patterns are only tried where they can start
# (the other two search faster than any gate could rule them out):
# - a valediction starts where one of its first words starts (not inside a word),
#   and the search's leftmost match is the first of those starts that matches;
_VALEDICTION_FIRST_WORDS = tuple(sorted({alt.split("[")[0] for alt in _VALEDICTION[3:-1].split("|")}))
# - a bare name is the run of name characters ending the reply, or nothing.


def _valediction_starts(window: str, offset: int):
    """Positions (in the text) where a valediction word starts, in order."""
    starts = set()
    for word in _VALEDICTION_FIRST_WORDS:
        i = window.find(word)
        while i >= 0:
            if i == 0 or not window[i - 1].isalpha():
                starts.add(offset + i)
            i = window.find(word, i + 1)
    return sorted(starts)


def _signoff_match(i: int, text: str, window_start: int, stop: int, window):
    """What ``_SIGNOFF_PATTERNS[i].search(text, window_start, stop)`` finds, or None,
    trying the pattern only where it can start (same first match)."""
    pattern = _SIGNOFF_PATTERNS[i]
    if i in (0, 2) or window is None:  # (None: a character whose lower() misleads)
        return pattern.search(text, window_start, stop)
    if i == 1:
        for start in _valediction_starts(window, window_start):
            m = pattern.match(text, start, stop)
            if m:
                return m
        return None
    # The name must end at ``stop`` and follow a space, so it starts where the run of
    # name characters before ``stop`` starts, at most 25 characters back.
    start = stop
    while start > window_start and stop - start <= 25 and (
            text[start - 1].isalpha() or text[start - 1] in "'.-"):
        start -= 1
    return pattern.match(text, start, stop) if stop - start <= 25 else None


def _looks_like_team(signoff: str) -> bool:
    """"Sam from the Care team", not "Visits from you make us happy"."""
    tail = _TEAM_LINK.split(signoff, maxsplit=1)[-1]
    return (len(tail.split()) <= 5 and not _TEAM_SENTENCE.search(tail)
            and bool(_TEAM_WORD.search(" " + tail)))


def _quoted_ranges(text: str) -> list:
    """Spans of earlier messages quoted in an email reply."""
    if ">" not in text and "wrote:" not in text and "Message" not in text and "From:" not in text:
        return []
    ranges = []
    header = _QUOTE_HEADER.search(text)
    cut = header.start() if header else len(text)
    pos = 0
    for line in text[:cut].splitlines(keepends=True):
        if _QUOTE_LINE.match(line):
            if ranges and ranges[-1][1] == pos:
                ranges[-1] = (ranges[-1][0], pos + len(line))
            else:
                ranges.append((pos, pos + len(line)))
        pos += len(line)
    if header:
        ranges.append((header.start(), len(text)))
    return ranges


def _find_greeting(text: str, start: int, end: int):
    lead = _LEADING_NOISE.match(text, start, end)
    pos = lead.end() if lead else start
    m = _GREETING_PUNCT.match(text, pos, end) or _GREETING_NAMES.match(text, pos, end)
    if not m or m.end() == m.start():
        return None
    g_end = m.end()
    # The underline covers the words; the comma or "!" after them stays in the body.
    while g_end > m.start() and text[g_end - 1] in " \t\r\n,!.:;?":
        g_end -= 1
    return (m.start(), g_end)


def _find_signoff(text: str, start: int, end: int):
    # Every trailer unit holds a "/" (a link or a "1/2" counter).
    trailer = _TRAILER.search(text, start, end) if "/" in text else None
    stop = trailer.start() if trailer else end
    while stop > start and text[stop - 1] in " \t\r\n":
        stop -= 1
    if stop <= start:
        return None
    # Only the last 120 characters can hold a sign-off; bounding the search keeps
    # it linear on huge replies.
    window_start = max(start, stop - 120)
    window = folded(text[window_start:stop])
    for i, pattern in enumerate(_SIGNOFF_PATTERNS):
        m = _signoff_match(i, text, window_start, stop, window)
        if m and m.end() == stop:
            s = m.start()
            while s < stop and text[s] in " \t\r\n":
                s += 1
            words = _LETTERS.findall(text[s:stop])
            if pattern in _SIGNOFF_PATTERNS[2:] and (not words or words[0].lower() in _NOT_A_NAME):
                continue
            if pattern is _SIGNOFF_PATTERNS[2] and not _looks_like_team(text[s:stop]):
                continue
            if s > start:
                return (s, stop)
    return None


def segment_reply(text: str) -> list:
    """Return the reply's segments, regions and inline spans, sorted by start."""
    segments = []
    quoted = _quoted_ranges(text)
    own_end = quoted[-1][0] if quoted and quoted[-1][1] == len(text) else len(text)
    # Only the agent's own text (before a trailing quoted block) has a greeting and sign-off.
    own_quoted = [q for q in quoted if q[1] <= own_end and q != (own_end, len(text))]
    first_own = 0
    for q in own_quoted:
        if q[0] <= first_own:
            first_own = max(first_own, q[1])
    greeting = _find_greeting(text, first_own, own_end)
    signoff = _find_signoff(text, greeting[1] if greeting else first_own, own_end)

    cursor = 0
    marks = sorted(
        [("quoted",) + q for q in quoted]
        + ([("greeting",) + greeting] if greeting else [])
        + ([("signoff",) + signoff] if signoff else [])
        , key=lambda m: m[1],
    )
    for kind, s, e in marks:
        if s < cursor:
            continue
        if s > cursor:
            segments.append(Segment("body", cursor, s))
        segments.append(Segment(kind, s, e))
        cursor = e
    if cursor < len(text):
        segments.append(Segment("body", cursor, len(text)))

    for kind, pattern, trigger in (("url", _URL, ("http", "www.", "HTTP", "WWW.")),
                                   ("email", _EMAIL, ("@",)),
                                   ("mention", _MENTION, ("@",))):
        if not any(t in text for t in trigger):
            continue
        if kind == "mention":
            # Sorted, non-overlapping email spans: one bisect per @mention, not a scan
            # of every segment (a reply of thousands of handles stays linear).
            emails = [(s.start, s.end) for s in segments if s.kind == "email"]
            email_starts = [s for s, _ in emails]
        for m in pattern.finditer(text):
            if kind == "mention":
                i = bisect_right(email_starts, m.start()) - 1
                if i >= 0 and m.start() < emails[i][1]:
                    continue
            if kind == "url":
                end = m.end()
                # Sentence punctuation after a link is not part of it; a closing
                # bracket is only when the link did not open one. The bracket balance
                # is kept as a running count: recounting per stripped character made
                # a link ending in thousands of ")" quadratic.
                balance = text.count("(", m.start(), end) - text.count(")", m.start(), end)
                while end > m.start() and (text[end - 1] in ".,;:!?'\"" or (
                        text[end - 1] == ")" and balance < 0)):
                    if text[end - 1] == ")":
                        balance += 1
                    end -= 1
                segments.append(Segment(kind, m.start(), end))
            else:
                segments.append(Segment(kind, m.start(), m.end()))
    segments.sort(key=lambda s: (s.start, s.kind in INLINE_KINDS))
    return segments
