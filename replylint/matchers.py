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
        self.has_patterns = False
        lists = []  # (key, phrases)
        for rule in rules:
            if rule.phrases:
                lists.append((rule.code, rule.phrases))
            if rule.patterns:
                self.token_matcher.add(rule.code, [list(p) for p in rule.patterns])
                self.has_patterns = True
            for i, anti in enumerate(rule.unless):
                if anti.phrases:
                    lists.append((f"{rule.code}~{i}", anti.phrases))
        keywords = _phrase_keywords(nlp, [normalize_text(p) for _, phrases in lists for p in phrases])
        for key, phrases in lists:
            self.phrase_matcher.add(key, [next(keywords) for _ in phrases])
        self.has_phrases = bool(lists)

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


def _phrase_keywords(nlp, phrases: list):
    """Each phrase as the LOWER values of its tokens (what PhraseMatcher.add makes of a
    Doc, and takes as is), in order.

    The built-in packs hold ~12,600 phrases (~200,000 tokens) but only a few thousand
    distinct words: a Doc per phrase cost ~0.5 s at every start. The tokenizer splits
    on spaces first and treats each chunk alone, so a phrase's tokens are its chunks'
    tokens, and each distinct chunk is tokenised once (tests/test_phrase_keywords.py
    holds every built-in phrase to its one-by-one tokens). A phrase with other
    whitespace in it or around it is tokenised alone all the same.
    """
    plain = [i for i, p in enumerate(phrases) if p and " ".join(p.split()) == p]
    chunks = _chunk_keywords(nlp, {c for i in plain for c in phrases[i].split(" ")})
    out = [None] * len(phrases)
    for i in plain:
        out[i] = [lower for chunk in phrases[i].split(" ") for lower in chunks[chunk]]
    for i, keyword in enumerate(out):
        if keyword is None:
            out[i] = [t.lower for t in nlp.make_doc(phrases[i])]
    return iter(out)


def _chunk_keywords(nlp, chunks: set) -> dict:
    """``{chunk: its tokens' LOWER values}`` for space-free chunks, tokenised together."""
    from spacy.attrs import LOWER

    out, newline = {}, nlp.vocab.strings["\n"]
    chunks = sorted(chunks)
    # In batches: one Doc of everything holds a lot of memory for a moment.
    for first in range(0, len(chunks), 2000):
        batch = chunks[first:first + 2000]
        doc = nlp.make_doc("\n".join(batch))
        keyword, slot = [], iter(batch)
        for lower in doc.to_array([LOWER]).tolist():  # a chunk holds no line break
            if lower == newline:
                out[next(slot)] = keyword
                keyword = []
            else:
                keyword.append(lower)
        out[next(slot)] = keyword
    return out


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
# ``required_literal_sets`` reads a pattern's structure and returns groups of strings:
# every match contains one string of EACH group ("sorry" or "apologise" or
# "apologize", and "but", for r"\b(?:sorry|apologi[sz]e)\b.{0,9}but"). A reply whose
# lower-cased text misses one whole group cannot match, and the regex is skipped.
# The answer must never be wrong, so anything unsure gives None (no prefilter).

# Syntax the regex module reads differently from Python's re parser, which we borrow:
# POSIX classes, fuzzy matching, reverse search, version and full-case flags.
_UNSURE = ("[[", "{e", "{i", "{d", "{s", "(?r", "(?f", "(?V", "(?|")
# Unicode properties (\p{L}) are regex-only syntax; for finding required literals any
# class that is not a literal serves, so they are read as \w / \W (never as text).
_PROPERTY = r"(\\\\)|\\([pP])\{[^}]*\}"
# A run of literals is widened through a small class or choice ("hi" + [ \t] gives
# "hi " and "hi\t") while the alternatives stay this few.
_MAX_ALTERNATIVES = 16


def required_literal_sets(pattern) -> "tuple | None":
    """Groups of lower-case ASCII strings such that every match of ``pattern`` holds one
    string of each group, most selective group first; None when nothing can be said
    (then the pattern always runs)."""
    import regex

    if pattern.flags & (regex.FULLCASE | regex.VERSION1) or any(u in pattern.pattern for u in _UNSURE):
        return None
    try:
        import re._parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse
    source = regex.sub(_PROPERTY, lambda m: m.group(1) or ("\\w" if m.group(2) == "p" else "\\W"),
                       pattern.pattern)
    try:
        tree = sre_parse.parse(source, pattern.flags & regex.VERBOSE)
    except Exception:  # noqa: BLE001 - regex-only syntax: no prefilter, never an error
        return None
    c = sre_parse._constants if hasattr(sre_parse, "_constants") else sre_parse
    groups = {tuple(sorted(g)) for g in _required(list(tree), c) if _useful(g)}
    if not groups:
        return None
    return tuple(sorted(groups, key=_selectivity))


def required_literals(pattern) -> "tuple | None":
    """The most selective group of ``required_literal_sets`` (one of which every match holds)."""
    groups = required_literal_sets(pattern)
    return groups[0] if groups else None


def _selectivity(group) -> tuple:
    # Checked in this order: few strings (cheap to check) that are long (likely to be
    # absent) first; a group of one rare character beats a list of 25 short words.
    return (len(group) / min(map(len, group)) ** 2, group)


def _useful(group) -> bool:
    return bool(group) and all(group) and not all(g.isspace() for g in group)


def _exact(items, c) -> "set | None":
    """The strings the sequence ``items`` matches, when it is a short choice of literals
    (zero-width assertions count as the empty string); otherwise None."""
    out = {""}
    for op, av in items:
        strings = _exact_item(op, av, c)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _MAX_ALTERNATIVES:
            return None
    return out


