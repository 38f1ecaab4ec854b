"""The Linter: selects and compiles the rules once, then checks replies in one pass each."""
from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex

from replylint.analysis import Analysis, SpanIndex
from replylint.checks import Hit, get_check, load_builtin_checks
from replylint.config import Config
from replylint.errors import RuleFileError
from replylint.html import html_to_text, looks_like_html
from replylint.matchers import (USER_REGEX_TIMEOUT, PhraseIndex, literals_for, may_match_all, merge_spans,
                                regex_spans)
from replylint.model import Context, Edit, Finding, FixResult, Report, context_from_mapping
from replylint.normalize import normalize_text
from replylint.rulefile import load_rule_packs
from replylint.segment import segment_reply
from replylint.selection import select_rules
from replylint.severity import Applicability, Severity
from replylint.tokenizer import blank_english

# Strings spaCy's vocabulary may hold before a long-running linter starts afresh
# (~12 MB of growth over the ~2,000 of the rules; see Linter._limit_vocabulary).
VOCABULARY_LIMIT = 50_000
# Chunks the tokenizer of a remember_words linter may cache (see replylint/tokenizer.py);
# it goes with the vocabulary. Other linters keep spaCy's 10,000: more made a 1-worker
# audit's peak 147 -> 150-151 MB (the target is 150) for ~15 µs a reply of tokenizing.
TOKENIZER_CACHE = 2 * VOCABULARY_LIMIT


class _Values(dict):
    """Template values; an unknown ``{field}`` stays as written instead of raising."""

    def __missing__(self, key):
        return "{" + key + "}"


def _render(template: Optional[str], values: dict) -> Optional[str]:
    if template is None:
        return None
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError, AttributeError):
        return template


