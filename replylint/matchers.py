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
