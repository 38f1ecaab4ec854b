"""Checks about the customer's name (RL6xx)."""
from __future__ import annotations

import regex

from replylint.checks import Hit, register_check
from replylint.names import find_name_uses, name_forms

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