class Linter:
    """Checks replies against the selected rules.

    ``Linter()`` finds the nearest config file (replylint.toml or pyproject.toml),
    loads the built-in rule packs plus any configured ones, and compiles every rule
    once. ``check`` is then one tokenisation and one pass of the shared matchers.

    ``remember_words=True`` suits a service that re-checks drafts as they are typed
    (``replylint serve`` uses it): the tokenizer caches every word it meets, in room
    for 100,000, which costs ~15 µs on a reply whose words are all new and some
    memory (see replylint/tokenizer.py).
    """

    def __init__(self, config: Optional[Config] = None, *, remember_words: bool = False):
        if config is None:
            config = Config.discover()
        elif not isinstance(config, Config):
            raise TypeError(f"config must be a replylint.Config, not {type(config).__name__}")
        self.config = config
        base_dir = Path(config.source).parent if config.source else None
        self.all_rules = load_rule_packs(config.rule_packs, config.docs_url,
                                         include_builtin=config.builtin_rules, base_dir=base_dir)
        load_builtin_checks()
        for rule in self.all_rules:
            if rule.check and get_check(rule.check) is None:
                raise RuleFileError(f"match.check names {rule.check!r}, which is not a registered "
                                    "check function", rule.path, rule.line)
        codes = {r.code for r in self.all_rules}
        for rule in self.all_rules:
            for other in rule.supersedes:
                if other not in codes:
                    raise RuleFileError(f"supersedes names {other!r}, which is no loaded rule",
                                        rule.path, rule.line)
        self.rules = select_rules(self.all_rules, config)
        # A finding of rule A replaces B's on the same words when A supersedes B (RL602's
        # "Dear customer" says what RL601's missing name would); only among selected rules.
        self._supersedes = {r.code: frozenset(r.supersedes) for r in self.rules if r.supersedes}
        self._by_code = {r.code: r for r in self.rules}
        self._fail_on = config.fail_on_severity
        self._allow_words = _compile_allow_words(config.allow_words)

        self._remember_words = remember_words
        self.nlp = self._new_nlp()
        self._phrases = PhraseIndex(self.nlp, self.rules)
        self._checks = {r.code: get_check(r.check) for r in self.rules if r.check}
        # (rule, its conditions or None when it always applies, its regex gates or None),
        # so the common case of no ``when`` costs no call per rule per reply, and a data
        # rule with no phrase match and no regex whose words are present costs no call.
        self._plan = [(r, None if r.when.empty else r.when, _regex_gates(r), self._checks.get(r.code))
                      for r in self.rules]

    # ----------------------------------------------------------------- public
    def rule(self, code_or_slug: str):
        """The rule (selected or not) with this code or slug, or None. A selected rule
        is returned as it runs, with the config's option overrides."""
        for rule in (*self.rules, *self.all_rules):
            if code_or_slug in (rule.code, rule.slug):
                return rule
        return None

    def check(self, text: str, context: "Context | dict | None" = None, **fields) -> Report:
        """Lint one reply. ``context`` may be a Context, a dict, or keyword fields."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        context = _as_context(context, fields)
        analysis = self.analyse(text, context)
        findings, errors = [], []
        matches = self._phrases.match(analysis.doc)
        folded = analysis.folded
        for rule, when, gates, check in self._plan:
            if gates is not None and folded is not None and rule.code not in matches:
                # matchers.may_match_all, inlined (a call per regex per reply cost more
                # than the test): does any regex find one word of each of its groups?
                for groups in gates:
                    for group in groups:
                        for word in group:
                            if word in folded:
                                break
                        else:
                            break  # a group with no word present: this regex cannot match
                    else:
                        break  # every group has a word present: the rule runs
                else:
                    continue  # nothing this rule looks for is in the reply
            if when is not None and not _holds(when, analysis):
                continue
            try:
                if check is not None:
                    hits = check(analysis, rule)
                    if hits:  # an empty list or tuple: the common case, nothing to build
                        findings.extend(self._findings(rule, hits, analysis))
                else:
                    findings.extend(self._run_rule(rule, analysis, matches))
            except TimeoutError:
                errors.append({"code": rule.code, "message": f"{rule.code} gave up: its regex took "
                               f"longer than {USER_REGEX_TIMEOUT} s on this reply"})
            except Exception as exc:  # noqa: BLE001 - one broken rule must not sink the reply
                # A linter in a send path never crashes the send: the other rules'
                # findings stand, and the failure is reported, not swallowed.
                errors.append({"code": rule.code, "message": f"{rule.code} failed on this reply: "
                               f"{type(exc).__name__}: {exc}"})
        if self._supersedes and len(findings) > 1:
            findings = _drop_superseded(findings, self._supersedes)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        return Report(tuple(findings), self._fail_on, tuple(errors), len(text))

    def analyse(self, text: str, context: Optional[Context] = None) -> Analysis:
        """Normalise, segment and tokenise a reply (what every rule reads).

        An HTML email body is first read as the customer sees it (markup blanked,
        entities decoded, same length: see replylint/html.py); plain replies only
        pay for one ``"<" in text``.
        """
        norm = normalize_text(html_to_text(text) if looks_like_html(text) else text)
        return Analysis(text, context or Context(), self.config, self.nlp.make_doc(norm),
                        norm=norm, segments=segment_reply(norm))

    def fix(self, text: str, context: "Context | dict | None" = None, **fields) -> FixResult:
        """Apply every safe fix (e.g. masking a card number); never rewords advice-only findings."""
        report = self.check(text, context, **fields)
        edits, last_end = [], -1
        for f in report.findings:
            if f.applicability is Applicability.SAFE and f.replacement is not None and f.start >= last_end:
                edits.append(Edit(f.code, f.start, f.end, f.replacement))
                last_end = f.end
        fixed = text
        for edit in reversed(edits):
            fixed = fixed[:edit.start] + edit.replacement + fixed[edit.end:]
        return FixResult(fixed, tuple(edits))

    def check_many(self, records: Iterable, workers: int = 1, chunksize: int = 64) -> Iterator[Report]:
        """Lint many replies, yielding one Report per record in input order.

        A record is a string or a ``(text, context)`` pair (Context or dict). With
        ``workers > 1`` a process pool is used; each worker builds its own Linter
        once, and at most a few chunks are in flight, so memory stays flat on
        inputs of any length.
        """
        if workers is None or workers < 1:
            workers = os.cpu_count() or 1
        if workers == 1:
            for record in records:
                self._limit_vocabulary()
                yield self.check(*_unpack(record))
            return
        yield from _check_in_pool(self, records, workers, chunksize)

    def _limit_vocabulary(self, limit: Optional[int] = None) -> None:
        """For long runs (check_many, pool workers, the server): call before a check.

        spaCy keeps every new word of every text in its vocabulary for good (an audit
        grew ~16 MB per 42k replies, without end). Once it holds more than ``limit``
        strings (default VOCABULARY_LIMIT), the tokenizer and phrase index are built
        afresh: ~0.1 s, once per ~50,000 new words. spaCy's memory zones bound it
        too, but words first seen in a zone are never cached, which cost an audit
        150-250 µs a reply and the service 0.1-0.3 ms a request."""
        if len(self.nlp.vocab.strings) > (VOCABULARY_LIMIT if limit is None else limit):
            self.nlp = self._phrases = None  # the old ones go first: one at a time in memory
            self.nlp = self._new_nlp()
            self._phrases = PhraseIndex(self.nlp, self.rules)

    def _new_nlp(self):
        if self._remember_words:
            return blank_english(TOKENIZER_CACHE, remember_words=True)
        return blank_english()

    def warm_up(self) -> None:
        """Check each selected rule's examples once, discarding the reports.

        Some checks compile their regexes and word lists on first use, so that
        ``import replylint`` and a one-off ``replylint check`` start fast; the first
        reply a linter sees pays for them instead (~70 ms). A service calls this
        before it takes traffic, so no agent's first reply does (``replylint serve``
        does, for every profile)."""
        for rule in self.rules:
            for example in rule.examples_fail + rule.examples_pass:
                self.check(example.text, example.context)

    def find_templates(self, records, **options):
        """Reused templates across many replies (RL204); see replylint.templates.find_templates."""
        from replylint.templates import find_templates
        return find_templates(records, **options)

    # --------------------------------------------------------------- internal
    def _run_rule(self, rule, analysis: Analysis, matches: dict) -> list:
        if rule.check:
            return self._findings(rule, self._checks[rule.code](analysis, rule), analysis)
        spans = list(matches.get(rule.code, ()))
        timeout = None if rule.builtin else USER_REGEX_TIMEOUT
        # Built-in regexes are skipped when the reply holds none of their words
        # (matchers.required_literal_sets); a user's regex always runs, so one that
        # would time out still reports it.
        folded = analysis.folded if rule.builtin else None
        for pattern in rule.regexes:
            if may_match_all(literals_for(pattern), folded):
                spans.extend(regex_spans(pattern, analysis.norm, timeout))
        if not spans:
            return []
        spans = [s for s in merge_spans(spans)
                 if analysis.in_scope(s[0], s[1], rule.scope)
                 and not _cancelled(rule, s, analysis, matches)]
        return self._findings(rule, [Hit(s, e) for s, e in spans], analysis)

    def _findings(self, rule, hits, analysis: Analysis) -> list:
        return [self._finding(rule, hit, analysis) for hit in hits
                if hit.end > hit.start and analysis.in_scope(hit.start, hit.end, rule.scope)
                and not self._allowed(analysis.text, hit)]

    def _allowed(self, text: str, hit: Hit) -> bool:
        if self._allow_words is None:
            return False
        for m in self._allow_words.finditer(text):
            if m.start() < hit.end and hit.start < m.end():
                return True
        return False

    def _finding(self, rule, hit: Hit, analysis: Analysis) -> Finding:
        raw = analysis.text[hit.start:hit.end]
        values = dict(hit.values or {})
        masked = values.get("masked") if hit.sensitive else None
        shown = (masked or "[redacted]") if hit.sensitive else " ".join(raw.split())
        values.setdefault("match", shown)
        values.setdefault("customer_name", analysis.context.customer_name or "")
        values.setdefault("agent_name", analysis.context.agent_name or "")
        severity = hit.severity or rule.severity
        for conditions, level in rule.severity_when:
            if _holds(conditions, analysis):
                severity = level
                break
        override = self.config.severity.get(rule.code) or self.config.severity.get(rule.slug)
        if override:
            severity = Severity.parse(override)
        suggestion = hit.suggestion if hit.suggestion is not None else _render(rule.suggestion, values)
        return Finding(
            code=rule.code, slug=rule.slug, severity=severity, confidence=rule.confidence,
            message=_render(rule.message, values), why=rule.why, start=hit.start, end=hit.end,
            text=raw, suggestion=suggestion, replacement=hit.replacement,
            applicability=rule.applicability, url=rule.url, sensitive=hit.sensitive, masked=masked,
        )


def _drop_superseded(findings: list, supersedes: dict) -> list:
    """``findings`` less those whose words a superseding rule's finding overlaps."""
    winners = [f for f in findings if f.code in supersedes]
    if not winners:
        return findings
    return [g for g in findings
            if not any(g.code in supersedes[f.code] and f.start < g.end and g.start < f.end
                       for f in winners)]


