"""Property tests: whatever an agent pastes, ``check`` answers, with honest offsets.

Runs over the WHOLE rule set as it is when the tests run (every pack, preview rules
too), so a rule added tomorrow is fuzzed without touching this file.

The default budget keeps CI fast; for a long run set REPLYLINT_FUZZ_EXAMPLES, e.g.
``REPLYLINT_FUZZ_EXAMPLES=20000 pytest tests/test_properties.py`` (see
docs/reliability.md and fuzz/).
"""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replylint
from replylint.model import CHANNELS, Context
from replylint.rulefile import load_rule_packs

EXAMPLES = int(os.environ.get("REPLYLINT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # never a timed assertion: slow CI machines must not fail tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)

ALL_RULES = load_rule_packs()


@pytest.fixture(scope="module")
def every_rule():
    # Preview rules included: they run in someone's audit profile too.
    return replylint.Linter(replylint.Config(select=tuple(r.code for r in ALL_RULES)))


# --------------------------------------------------------------------------- strategies
def _rule_words() -> list:
    """Text the rules are written to find: their phrases and example replies."""
    words = set()
    for rule in ALL_RULES:
        words.update(rule.phrases)
        for anti in rule.unless:
            words.update(anti.phrases)
        for example in rule.examples_fail + rule.examples_pass:
            words.add(example.text)
    return sorted(words)


RULE_WORDS = _rule_words()

# The characters that break naive text code: zero-width and bidi controls, combining
# marks, emoji ZWJ sequences and skin tones, NUL and C0/C1 controls, lone surrogates,
# line and paragraph separators, full-width and curly punctuation, BOM.
ODD = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u0301", "\u0308", "\u0327", "e\u0301", "\u0345\u0345\u0345", "Z\u0351\u0352\u0353\u0354",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f44d\U0001f3fd", "\U0001f1ec\U0001f1e7",
    "\u2764\ufe0f", "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ud800", "\udfff",
    "\udbff", "\ud83d", "\r\n", "\r", "\n", "\n\n", "\t", "\u2028", "\u2029", "\x0b", "\x0c",
    "\u2019", "\u201c", "\u201d", "\uff07", "\u00a0", "\u3000", "\u2014", "\u2026", "\ufffd",
    "\u0130", "\u00df", "\ufb03", "\u1e9e", "\u0391", "\u05d0", "\u0627", "\u4e2d", "\U0001d400",
]
STRUCTURE = [
    "Hi ", "Dear ", "Hello there,\n", "Thanks,\n", "Regards,\nSam", "\n- Sam", " ^SG", "/LS",
    "> ", "\n> quoted line\n", "On Tue, 3 Jan 2023, Diane wrote:\n", "-----Original Message-----\n",
    "From: a@b.com\nSent: today\n", "https://example.com/a?b=(c)", "www.example.com.", "x@y.co.uk",
    "@acme_help", "@", "[Customer Name]", "{{first_name}}", "<NAME>", "%NAME%", "XXX",
    "4111 1111 1111 1111", "+44 20 7946 0958", "(555) 010-9999", "GB82 WEST 1234 5698 7654 32",
    "123-45-6789", "QQ 12 34 56 C", "01/02/1980", "password", "PIN", "CVV", ". ", "! ", "? ",
    "...", "''", '"', "(", ")", "[", "]", "{", "}", "<", ">", "&", ";", "-", "--", "  ",
]
HTML = [
    "<p>", "</p>", "<br>", "<br/>", "<div class='x'>", "</div>", "<b>", "</b>", "<span style=\"a\">",
    "</span>", "<o:p></o:p>", "<!-- note -->", "<!--", "<script>x()</script>", "<style>p{}</style>",
    "<script>", "<!DOCTYPE html>", "&amp;", "&#39;", "&rsquo;", "&nbsp;", "&lt;", "&gt;", "&#0;",
    "&#x1F600;", "&#xD800;", "&#1;", "&shy;", "&zwj;", "&bogus;", "&ngE;", "<a href='http://x.y'>",
    "</a>", "<td>", "<tr>", "<table>", "<html><body>", "</body></html>", "<title>t</title>",
]

any_char_text = st.text(
    # Every code point, surrogates included (Python strings may hold them).
    alphabet=st.characters(exclude_categories=()), max_size=120,
)
fragment = st.one_of(
    st.sampled_from(RULE_WORDS),
    st.sampled_from(ODD),
    st.sampled_from(STRUCTURE),
    st.sampled_from(HTML),
    any_char_text,
)
reply_text = st.one_of(
    st.lists(fragment, max_size=25).map("".join),
    any_char_text,
)


@st.composite
def mutated_example(draw):
    """A rule example with odd characters spliced in at arbitrary places."""
    text = draw(st.sampled_from(RULE_WORDS))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(ODD), st.sampled_from(HTML))) + text[at:]
    return text


