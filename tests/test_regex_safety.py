"""No built-in regular expression backtracks catastrophically.

Every pattern the engine runs on a reply is collected at test time: each rule's
``match.regex`` and ``unless`` regexes (all packs, so new rules are covered the day
they land) and the module-level compiled patterns of the engine, the checks and the
privacy recognisers. Each is run over adversarial inputs built from its own source
text, at one size and at four times that size. The assertion is on the RATIO of the
two times, never on an absolute time: a linear pattern takes about 4x as long, a
quadratic one about 16x, an exponential one never finishes (the `regex` timeout,
itself derived from the 1x time and the ratio bound, turns that into a failure).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest
import regex

import replylint
from replylint.rulefile import load_rule_packs

# Near-linear with generous room for timer noise and cache effects: on 8x the input
# a linear pattern takes ~8x as long, a quadratic one ~64x. The bound sits between.
MAX_RATIO = 24.0
BASE = 500           # characters of the smaller input
GROWTH = 8
ROUNDS = 3
MIN_MEASURED = 0.005  # seconds of repeated work per measurement, so ratios are not noise

REGEX_TYPE = type(regex.compile(""))
RE_TYPE = re.Pattern

MODULES = ["replylint.segment", "replylint.analysis", "replylint.complaint", "replylint.names",
           "replylint.html", "replylint.normalize", "replylint.matchers"]
PACKAGES = ["replylint.privacy", "replylint.checks"]


def _module_names() -> list:
    names = list(MODULES)
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        names.append(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    return names


def _patterns_in(value, depth=0):
    if isinstance(value, (REGEX_TYPE, RE_TYPE)):
        yield value
    elif depth < 2 and isinstance(value, (list, tuple, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def collect_patterns() -> list:
    """``(label, pattern)`` for every built-in regex, deduplicated by (source, flags)."""
    rules = load_rule_packs()
    # Checks build some patterns on first use (e.g. per option value); lint every
    # failing example once so those caches are filled before the modules are walked.
    linter = replylint.Linter(replylint.Config(select=tuple(r.code for r in rules)))
    for rule in rules:
        for example in rule.examples_fail:
            linter.check(example.text, example.context)

    found, seen = [], set()

    def add(label, pattern):
        key = (type(pattern), pattern.pattern, pattern.flags)
        if key not in seen:
            seen.add(key)
            found.append((label, pattern))

    for rule in rules:
        for i, pattern in enumerate(rule.regexes):
            add(f"{rule.code} match.regex[{i}]", pattern)
        for i, anti in enumerate(rule.unless):
            for j, pattern in enumerate(anti.regexes):
                add(f"{rule.code} unless[{i}].regex[{j}]", pattern)
    for name in _module_names():
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            for pattern in _patterns_in(value):
                add(f"{name}.{attr}", pattern)
    return found


PATTERNS = collect_patterns()

_WORDS = regex.compile(r"[A-Za-z]{2,}")
_FILLER = ["a", "A", "1", " ", "\t", "\n", ".", ",", "-", "_", "@", "/", ":", "'", '"', "(", ")",
           "[", "]", "{", "}", "<", ">", "&", "#", "%", "*", "+", "=", "?", "!", "$", "~", "^",
           "é", "\u00a0", "\u200b", "x"]
_UNITS = ["a ", "A ", "1 ", "a.", "a-", "1-", "1.", "a@", "a@b.", "@a ", "a/", "http://a",
          "www.a", "a1", "Aa ", "aA", "1a", "a,", ". ", "> ", "\n> a", "a\n", " \n", "-1",
          "{{a", "[a", "<A", "%A", "XX", "+1 ", "(1) ", "1 2 ", "On a ", "From: a",
          "sorry ", "sorry but ", "you ", "your ", "we ", "I'm ", "Hi ", "Thanks, ", "Dear ",
          "not ", "can't ", "please send your ", "password ", "account number ", "4111 ",
          "GB82 ", "&amp", "<p", "<!--", "&#", "Mr ", "AB 12 ", "12/12/", "St ", "Street "]


def adversarial_inputs(pattern, size: int) -> list:
    """Inputs that tend to make a backtracking pattern try every way to match, then fail.

    Repetitions of single characters, of short units, and of the pattern's own words
    (near-matches), each ended by a character that breaks the match at the very end.
    """
    source = pattern.pattern if isinstance(pattern.pattern, str) else ""
    own = sorted(set(_WORDS.findall(source)))[:40]
    units = _UNITS + [w + " " for w in own] + [w for w in own] + [w.upper() + " " for w in own[:10]]
    pieces = set(ch for ch in source if ch.isprintable() and not ch.isalnum()) | set(_FILLER)
    inputs = []
    for unit in [*sorted(pieces), *units]:
        body = unit * (size // len(unit) + 1)
        inputs.append(body[:size] + "\x00")
    # Alternating near-matches of two of the pattern's own words, no separator.
    if len(own) >= 2:
        pair = own[0] + own[-1]
        inputs.append((pair * (size // len(pair) + 1))[:size] + "!")
    return inputs


def _run(pattern, inputs, deadline=None) -> None:
    """Run every way the engine uses a pattern over ``inputs``.

    ``deadline`` (a perf_counter value) bounds the whole run for `regex` patterns:
    it is derived from the small input's time, so it is a ratio bound too, and it
    turns a pattern that would hang the test run into a TimeoutError.
    """
    for text in inputs:
        if deadline is not None and time.perf_counter() > deadline:
            raise TimeoutError
        if isinstance(pattern, REGEX_TYPE):
            timeout = None if deadline is None else max(1e-3, deadline - time.perf_counter())
            for _ in pattern.finditer(text, timeout=timeout):
                pass
            pattern.search(text, timeout=timeout)
            pattern.match(text, timeout=timeout)
        else:
            for _ in pattern.finditer(text):
                pass
            pattern.search(text)
            pattern.match(text)


def _time_once(pattern, inputs, deadline=None) -> tuple:
    """(CPU seconds, wall seconds) per run of all inputs, repeated until MIN_MEASURED.

    The ratio uses process CPU time, not wall time: other processes on a busy
    machine take wall time from this one, not CPU time, so they cannot fake a ratio.
    """
    runs, cpu, wall = 0, time.process_time(), time.perf_counter()
    while True:
        _run(pattern, inputs, deadline)
        runs += 1
        elapsed = time.process_time() - cpu
        if elapsed >= MIN_MEASURED:
            return elapsed / runs, (time.perf_counter() - wall) / runs


def growth_ratio(pattern, small, large) -> float:
    """CPU time on ``large`` over CPU time on ``small``: best of up to ROUNDS rounds.

    Interleaving and keeping each side's minimum stops cache and scheduling noise
    from skewing one side only. A clearly linear first round is accepted at once,
    which keeps the file fast.
    """
    t_small = t_large = None
    for _ in range(ROUNDS):
        # Both sides run with a timeout: the `regex` module's timeout checks cost
        # time of their own, so timing only one side with it would skew the ratio.
        s, s_wall = _time_once(pattern, small, time.perf_counter() + 60)
        t_small = s if t_small is None else min(t_small, s)
        # Wall-clock guard, far past the ratio bound (and never under a second, for
        # busy machines): the pattern fails anyway once it is reached, so stop there
        # instead of waiting for a quadratic or exponential pattern to finish.
        deadline = time.perf_counter() + max(1.0, s_wall * MAX_RATIO * 4)
        try:
            big, _ = _time_once(pattern, large, deadline)
        except TimeoutError:
            return float("inf")
        t_large = big if t_large is None else min(t_large, big)
        if t_large / t_small < MAX_RATIO / 2:
            break
    return t_large / t_small


def test_patterns_were_found():
    # The walk must see the engine's own patterns and every rule regex; if a refactor
    # hid them (say, inside a class), this test says so instead of passing vacuously.
    labels = {label.rsplit(".", 1)[0] for label, _ in PATTERNS}
    assert "replylint.segment" in labels and "replylint.analysis" in labels
    rule_regexes = sum(len(r.regexes) for r in load_rule_packs())
    assert sum(1 for label, _ in PATTERNS if "match.regex" in label) > 0 or rule_regexes == 0


# Regression: RL703 unless[3], checks.followup._QUESTION, checks.names._CONTINUED,
# checks.tone._CAPS_NEIGHBOUR_BEFORE and checks.tone._TRUNCATED took 30x to over 100x
# the time on 8x the input before they were rewritten (reverse matching from the end,
# atomic groups, look-behinds that start a match only where it can begin).
@pytest.mark.parametrize("label, pattern", PATTERNS, ids=[label for label, _ in PATTERNS])
def test_no_catastrophic_backtracking(label, pattern):
    ratio = growth_ratio(pattern, adversarial_inputs(pattern, BASE),
                         adversarial_inputs(pattern, BASE * GROWTH))
    assert ratio < MAX_RATIO, (
        f"{label}: {pattern.pattern!r} took {ratio:.1f}x as long on {GROWTH}x the input "
        f"(near-linear is ~{GROWTH}x): catastrophic backtracking"
    )


def test_the_harness_catches_a_catastrophic_pattern():
    # The detector itself must be able to fail: a textbook backtracking pattern
    # (nested quantifiers that can only fail at the end) is caught by the same harness.
    bad = regex.compile(r"(?:\w+\s?)+$(?<=x)")
    ratio = growth_ratio(bad, adversarial_inputs(bad, 60), adversarial_inputs(bad, 60 * GROWTH))
    assert ratio >= MAX_RATIO