def _regex_gates(rule) -> "tuple | None":
    """The literal groups of each of a built-in data rule's regexes, or None when the
    rule must always run (a check function, a user's rule, or an unfilterable regex)."""
    if rule.check or not rule.builtin:
        return None
    gates = tuple(literals_for(pattern) for pattern in rule.regexes)
    return None if any(g is None for g in gates) else gates


def _compile_allow_words(words) -> "regex.Pattern | None":
    words = [w for w in words if w.strip()]
    if not words:
        return None
    alternatives = "|".join(regex.escape(w.strip()) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE)


def _as_context(context, fields) -> Context:
    if context is None:
        return context_from_mapping(fields) if fields else Context()
    if fields:
        raise TypeError("pass context either as a Context/dict or as keyword fields, not both")
    if isinstance(context, Context):
        return context
    if isinstance(context, dict):
        return context_from_mapping(context)
    raise TypeError(f"context must be a Context or a dict, not {type(context).__name__}")


def _unpack(record):
    if isinstance(record, str):
        return (record, None)
    if isinstance(record, (tuple, list)) and len(record) == 2 and isinstance(record[0], str):
        return (record[0], record[1])
    raise TypeError("each record must be a string or a (text, context) pair, not "
                    f"{type(record).__name__}")


def _holds(conditions, analysis: Analysis) -> bool:
    if conditions.empty:
        return True
    ctx = analysis.context
    if conditions.channels and ctx.channel not in conditions.channels:
        return False
    if conditions.not_channels and ctx.channel in conditions.not_channels:
        return False
    if conditions.public is not None and analysis.is_public != conditions.public:
        return False
    for need in conditions.needs:
        if need == "customer":
            if not (ctx.customer_name or ctx.customer_handle):
                return False
        elif need == "history":
            if not ctx.history:
                return False
        elif not getattr(ctx, need):
            return False
    if conditions.inbound_complaint is not None:
        if analysis.inbound_complaint != conditions.inbound_complaint:
            return False
    return True


