"""HTML email bodies, read as the customer would see them, at the same length.

Helpdesks hand over HTML replies (``<p>Hi Diane,</p><p>I&rsquo;m sorry ...``).
Rules must match the words the customer reads, not the markup, while every offset
still points into the string exactly as given. ``html_to_text`` therefore returns
a string of the SAME length where:

* block tags (``<p>``, ``<br>``, ``</div>``, ...) become a line break plus spaces,
  so greetings, sign-offs and sentences split where the customer sees them split;
* inline tags (``<b>``, ``<span ...>``), comments and ``<script>``/``<style>``
  blocks take no room, as in a browser: ``I</span>'m`` reads ``I'm``;
* entities (``&amp;``, ``&#39;``, ``&rsquo;``, ``&nbsp;``) become the one character
  they stand for.

Markup that takes no room inside a word cannot turn into spaces there without
splitting the word ("I&#39;m" -> "I'    m" would no longer be "I'm"). So the rest
of that word moves left over the freed room and the padding spaces go in front of
the next whitespace or block tag. Consequence (documented in docs/reliability.md):
offsets are exact at every character outside such a word; inside one, a position
maps to the original at or before it, so a finding ending inside a word that holds
an entity or inline tag ends a little early. ``text[start:end] == finding.text``
holds whatever happens, because findings always slice the original.

Only tags with a known HTML (or Outlook ``o:p``-style namespaced) name count as
markup: ``<NAME>`` or ``<customer name>`` left over from a template stay text, so
the placeholder rule still sees them.
"""
from __future__ import annotations

import html as _html

import regex

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section "
    "table tbody td tfoot th thead title tr ul".split()
)
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label link mark meta "
    "q s samp small span strike strong sub sup time tt u var wbr base col colgroup input "
    "button select option textarea picture source svg".split()
)

# One pass over the markup: openers of blocks whose content is never shown (their
# end is found with str.find, so an unclosed <script> cannot make this quadratic),
# comments, doctype and processing instructions, tags, entities. Every other part
# stops at the next "<" or is bounded, so matching stays linear.
_MARKUP = regex.compile(
    r"(?P<hidden><(?P<hname>script|style|title)\b[^<>]*>)"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<decl><[!?][^<>]*>)"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9-]*)?)"
    r"(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    regex.IGNORECASE | regex.DOTALL,
)
# The cheap test for "is this HTML at all": a known tag must open somewhere.
_LOOKS_LIKE_HTML = regex.compile(
    r"<(?:!doctype|!--|/?(?:html|body|head|p|br|div|span|table|td|tr|a|b|i|u|em|strong|"
    r"font|ul|ol|li|h[1-6]|blockquote|img|meta|style|script|o:p)\b)",
    regex.IGNORECASE,
)
_SPACE = regex.compile(r"\s")
# str.lower() can change the length of a string, so closing tags are found by regex.
_CLOSE = {name: regex.compile(rf"</{name}\b[^<>]*>", regex.IGNORECASE)
          for name in ("script", "style", "title")}


_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds at least one known HTML tag (plain replies pay one ``in``)."""
    return "<" in text and _LOOKS_LIKE_HTML.search(text) is not None


def _known_tag(name: str) -> bool:
    name = name.lower()
    return name in _BLOCK_TAGS or name in _INLINE_TAGS or ":" in name


def html_to_text(text: str) -> str:
    """``text`` with markup blanked and entities decoded; ``len`` is unchanged."""
    out = []
    debt = 0          # room freed inside the current word, paid back as spaces later
    last_space = True  # is the last emitted character whitespace (or nothing yet)?
    pos = 0

    def emit_text(chunk: str) -> None:
        nonlocal debt, last_space
        if not chunk:
            return
        if debt:
            m = _SPACE.search(chunk)
            if m:
                out.append(chunk[:m.start()])
                out.append(" " * debt)
                out.append(chunk[m.start():])
                debt = 0
            else:
                out.append(chunk)
        else:
            out.append(chunk)
        last_space = chunk[-1].isspace()

    def take_no_room(width: int) -> None:
        # Between words the room becomes spaces at once; inside a word it is owed.
        nonlocal debt
        if last_space:
            out.append(" " * width)
        else:
            debt += width

    def break_here(width: int, first: str) -> None:
        nonlocal debt, last_space
        out.append(" " * debt)
        debt = 0
        out.append(first + " " * (width - 1))
        last_space = True

    search_from = 0
    while True:
        m = _MARKUP.search(text, search_from)
        if m is None:
            break
        start, end = m.span()
        search_from = end
        if m.group("tag") is not None and not _known_tag(m.group("name")):
            continue  # not markup: stays text, emitted with the plain text around it
        if m.group("hidden") is not None:
            # Script, style and title contents are never shown: blank to the closing tag.
            close = _CLOSE[m.group("hname").lower()].search(text, end)
            end = close.end() if close else len(text)
            search_from = end
        width = end - start
        emit_text(text[pos:start])
        pos = end
        if m.group("entity") is not None:
            decoded = _html.unescape(m.group(0))
            if decoded == m.group(0) or len(decoded) > width:
                emit_text(m.group(0))  # not an entity we know: it is text
            elif not decoded or decoded in _ZERO_WIDTH:
                take_no_room(width)  # &shy;, &zwj;, &#1;: nothing is shown
            elif decoded.isspace() or not decoded.isprintable():
                break_here(width, " ")
            else:
                out.append(decoded)
                last_space = False
                take_no_room(width - len(decoded))
        elif (m.group("tag") is not None and m.group("name").lower() in _BLOCK_TAGS) \
                or m.group("hidden") is not None:
            break_here(width, "\n")
        else:
            take_no_room(width)
    emit_text(text[pos:])
    out.append(" " * debt)
    result = "".join(out)
    # The whole design rests on this; a mismatch would silently shift every finding.
    assert len(result) == len(text), "html_to_text must keep the length"
    return result
