"""Checks about names (RL6xx): the customer's (used, generic, wrong) and the agent's own."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check
from replylint.names import (ASCII_WORD_CHARS, NOT_NAMES, given_name, is_same_name,
                             misspelling_of, name_forms, uses_name)

_FIRST_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")


def first_word_span(analysis):
    """The first word of the agent's own text (skipping @mentions and quoted text)."""
    for seg in analysis.segments:
        if seg.kind in ("greeting", "body", "signoff"):
            pos = seg.start
            while True:
                m = _FIRST_WORD.search(analysis.text, pos, seg.end)
                if not m:
                    break
                if analysis.in_scope(m.start(), m.end()):
                    return m.span()
                pos = m.end()
    return None


@register_check("names.missing_customer_name")
def missing_customer_name(analysis, rule):
    ctx = analysis.context
    if not (ctx.customer_name or ctx.customer_handle):
        return ()
    if ctx.history and rule.options.get("skip-mid-thread"):
        return ()
    text, end = analysis.text, analysis.own_text_end
    if not ctx.customer_name and opens_with_handle(text, end, ctx.customer_handle):
        return ()
    forms = name_forms(ctx.customer_name, ctx.customer_handle, analysis.config.nicknames)
    if uses_name(text if end == len(text) else text[:end], forms):
        return ()
    return _missing_customer_name_hit(analysis)


def opens_with_handle(text: str, end: int, handle: str) -> bool:
    """True when ``text[:end]`` opens with "@handle" (any case) and an ASCII character
    that is no word character, or ends there: a use find_name_uses finds at 0 (its form
    is the handle; "@" is taken, nothing comes before it) whichever way it searches.
    False says nothing."""
    at = "@" + handle.strip().lstrip("@").lower()
    n = len(at)
    if n == 1 or n > end or not text.startswith("@"):
        return False
    head = text[:n]
    if not head.isascii() or head.lower() != at:
        return False
    if n == end:
        return True
    c = text[n]
    return c.isascii() and c not in ASCII_WORD_CHARS


def _missing_customer_name_hit(analysis):
    ctx = analysis.context
    greeting = analysis.segments_of("greeting")
    span = (greeting[0].start, greeting[0].end) if greeting else first_word_span(analysis)
    if span is None:
        return
    name = ctx.customer_name.split()[0] if ctx.customer_name else "@" + ctx.customer_handle.lstrip("@")
    yield Hit(span[0], span[1], values={"name": name})


# ------------------------------------------------------------ RL602 generic salutation

# The salutations, as data: the gate below reads its words from the same lists.
GENERIC_GREETINGS = ("dear", "hello", "hi", "hey", "greetings")
GENERIC_ADJECTIVES = ("valued", "valuable", "loyal", "esteemed")
GENERIC_NOUNS = (
    "customer", "user", "member", "client", "guest", "passenger", "subscriber",
    r"account[ \t]+holder", "shopper", "cardholder", r"card[ \t]+holder", "policyholder",
    r"policy[ \t]+holder", r"sir[ \t]*(?:/|or|and)[ \t]*madam", r"madam[ \t]*(?:/|or|and)[ \t]*sir",
    "sirs?", "madam", "ma'am", "friend", "all")
WHOM = r"to[ \t]+whom[ \t]+it[ \t]+may[ \t]+concern"
THERE_GREETINGS = ("hi", "hello", "hey", "hiya", "greetings")

_GENERIC = regex.compile(
    "(?:" + "|".join(GENERIC_GREETINGS) + r")[ \t]+"
    "(?:" + "|".join(a + r"[ \t]+" for a in GENERIC_ADJECTIVES) + ")?"
    "(?:" + "|".join(GENERIC_NOUNS) + r")(?![\p{L}])"
    "|" + WHOM,
    regex.IGNORECASE,
)
# "Hi there Debbie" and "Hi there, Debbie!" greet by name already.
_THERE = regex.compile("(?:" + "|".join(THERE_GREETINGS) + r")[ \t]+there(?![\p{L}])"
                       r"(?-i:(?![ \t]+\p{Lu}|[ \t]*,[ \t]*\p{Lu}\p{Ll}+[,!.]))",
                       regex.IGNORECASE)


def _leading_word(alternative: str) -> str:
    """The letters an alternative must start with ("sirs?" -> "sir", "account...holder"
    -> "account"): its leading letters, less one made optional by a following ? or *."""
    word = regex.match(r"[a-z']*", alternative).group(0)
    if alternative[len(word):len(word) + 1] in ("?", "*"):
        word = word[:-1]
    return word


# What every match must hold, lower-cased (analysis.folded is norm.lower()): a
# greeting word followed by a space or tab and one of the nouns; "concern"; for
# _THERE, one of its greeting words followed by a space or tab, and "there".
_NOUN_GATE = tuple(dict.fromkeys(_leading_word(n) for n in GENERIC_NOUNS))
_WHOM_GATE = "concern"