def _exact_item(op, av, c) -> "set | None":
    # Only ASCII: a non-ASCII literal may match a character whose lower() differs
    # (final sigma), so it is never part of a required string.
    if op is c.LITERAL:
        return {chr(av).lower()} if av < 128 else None
    if op is c.IN:
        chars = set()
        for kind, value in av:
            if kind is not c.LITERAL or value >= 128:
                return None
            chars.add(chr(value).lower())
        return chars or None
    if op is c.AT or op is c.ASSERT_NOT or op is c.ASSERT:
        return {""}  # zero width: the text on either side is contiguous
    if op is c.SUBPATTERN:
        return _exact(list(av[-1]), c)
    if op is c.BRANCH:
        out = set()
        for branch in av[1]:
            strings = _exact(list(branch), c)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_ALTERNATIVES else None
    return None


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _required(items, c) -> list:
    """Sets of strings; every match of the sequence ``items`` holds one of each set."""
    groups, run = [], {""}
    repeats = tuple(getattr(c, name) for name in _REPEATS if hasattr(c, name))

    def flush(start=None):
        nonlocal run
        if run != {""}:
            groups.append(run)
        run = start or {""}

    for op, av in items:
        if op is c.ASSERT and av[0] == 1:
            # A positive look-ahead: its text follows the match point. (Not look-behinds:
            # searching from a position, their text may lie before the searched part.)
            groups.extend(_required(list(av[1]), c))
        strings = _exact_item(op, av, c)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= _MAX_ALTERNATIVES:
                run = joined
            else:
                flush(strings)
            continue
        if op in repeats and av[0] >= 1:
            body = list(av[2])
            strings = _exact(body, c)
            if strings is not None and "" not in strings:
                # The match starts with one body string and ends with one: the run so
                # far joins the first, and the last begins the next run.
                if len(strings) == 1:  # "X{3,}" needs "xxx"
                    joined = {a + next(iter(strings)) * min(av[0], 8) for a in run}
                else:
                    joined = {a + b for a in run for b in strings}
                if len(joined) <= _MAX_ALTERNATIVES:
                    groups.append(joined)
                else:
                    flush()
                run = set(strings)
                continue
            flush()
            groups.extend(_required(body, c))
            continue
        flush()
        if op is c.SUBPATTERN:
            groups.extend(_required(list(av[-1]), c))
        elif op is c.ATOMIC_GROUP:
            groups.extend(_required(list(av), c))
        elif op is c.BRANCH:
            best = []
            for branch in av[1]:
                options = [g for g in _required(list(branch), c) if _useful(g)]
                if not options:
                    best = None
                    break
                best.append(min(options, key=_selectivity))
            if best:
                groups.append(set().union(*best))
    flush()
    return groups


# Text characters that match an ASCII letter under the regex module's IGNORECASE but
# whose lower() does not hold it (İ lowers to "i" + a combining dot, ſ stays ſ): a
# reply holding one is not prefiltered. (The Kelvin sign lowers to "k" and is fine.)
_FOLD_TRAPS = ("\u0130", "\u017f")


_LITERALS: dict = {}


def literals_for(pattern) -> "tuple | None":
    """``required_literal_sets(pattern)``, worked out once per compiled pattern."""
    try:
        return _LITERALS[pattern]
    except KeyError:
        found = _LITERALS[pattern] = required_literal_sets(pattern)
        return found


def top_level_alternatives(pattern: str) -> list:
    """``pattern`` cut at its ``|`` outside any group or class."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class AnyMatch:
    """``bool(big_regex.search(text))`` for a long alternation, faster.

    The regex module tries every alternative of a large case-insensitive alternation
    at every position: ~40 µs on a 130-character message, ~140 µs on 500. Here each
    alternative is its own small regex behind the words it needs
    (required_literal_sets): the text matches when one alternative whose words are
    present matches. Only for yes/no questions: finditer must keep the whole regex to
    give the leftmost match.
    """

    def __init__(self, patterns, flags=0):
        self._patterns = tuple(patterns)
        self._flags = flags
        self._parts = None  # compiled on first use, not at import (tens of ms)

    @classmethod
    def each_alternative(cls, alternation: str, before: str = "") -> "AnyMatch":
        """One case-insensitive part per top-level alternative: ``{before}(?:{alternative})``."""
        import regex

        parts = [f"{before}(?:{alternative})" for alternative in top_level_alternatives(alternation)]
        return cls(parts, regex.IGNORECASE)

    @property
    def parts(self) -> list:
        """(the literal groups it needs or None, compiled part), in order."""
        if self._parts is None:
            import regex

            parts = []
            for pattern in self._patterns:
                part = regex.compile(pattern, self._flags)
                parts.append((required_literal_sets(part), part))
            self._parts = parts
        return self._parts

    def __call__(self, text: str) -> bool:
        lower = folded(text)
        return any(may_match_all(gate, lower) and part.search(text) for gate, part in self.parts)


def folded(text: str) -> "str | None":
    """``text.lower()`` for the prefilters, or None when they cannot be trusted on it."""
    if not text.isascii() and any(t in text for t in _FOLD_TRAPS):
        return None
    return text.lower()


def may_match_all(groups, lower: "str | None") -> bool:
    """False only when ``lower`` misses every string of one of ``groups``."""
    if groups is None or lower is None:
        return True
    for group in groups:
        for literal in group:
            if literal in lower:
                break
        else:
            return False
    return True
