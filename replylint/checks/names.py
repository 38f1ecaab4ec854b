"""Checks about names (RL6xx): the customer's (used, generic, wrong) and the agent's own."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check
from replylint.names import (NOT_NAMES, find_name_uses, given_name, is_same_name, misspelling_of,
                             name_forms)

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
        return
    if rule.options.get("skip-mid-thread") and ctx.history:
        return
    forms = name_forms(ctx.customer_name, ctx.customer_handle, analysis.config.nicknames)
    own = analysis.text[:analysis.own_text_end]
    if find_name_uses(own, forms):
        return
    greeting = analysis.segments_of("greeting")
    span = (greeting[0].start, greeting[0].end) if greeting else first_word_span(analysis)
    if span is None:
        return
    name = ctx.customer_name.split()[0] if ctx.customer_name else "@" + ctx.customer_handle.lstrip("@")
    yield Hit(span[0], span[1], values={"name": name})


# ------------------------------------------------------------ RL602 generic salutation

_GENERIC = regex.compile(
    r"(?:dear|hello|hi|hey|greetings)[ \t]+(?:valued[ \t]+|valuable[ \t]+|loyal[ \t]+|esteemed[ \t]+)?"
    r"(?:customer|user|member|client|guest|passenger|subscriber|account[ \t]+holder|shopper"
    r"|cardholder|card[ \t]+holder|policyholder|policy[ \t]+holder|sir[ \t]*(?:/|or|and)[ \t]*madam"
    r"|madam[ \t]*(?:/|or|and)[ \t]*sir|sirs?|madam|ma'am|friend|all)(?![\p{L}])"
    r"|to[ \t]+whom[ \t]+it[ \t]+may[ \t]+concern",
    regex.IGNORECASE,
)
# "Hi there Debbie" and "Hi there, Debbie!" greet by name already.
_THERE = regex.compile(r"(?:hi|hello|hey|hiya|greetings)[ \t]+there(?![\p{L}])"
                    r"(?-i:(?![ \t]+\p{Lu}|[ \t]*,[ \t]*\p{Lu}\p{Ll}+[,!.]))",
                       regex.IGNORECASE)
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


def _continues_in_next_part(text: str) -> bool:
    m = _CONTINUED.search(text.rstrip())
    if not m:
        return False
    if m.group(1):
        return int(m.group(1)) < int(m.group(2))
    return True


@register_check("names.missing_agent_name")
def missing_agent_name(analysis, rule):
    if analysis.segments_of("signoff"):
        return
    if _continues_in_next_part(analysis.norm[:analysis.own_text_end]):
        return
    own = analysis.text[:analysis.own_text_end]
    agent = analysis.context.agent_name
    if agent and find_name_uses(own, name_forms(agent, None, analysis.config.nicknames)):
        return
    # Underline the last sentence (without @mentions before it): where a name would go.
    for start, end in reversed(analysis.sentences):
        lead = _LEAD.match(analysis.norm, start, end)
        start = lead.end() if lead else start
        if start < end <= analysis.own_text_end and analysis.in_scope(start, end) \
                and _HAS_LETTER.search(analysis.norm, start, end):
            yield Hit(start, end)
            return