def _followed_by_blank(words) -> "tuple[tuple, tuple]":
    return tuple(w + " " for w in words), tuple(w + "\t" for w in words)


_GREETING_GATE = _followed_by_blank(GENERIC_GREETINGS)
_THERE_GATE = _followed_by_blank(THERE_GREETINGS)


def _holds_any(low: str, strings) -> bool:
    for s in strings:  # a plain loop: any() over a generator costs twice as much
        if s in low:
            return True
    return False


def _holds_blank_form(low: str, forms) -> bool:
    spaced, tabbed = forms
    return _holds_any(low, spaced) or ("\t" in low and _holds_any(low, tabbed))


def may_have_salutation(low: "str | None", with_there: bool) -> bool:
    """False only when neither _GENERIC nor (with_there) _THERE can match anywhere in
    the text whose ``norm.lower()`` is ``low`` (None: cannot tell)."""
    if low is None or _WHOM_GATE in low:
        return True
    if _holds_blank_form(low, _GREETING_GATE) and _holds_any(low, _NOUN_GATE):
        return True
    return with_there and "there" in low and _holds_blank_form(low, _THERE_GATE)


# Where a salutation can stand: the start of the reply (after @mentions), of a line, or
# of a sentence. "our dear customers" inside a sentence is not a salutation.
_LEAD = regex.compile(r"(?:[ \t\r\n]+|@\w{1,30}[,:]?)*")
# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup (its flag handling), a compiled pattern ~1 µs.
_SALUTATION_AFTER = regex.compile(r"(?:\n|[.!?][ \t]+)[ \t]*")
_SENTENCE_STOP = regex.compile(r"[.!?\n]")


def _salutation_starts(analysis):
    text = analysis.norm
    lead = _LEAD.match(text)
    yield lead.end() if lead else 0
    for m in _SALUTATION_AFTER.finditer(text):
        yield m.end()


@register_check("names.generic_salutation")
def generic_salutation(analysis, rule):
    name = analysis.context.customer_name
    # given_name(name) is truthy only when name holds a letter, so bool(name) bounds it.
    if not may_have_salutation(analysis.folded, bool(name)):
        return ()
    return _generic_salutation(analysis)


def _generic_salutation(analysis):
    ctx = analysis.context
    greet = given_name(ctx.customer_name)
    text = analysis.norm
    seen = set()
    for pos in _salutation_starts(analysis):
        if pos in seen:
            continue
        seen.add(pos)
        # A salutation and what its look-aheads read hold no sentence end or line break
        # but, at most, as their last character, so the match may stop just after the
        # next one: unbounded, the regex module looks for _THERE's literal "there" over
        # the rest of the reply at every position (quadratic on long replies).
        stop = _SENTENCE_STOP.search(text, pos)
        stop = stop.end() if stop else len(text)
        m = _GENERIC.match(text, pos, stop) or (greet and _THERE.match(text, pos, stop))
        if not m or not analysis.in_scope(m.start(), m.end()):
            continue
        words = m.group(0)
        opener = words.split()[0]
        if not greet:
            yield Hit(m.start(), m.end(), values={"advice": "greet them by name"})
            continue
        # "To whom it may concern" and "Dear Sir/Madam" become "Dear Diane"; "Hi there"
        # keeps its own greeting word.
        word = "Dear" if opener.lower() in ("to", "dear") else opener
        yield Hit(m.start(), m.end(), values={"advice": f"greet {greet} by name"},
                  replacement=f"{word} {greet}")


# --------------------------------------------------------- RL603 wrong customer name

_GREETING_WORD = regex.compile(
    r"(?i:hi|hello|hey|hiya|howdy|greetings|dear|good[ \t]+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening)\b[ \t,]*"
)
_NAME_WORD = regex.compile(r"\p{Lu}[\p{L}'’.-]*")
_GAP = regex.compile(r"[ \t]+")


def greeted_name_span(analysis):
    """``(start, end)`` of the name in the greeting ("Hi [Dianne]"), or None."""
    for seg in analysis.segments_of("greeting"):
        m = _GREETING_WORD.match(analysis.norm, seg.start, seg.end)
        if not m:
            continue
        pos, start, end = m.end(), None, None
        for _ in range(3):  # "Mr", "Diane", "Jones"
            w = _NAME_WORD.match(analysis.norm, pos, seg.end)
            if not w:
                break
            start = w.start() if start is None else start
            end = w.end()
            gap = _GAP.match(analysis.norm[end:seg.end])
            if not gap:
                break
            pos = end + gap.end()
        if start is None:
            return None
        name = analysis.norm[start:end].rstrip(".'’")
        if name.lower() in NOT_NAMES or not analysis.in_scope(start, end):
            return None
        return (start, start + len(name))
    return None


