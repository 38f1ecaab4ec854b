"""Is the customer's message a complaint?

Used by rules that behave differently when answering an unhappy customer (RL104,
RL301, RL702). Two signals:

* complaint markers: words of frustration ("still waiting", "third time", "worst",
  "fed up") and reports that something failed ("not working", "never arrived",
  "charged twice", "was cancelled");
* TextBlob's lexicon polarity (offline), for complaints worded without a marker.

"refund" and "cancel" count only in a complaint's wording ("still no refund", "I'm
going to cancel", "my flight was cancelled"): a bare "how do I cancel my order?" is
a question, not a complaint. The customer's own apologies ("sorry, typo") are left
out of the polarity, because TextBlob reads "sorry" as negative (and "mean" too).

Measured on the 6,495 distinct inbound messages of the Twitter corpora: 942 carry a
marker (39 of 40 read were complaints or failure reports), 280 more read at or below
the polarity threshold (32 of 40 read were), 5,273 are neither.

TextBlob is imported on first use only, so replies with no inbound message never
pay for it.
"""
from __future__ import annotations

from functools import lru_cache

import regex

_NOT = r"(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|will\s+not|can'?t|cannot|can\s+not|isn'?t|is\s+not|wont|cant|dont)"

# Frustration: the customer says they are unhappy, or that this keeps happening.
_FRUSTRATION = (
    r"still\s+(?:waiting|not|no|nothing|haven'?t|hasn'?t|can'?t|isn'?t|doesn'?t|broken|down)"
    r"|(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+time"
    r"|(?:worst|terrible|awful|horrible|appalling|pathetic|useless|ridiculous|unacceptable"
    r"|disgusting|disgraceful|shocking|rubbish|shambles|atrocious|abysmal|outrageous|incompetent"
    r"|gross|rude)\b"
    r"|complain(?:t|ts|ed|ing)?\b|disappoint(?:ed|ing|ment)\b|fed\s+up|sick\s+(?:of|and\s+tired)"
    r"|never\s+again|rip[\s-]?off|ripped\s+off|scam(?:med)?\b|not\s+(?:happy|good\s+enough|impressed|acceptable|ok\b)"
    r"|no\s+one\s+(?:has\s+)?(?:responded|replied|answered|helped|got\s+back)|no\s+response|no\s+reply"
    r"|waste\s+of|wasted|hours?\s+on\s+hold|on\s+hold\s+for|furious|angry|livid|frustrat(?:ed|ing)"
    r"|annoy(?:ed|ing)|fuming|poor\s+(?:service|customer|show|experience)"
    r"|(?:going\s+to|gonna|about\s+to|will|i'?ll|want\s+to|wanna)\s+(?:cancel|switch|leave)"
    r"|(?:still\s+no|where(?:'s|\s+is)\s+my|never\s+got\s+(?:my|a|the)|want\s+(?:my|a)|demand\s+(?:a|my))\s+refund"
)
# A report that something went wrong: not a question about how to do something.
_FAILURE = (
    rf"{_NOT}\s+(?:work|load|connect|open|log\s*in|sign\s*in|play|charge|turn\s+on|respond|help|arrive)"
    r"|not\s+(?:working|loading|received|arrived|delivered|responding)|(?:hasn'?t|has\s+not|haven'?t|have\s+not"
    r"|never|didn'?t|did\s+not)\s+(?:arrived|received|been\s+(?:delivered|refunded|fixed|resolved)|got\s+back"
    r"|heard\s+back|come|turned\s+up|shown\s+up|showed\s+up|refunded|arrive|receive|get)"
    r"|broken|(?:keeps?|kept)\s+(?:crashing|freezing|dropping|failing|disconnecting|cutting)"
    r"|overcharged|charged\s+(?:me\s+)?twice|double[\s-]charged|lost\s+my|stolen"
    r"|(?:was|been|got|is|has\s+been|have\s+been)\s+(?:cancell?ed|delayed|damaged|declined)"
    r"|(?:is|are|been|went)\s+down\b|outage|stranded|stuck\s+(?:on|at|in)"
)
COMPLAINT_MARKERS = regex.compile(rf"\b(?:{_FRUSTRATION}|{_FAILURE})", regex.IGNORECASE)

# Words TextBlob scores negative that say nothing about the customer's mood: their
# own apology ("sorry, autocorrect") and "mean" as in "what do you mean".
_NOT_SENTIMENT = regex.compile(
    r"\b(?:sorry|apologies|my\s+bad|unfortunately|(?:i|you|does|do|did|it|that|this|what)\s+(?:mean|meant))\b",
    regex.IGNORECASE,
)

NEGATIVE_POLARITY = -0.3


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


def is_complaint(text: "str | None", threshold: float = NEGATIVE_POLARITY) -> bool:
    """True when the message carries a complaint marker or reads clearly negative."""
    if not text or not text.strip():
        return False
    if COMPLAINT_MARKERS.search(text):
        return True
    return polarity(_NOT_SENTIMENT.sub(" ", text)) <= threshold
