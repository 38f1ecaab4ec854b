"""Is the customer's message a complaint?

Used by rules that behave differently when answering an unhappy customer (RL104,
RL301, RL702). Two signals: explicit complaint markers ("still waiting", "third
time", "refund") and TextBlob's lexicon polarity, which works offline. TextBlob is
imported on first use only, so replies with no inbound message never pay for it.
"""
from __future__ import annotations

from functools import lru_cache

import regex

COMPLAINT_MARKERS = regex.compile(
    r"\b(?:still\s+(?:waiting|not|no|nothing|haven'?t|hasn'?t|can'?t|isn'?t|doesn'?t|broken)"
    r"|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+time|(?:worst|terrible|awful|horrible|appalling|"
    r"pathetic|useless|ridiculous|unacceptable|disgusting|disgraceful|shocking|rubbish|joke|shambles)\b"
    r"|refund|cancel(?:led|ling|lation)?\b|complain(?:t|ed|ing)?\b|disappoint(?:ed|ing|ment)\b"
    r"|fed\s+up|sick\s+of|never\s+again|rip[\s-]?off|scam\b|not\s+(?:working|happy|good\s+enough|"
    r"received|arrived|impressed)|(?:doesn'?t|does\s+not|don'?t|won'?t|can'?t|cannot)\s+(?:work|load|"
    r"connect|open|log\s*in|sign\s*in)|broken|no\s+one\s+(?:has\s+)?(?:responded|replied|answered|"
    r"helped)|no\s+response|no\s+reply|waste\s+of|wasted|overcharged|charged\s+twice|"
    r"double\s+charged|lost\s+my|still\s+hasn'?t|where\s+is\s+my|hours?\s+on\s+hold|on\s+hold\s+for"
    r"|furious|angry|livid|frustrat(?:ed|ing))",
    regex.IGNORECASE,
)
NEGATIVE_POLARITY = -0.25


@lru_cache(maxsize=1)
def _analyzer():
    from textblob.en.sentiments import PatternAnalyzer  # lazy: ~0.4 s import

    return PatternAnalyzer()


def polarity(text: str) -> float:
    """TextBlob lexicon polarity in [-1, 1]; 0.0 for empty text."""
    if not text or not text.strip():
        return 0.0
    return float(_analyzer().analyze(text).polarity)


def complaint_markers(text: str) -> list:
    """The complaint marker phrases found in ``text``, lower-cased."""
    return [m.group(0).lower() for m in COMPLAINT_MARKERS.finditer(text or "")]


def is_complaint(text: "str | None") -> bool:
    """True when the message carries a complaint marker or reads clearly negative."""
    if not text or not text.strip():
        return False
    if COMPLAINT_MARKERS.search(text):
        return True
    return polarity(text) <= NEGATIVE_POLARITY