def _cancelled(rule, span, analysis: Analysis, matches: dict) -> bool:
    """True when one of the rule's antipatterns is found within its window of ``span``."""
    for i, anti in enumerate(rule.unless):
        if anti.window == "reply":
            lo, hi = 0, len(analysis.text)
        elif anti.window == "sentence":
            lo, hi = analysis.sentence_of(span[0])
            lo, hi = min(lo, span[0]), max(hi, span[1])
        else:
            lo, hi = analysis.token_window(span[0], span[1], anti.window)
        key = f"{rule.code}~{i}"
        if _index(matches, key, lambda: matches.get(key, ())).overlaps(lo, hi):
            return True
        if anti.regexes:
            timeout = None if rule.builtin else USER_REGEX_TIMEOUT
            folded = analysis.folded if rule.builtin else None
            found = _index(matches, key + "~regex", lambda: [
                span for pattern in anti.regexes
                if may_match_all(literals_for(pattern), folded)
                for span in regex_spans(pattern, analysis.norm, timeout)])
            if found.overlaps(lo, hi):
                return True
    return False


def _index(matches: dict, key: str, spans) -> SpanIndex:
    """The SpanIndex of an antipattern's spans, built once per reply (kept in ``matches``).

    Running the antipattern regexes over the whole reply for every candidate span,
    and scanning every antipattern hit, made replies with many candidates quadratic.
    """
    index = matches.get(key + "~index")
    if index is None:
        index = matches[key + "~index"] = SpanIndex(spans())
    return index


# ------------------------------------------------------------------ worker pool
_WORKER = None


def _worker_init(config):
    global _WORKER
    _WORKER = Linter(config)


def _worker_adopt(linter):
    global _WORKER
    _WORKER = linter


def _worker_run(chunk):
    _WORKER._limit_vocabulary()
    return [_WORKER.check(*_unpack(record)) for record in chunk]


def _chunks(records, size):
    chunk = []
    for record in records:
        _unpack(record)  # fail early, in the caller's process, on a bad record
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_in_pool(linter, records, workers, chunksize):
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    # A forked worker inherits the caller's linter as it is in memory (initargs are not
    # pickled under fork): building another cost each worker ~1-2 s of a core, spent
    # while the caller waits. Under spawn each worker builds one from the config.
    init = (_worker_adopt, (linter,)) if method == "fork" else (_worker_init, (linter.config,))
    with ctx.Pool(workers, initializer=init[0], initargs=init[1]) as pool:
        pending = deque()
        for chunk in _chunks(records, chunksize):
            pending.append(pool.apply_async(_worker_run, (chunk,)))
            if len(pending) >= workers * 4:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
