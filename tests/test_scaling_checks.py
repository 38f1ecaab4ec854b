"""Check and privacy helpers grow near-linearly on long replies built to be worst cases.

Regression tests for per-item loops that re-read the whole reply (or sentence) for
every match. As everywhere in this suite the assertion is on a RATIO of CPU times on
N and 8N characters, never on an absolute time: near-linear is ~8x, quadratic ~64x,
and the bound of 24x leaves room for a busy machine.
"""
from __future__ import annotations

import time

import pytest

import replylint
from replylint.model import Context
from replylint.privacy.detect import find_personal_data
from replylint.privacy.requests import find_data_requests

def _rule(code: str, **context):
    linter = replylint.Linter(replylint.Config(select=(code,)))
    return lambda text: linter.check(text, Context(**context))


GROWTH = 8
MAX_RATIO = 24.0
SMALL = 4_000


def _cpu_seconds(function, text) -> float:
    # CPU time of this process (not wall time, which other processes take from it);
    # best of two, and repeated until it is long enough not to be timer noise.
    best = None
    for _ in range(2):
        runs, start = 0, time.process_time()
        while True:
            function(text)
            runs += 1
            elapsed = time.process_time() - start
            if elapsed >= 0.01:
                break
        best = elapsed / runs if best is None else min(best, elapsed / runs)
    return best


def _ratio(function, unit: str) -> float:
    small = unit * (SMALL // len(unit) + 1)
    large = unit * (SMALL * GROWTH // len(unit) + 1)
    function(small)  # warm caches and lazy imports
    return _cpu_seconds(function, large) / _cpu_seconds(function, small)


CASES = {
    # resolve_overlaps compared every match with every kept one.
    # (~20x and ~45x before the fix).
    "addresses": (find_personal_data, "10 Downing Street SW1A 2AA "),
    "emails": (find_personal_data, "a@b.co "),
    # and the link filter tested every match against every link (~36x).
    "emails-and-links": (find_personal_data, "a@b.co https://x.y/a@b.co "),
    # _requests_in searched from the sentence start for every verb and every noun
    # (~50x to ~60x before the fix).
    "one-sentence-of-requests": (find_data_requests, "send your password "),
    "one-verb-many-nouns": (lambda text: find_data_requests("send " + text), "which password "),
    "postal-pin-codes": (find_data_requests, "send your pin code "),
    # generic_salutation matched _THERE to the end of the reply at every sentence
    # start: the regex module scans for its literal "there" first (~35x to ~60x).
    "salutation-starts": (_rule("RL602", customer_name="Diane Lee"), "Ok. "),
}


@pytest.mark.parametrize("name", list(CASES))
def test_grows_near_linearly(name):
    function, unit = CASES[name]
    ratio = _ratio(function, unit)
    assert ratio < MAX_RATIO, f"{name}: {GROWTH}x the text took {ratio:.1f}x as long"
