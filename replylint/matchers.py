"""The shared matchers: every rule's phrases, token patterns and regexes compiled once.

All phrase lists of all rules (and their ``unless`` phrases) go into ONE spaCy
PhraseMatcher on LOWER, so checking a reply costs one pass whatever the number of
phrase rules. Token patterns (few, because Matcher cost grows with each pattern)
share one Matcher. Regexes are compiled at load and run on the normalised text.
"""
from __future__ import annotations

from collections import defaultdict

from replylint.normalize import normalize_text

# User packs' regexes run with this timeout (seconds), so a catastrophic pattern
# becomes a reported error for that reply instead of a hang.
USER_REGEX_TIMEOUT = 0.25


class PhraseIndex:
    """One PhraseMatcher for all phrase lists; keys are ``CODE`` or ``CODE~N`` (antipattern N)."""

    def __init__(self, nlp, rules):
        from spacy.matcher import Matcher, PhraseMatcher

        self.vocab = nlp.vocab
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.token_matcher = Matcher(nlp.vocab)
        self.has_phrases = False
        self.has_patterns = False
        for rule in rules:
            if rule.phrases:
                self._add_phrases(nlp, rule.code, rule.phrases)
            if rule.patterns:
                self.token_matcher.add(rule.code, [list(p) for p in rule.patterns])
                self.has_patterns = True
            for i, anti in enumerate(rule.unless):
                if anti.phrases:
                    self._add_phrases(nlp, f"{rule.code}~{i}", anti.phrases)

    def _add_phrases(self, nlp, key, phrases):
        docs = [nlp.make_doc(normalize_text(p)) for p in phrases]
        self.phrase_matcher.add(key, docs)
        self.has_phrases = True

    def match(self, doc) -> dict:
        """``{key: [(start_char, end_char), ...]}`` for every phrase and pattern key."""
        found = defaultdict(list)
        strings = self.vocab.strings
        if self.has_phrases:
            for match_id, s, e in self.phrase_matcher(doc):
                found[strings[match_id]].append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
        if self.has_patterns:
            for match_id, s, e in self.token_matcher(doc):
                found[strings[match_id]].append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
        return found


def regex_spans(pattern, text: str, timeout=None) -> list:
    """All non-empty match spans of ``pattern`` (group 'hit' if it has one)."""
    spans = []
    group = "hit" if "hit" in pattern.groupindex else 0
    for m in pattern.finditer(text, timeout=timeout):
        s, e = m.span(group)
        if e > s:
            spans.append((s, e))
    return spans


def merge_spans(spans) -> list:
    """Union of overlapping spans: overlapping matches of one rule become one finding."""
    merged = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


# ------------------------------------------------------------ regex prefilters
# A rule's regex runs on every reply, though most replies hold none of its words.
# ``required_literals`` reads a pattern's structure and returns words of which every
# match must contain one ("sorry" or "apolog" for r"\b(?:sorry|apolog\w+)\b ..."); a
# reply whose lower-cased text holds none of them cannot match, and the regex is
# skipped. The answer must never be wrong, so anything unsure gives None (no prefilter).

# Syntax the regex module reads differently from Python's re parser, which we borrow:
# POSIX classes, fuzzy matching, reverse search, version and full-case flags.
_UNSURE = ("[[", "{e", "{i", "{d", "{s", "(?r", "(?f", "(?V", "(?|")


def required_literals(pattern) -> "tuple | None":
    """Lower-case ASCII strings, one of which every match of ``pattern`` contains; None
    when that cannot be said (then the pattern always runs)."""
    import regex

    if pattern.flags & (regex.FULLCASE | regex.VERSION1) or any(u in pattern.pattern for u in _UNSURE):
        return None
    try:
        import re._parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags & regex.VERBOSE)
    except Exception:  # noqa: BLE001 - regex-only syntax: no prefilter, never an error
        return None
    found = _required(list(tree), sre_parse)
    return tuple(sorted(found)) if found else None


def _required(items, sre) -> "set | None":
    """A set of strings one of which the sequence ``items`` must contain, or None."""
    c = sre._constants if hasattr(sre, "_constants") else sre
    candidates, run = [], []

    def flush():
        # Only ASCII letters, digits and punctuation: a non-ASCII literal may match a
        # character whose lower() differs (final sigma), so it splits the run.
        if run:
            candidates.append({"".join(run).lower()})
            run.clear()

    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        found = None
        if op is c.SUBPATTERN:
            found = _required(list(av[-1]), sre)
        elif op is c.ATOMIC_GROUP:
            found = _required(list(av), sre)
        elif op is c.BRANCH:
            options = [_required(list(branch), sre) for branch in av[1]]
            if all(options):
                found = set().union(*options)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            body = list(av[2])
            if len(body) == 1 and body[0][0] is c.LITERAL and body[0][1] < 128:
                found = {chr(body[0][1]).lower() * min(av[0], 8)}  # "X{3,}" needs "xxx"
            else:
                found = _required(body, sre)
        if found:
            candidates.append(found)
    flush()
    candidates = [cand for cand in candidates if all(cand)]
    if not candidates:
        return None
    # The most selective: longest shortest string, then fewest strings.
    return max(candidates, key=lambda cand: (min(map(len, cand)), -len(cand)))


# Text characters that match an ASCII letter under the regex module's IGNORECASE but
# whose lower() does not hold it (İ lowers to "i" + a combining dot, ſ stays ſ): a
# reply holding one is not prefiltered. (The Kelvin sign lowers to "k" and is fine.)
_FOLD_TRAPS = ("\u0130", "\u017f")


_LITERALS: dict = {}


def literals_for(pattern) -> "tuple | None":
    """``required_literals(pattern)``, worked out once per compiled pattern."""
    try:
        return _LITERALS[pattern]
    except KeyError:
        found = _LITERALS[pattern] = required_literals(pattern)
        return found


def folded(text: str) -> "str | None":
    """``text.lower()`` for the prefilters, or None when they cannot be trusted on it."""
    if not text.isascii() and any(t in text for t in _FOLD_TRAPS):
        return None
    return text.lower()


def may_match(literals, lower: "str | None") -> bool:
    """False only when ``lower`` holds none of ``literals`` (so the pattern cannot match)."""
    if literals is None or lower is None:
        return True
    for literal in literals:
        if literal in lower:
            return True
    return False