names = st.one_of(
    st.none(),
    st.sampled_from(["Diane", "Robert Smith", "Mr Smith", "Zoë O'Neil-Brown", "José", "李小龙",
                     "Dr. A", "a", "   ", "Sam\u200b", "\u202eevil", "Bob\x00", "\ud800",
                     "(.*)+", "[", "Name With Many Parts In It", "\u0130stanbul"]),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=30),
)
contexts = st.builds(
    Context,
    channel=st.one_of(st.none(), st.sampled_from(CHANNELS)),
    public=st.one_of(st.none(), st.booleans()),
    customer_name=names,
    customer_handle=st.one_of(st.none(), st.sampled_from(["@diane", "diane_w", "@", "@@x", "a.b"]),
                              st.text(max_size=20)),
    agent_name=names,
    inbound=st.one_of(st.none(), reply_text),
    history=st.one_of(st.just(()), st.lists(reply_text, max_size=2).map(tuple)),
    locale=st.one_of(st.none(), st.sampled_from(["en", "en-GB", "de", "xx"])),
)


# --------------------------------------------------------------------------- helpers
def assert_well_formed(text: str, report) -> None:
    assert report.length == len(text)
    previous = None
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text), (f.code, f.start, f.end, len(text))
        assert text[f.start:f.end] == f.text, (f.code, f.start, f.end)
        assert isinstance(f.message, str) and f.message, f.code
        key = (f.start, f.end, f.code)
        assert previous is None or previous <= key, "findings must be ordered by start offset"
        previous = key
    for error in report.errors:
        assert error["code"] and error["message"]


def assert_json(report) -> None:
    data = report.to_dict()
    encoded = json.dumps(data, allow_nan=False)
    assert json.loads(encoded) == data


# --------------------------------------------------------------------------- properties
@FUZZ
@given(text=reply_text, context=contexts)
def test_check_never_raises_and_offsets_hold(every_rule, text, context):
    report = every_rule.check(text, context)
    assert_well_formed(text, report)
    assert_json(report)


@FUZZ
@given(text=mutated_example(), context=contexts)
def test_rule_examples_with_odd_characters(every_rule, text, context):
    report = every_rule.check(text, context)
    assert_well_formed(text, report)
    assert_json(report)


@FUZZ
@given(text=reply_text, other=reply_text, context=contexts)
def test_deterministic_whatever_came_before(every_rule, text, context, other):
    # Checks may cache per reply (e.g. the privacy requests); the same reply must get
    # the same report whatever was checked before it.
    first = every_rule.check(text, context).to_dict()
    every_rule.check(other, context)
    assert every_rule.check(text, context).to_dict() == first


@FUZZ
@given(records=st.lists(st.tuples(reply_text, contexts), max_size=6))
def test_check_many_equals_check(every_rule, records):
    one_by_one = [every_rule.check(text, ctx).to_dict() for text, ctx in records]
    streamed = [r.to_dict() for r in every_rule.check_many(records, workers=1)]
    assert streamed == one_by_one


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(records=st.lists(st.tuples(reply_text, contexts), min_size=1, max_size=40))
def test_check_many_in_a_pool_equals_check(every_rule, records):
    # A pool pickles contexts and reports across processes: few examples because
    # every one starts two worker processes, each building its own Linter.
    one_by_one = [every_rule.check(text, ctx).to_dict() for text, ctx in records]
    pooled = [r.to_dict() for r in every_rule.check_many(records, workers=2, chunksize=7)]
    assert pooled == one_by_one


@FUZZ
@given(text=reply_text, context=contexts)
def test_fix_never_raises_and_only_touches_finding_spans(every_rule, text, context):
    result = every_rule.fix(text, context)
    rebuilt, cursor = [], 0
    for edit in result.edits:
        assert 0 <= cursor <= edit.start <= edit.end <= len(text)
        rebuilt.append(text[cursor:edit.start] + edit.replacement)
        cursor = edit.end
    rebuilt.append(text[cursor:])
    assert "".join(rebuilt) == result.text
    json.dumps(result.to_dict())


@pytest.mark.parametrize("text", ODD + HTML + ["", " ", "\n" * 50, "\x00" * 10, "\ud800" * 3])
def test_each_odd_piece_alone(every_rule, text):
    report = every_rule.check(text, Context(channel="twitter", customer_name="Diane",
                                            customer_handle="@diane", inbound=text or None))
    assert_well_formed(text, report)
    assert_json(report)


# normalize_text replaces only the characters it finds; it must equal the plain
# one-to-one table applied to every character.
from replylint import normalize as _normalize  # noqa: E402

_LOOKALIKES = list(_normalize._ONE_TO_ONE) + ["a", "'", " ", "€", "é", "\U0001F642", "\ud83d", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LOOKALIKES), max_size=40))
def test_normalize_equals_the_whole_table(chars):
    text = "".join(chars)
    expected = text.translate(str.maketrans(_normalize._ONE_TO_ONE))
    try:
        expected.encode("utf-8")
    except UnicodeEncodeError:
        expected = expected.translate(_normalize._SURROGATE_TABLE)
    assert _normalize.normalize_text(text) == expected
    assert len(_normalize.normalize_text(text)) == len(text)