@register_check("names.wrong_customer_name")
def wrong_customer_name(analysis, rule):
    ctx = analysis.context
    if not ctx.customer_name:
        return
    span = greeted_name_span(analysis)
    if span is None:
        return
    greeted = analysis.text[span[0]:span[1]]
    if is_same_name(greeted, ctx.customer_name, ctx.customer_handle, analysis.config.nicknames):
        return
    name = given_name(ctx.customer_name)
    problem = (f"misspells the customer's name ({name})" if misspelling_of(greeted, ctx.customer_name)
               else f"is not the customer's name ({name})")
    yield Hit(span[0], span[1], values={"name": name, "problem": problem}, replacement=name)


# ----------------------------------------------------------- RL604 missing agent name

# A tweet thread signs its last part: "1/3" or a trailing ">>" or "..." means more follows.
# Matched in reverse ((?r)) from the end of the text, where "$" is: one attempt instead of
# one per ">" or "." (quadratic on runs of ">"), and each link is atomic (it ends at the
# nearest "http" to its left), so glued links cannot be split every possible way.
_CONTINUED = regex.compile(
    r"(?r)(?:\(?(\d{1,2})/(\d{1,2})\)?|>>+|\.\.\.|…)[ \t]*(?:(?>https?://\S+?)[ \t]*)*$")
_HAS_LETTER = regex.compile(r"\p{L}")


# _CONTINUED ends at the end of the stripped text: with a link, or with one of its
# markers ("1/2", "(1/2)", ">>", "...", "…"), whose ASCII endings are these. Its \d
# also takes non-ASCII digits, so only an ASCII last character can rule a marker out.
CONTINUED_ENDINGS = ("...", ">>") + tuple("0123456789)")
_ENDING_LAST = frozenset(e[-1] for e in CONTINUED_ENDINGS)


def _may_end_with_link(text: str) -> bool:
    """False only when no "https?://" link can end ``text``: a link that does covers
    the last "://" of the text and everything after it, where none of the characters
    that every whitespace class holds (space, tab, CR, LF) can then stand."""
    at = text.rfind("://")
    if at < 0:
        return False
    return not (text.find(" ", at) >= 0 or text.find("\n", at) >= 0
                or text.find("\t", at) >= 0 or text.find("\r", at) >= 0)


def _may_hold_marker(text: str) -> bool:
    """False only when ``text`` holds none of _CONTINUED's markers: ">>", "...", "…",
    or a digit, "/" and a digit (any non-ASCII character may be a digit to the pattern)."""
    if ">>" in text or "..." in text or "…" in text:
        return True
    i = text.find("/", 1)
    while 0 < i < len(text) - 1:
        before, after = text[i - 1], text[i + 1]
        if (before.isdigit() or not before.isascii()) and (after.isdigit() or not after.isascii()):
            return True
        i = text.find("/", i + 1)
    return False


def _continues_in_next_part(text: str) -> bool:
    text = text.rstrip()
    last = text[-1:]
    if last.isascii() and (last not in _ENDING_LAST or not text.endswith(CONTINUED_ENDINGS)) \
            and not _may_end_with_link(text):
        return False  # neither a marker nor a link ends the text: _CONTINUED cannot match
    if not _may_hold_marker(text):
        return False  # every match holds a marker
    # A reverse pattern ending in "$" can only match at the end of the (stripped) text,
    # which is where match() makes its one attempt; search() tried every position.
    m = _CONTINUED.match(text)
    if not m:
        return False
    if m.group(1):
        return int(m.group(1)) < int(m.group(2))
    return True


@register_check("names.missing_agent_name")
def missing_agent_name(analysis, rule):
    for seg in analysis.segments:
        if seg.kind == "signoff":
            return ()
    end = analysis.own_text_end
    norm = analysis.norm
    if _continues_in_next_part(norm if end == len(norm) else norm[:end]):
        return ()
    agent = analysis.context.agent_name
    if agent:
        text = analysis.text
        if uses_name(text if end == len(text) else text[:end],
                     name_forms(agent, None, analysis.config.nicknames)):
            return ()
    return _missing_agent_name_hit(analysis)


def _missing_agent_name_hit(analysis):
    # Underline the last sentence (without @mentions before it): where a name would go.
    norm, own_end = analysis.norm, analysis.own_text_end
    for start, end in reversed(analysis.sentences):
        # A sentence starts with no space, so _LEAD moves its start only past "@".
        if norm[start] == "@":
            start = _LEAD.match(norm, start, end).end()
        if start < end <= own_end and analysis.in_scope(start, end) \
                and _HAS_LETTER.search(norm, start, end):
            return (Hit(start, end),)
    return ()
