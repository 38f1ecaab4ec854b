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
out of the polarity, because TextBlob reads "sorry" as negative, and so are a few
words its lexicon reads in another sense ("what does this mean", "game", "chicken").

Measured on the 6,495 distinct inbound messages of the Twitter corpora: 942 carry a
marker (39 of 40 read were complaints or failure reports), 237 more read at or below
the polarity threshold (32 of 40 read were), 5,316 are neither.

TextBlob is imported on first use only, so replies with no inbound message never
pay for it.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

_NOT = r"(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|will\s+not|can'?t|cannot|can\s+not|isn'?t|is\s+not|wont|cant|dont)"

# Frustration: the customer says they are unhappy, or that this keeps happening.
_FRUSTRATION = (
    r"still\s+(?:waiting|not|no|nothing|haven'?t|hasn'?t|can'?t|isn'?t|doesn'?t|broken|down)"
    r"|(?:for|is|was|that's|it's|s)\s+the\s+(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+time"
    r"|(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+time\s+(?:i|i've|i\s+have|we|we've|this|today|now|in\s+a\s+row|that)\b"
    r"|(?:worst|terrible|awful|horrible|appalling|pathetic|useless|ridiculous|unacceptable"
    r"|disgusting|disgraceful|shocking|rubbish|shambles|atrocious|abysmal|outrageous|incompetent"
    r"|gross|rude)\b"
    r"|disappoint(?:ed|ing|ment)\b|fed\s+up|sick\s+(?:of|and\s+tired)"
    r"|never\s+again|rip[\s-]?off|ripped\s+off|scam(?:med)?\b|not\s+(?:happy|good\s+enough|impressed|acceptable|ok\b)"
    r"|no\s+one\s+(?:has\s+)?(?:responded|replied|answered|helped|got\s+back)|no\s+response|no\s+reply"
    r"|waste\s+of|wasted\s+(?:my|our|the|a|all|hours|\d+)|hours?\s+on\s+hold|on\s+hold\s+for|furious|angry|livid|frustrat(?:ed|ing)"
    r"|annoy(?:ed|ing)|fuming|poor\s+(?:service|customer|show|experience)"
    r"|(?:going\s+to|gonna|about\s+to|i\s+will|i'?ll)\s+(?:cancel|switch\s+(?:to|provider|network|bank))"
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
    r"|(?:my|our)\s+(?:[\w-]+\s+){0,3}?(?:was|is|has\s+been|have\s+been|got|were|are)\s+(?:cancell?ed|delayed"
    r"|damaged|declined|lost)"
    r"|(?:is|are|been|went)\s+down\b|outage|stranded|stuck\s+(?:on|at|in)|complain(?:t|ts|ed|ing)?\b"
)
COMPLAINT_MARKERS = regex.compile(rf"\b(?:{_FRUSTRATION}|{_FAILURE})", regex.IGNORECASE)
FRUSTRATION_MARKERS = regex.compile(rf"\b(?:{_FRUSTRATION})", regex.IGNORECASE)

# Words TextBlob scores negative that say nothing about the customer's mood: their
# own apology ("sorry, autocorrect"), "mean" as in "what does this mean", and nouns
# or adverbs its lexicon reads in another sense ("game", "chicken", "at least",
# "behind", "approximately"), and "ill", which on Twitter is mostly "I'll".
_NOT_SENTIMENT = regex.compile(
    r"\b(?:sorry|apologies|my\s+bad|unfortunately|sadly|games?|chicken|at\s+least|behind|approximately|ill)\b"
    # "mean" unless it describes someone ("so mean"); the lookbehind sits after the
    # "m" so it only runs where "mean" starts, and is bounded.
    r"|\bm(?<!\b(?:so|very|really|was|were|is|are|being|too)\s{1,3}m)ean(?:s|t)?\b",
    regex.IGNORECASE,
)

NEGATIVE_POLARITY = -0.3
# Clearly upset without a marker: one negative word ("late", "wrong", "unable", all
# -0.5 or milder in TextBlob) is not enough.
UPSET_POLARITY = -0.55


@lru_cache(maxsize=1)
def _sentiment():
    # TextBlob's own PatternAnalyzer.analyze(text).polarity is this call plus a
    # namedtuple class built on every call (~0.2 ms); the value is the same.
    from textblob.en import sentiment  # lazy: ~0.4 s import

    return sentiment


def polarity(text: str) -> float:
    """TextBlob lexicon polarity in [-1, 1]; 0.0 for empty text."""
    if not text or not text.strip():
        return 0.0
    return float(_sentiment()(text)[0])


# ------------------------------------------------------- can the polarity be negative?
# TextBlob averages the scores of the lexicon words it finds. A score below zero needs
# a word the lexicon scores negative, a negation ("no", "not", "never") before a word it
# scores positive, or a sad emoticon. Most replies hold none of these, and then their
# polarity is >= 0 and no negative threshold can be reached: the check below answers
# that from a set lookup, without importing TextBlob or running its tokenizer.
#
# A lexicon entry is a token TextBlob can produce when it is a run of letters joined by
# single hyphens or asterisks ("rip-off", "f*cking"); entries with spaces or quotes
# never are (its tokenizer splits there). Entries of any other shape are reduced to
# their letter runs, which over-approximates.
_RUN = re.compile(r"[^\W\d_]+(?:[-*][^\W\d_]+)*")
_NEGATIONS = frozenset({"no", "not", "never"})  # "n't" is split by its "'" first
_SAD_EMOTICONS = (">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ">.>", ">:[", ":-(",
                  ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/", ":'(", ":'''(", ";'(")
# A sad emoticon becomes a token only where TextBlob's tokenizer can cut after it. A
# face ending in a character it splits off ("(", "[", "{") can always be cut there; any
# other face only before a space, the end, such a character, a quote or "n't". Inside
# a word or a link ("https://t.co") it cannot: there ":/" is no face.
_SPLIT_OFF = ",;:!?()[]{}`'\"@#$^&*+-|=~_"  # TextBlob's PUNCTUATION, less "."
_CUT_AFTER = r"(?=$|\s|[.,;:!?()\[\]{}`'\"@#$^&*+\-|=~_‘’“”]|n't)"
_SAD_EMOTICON = re.compile("|".join(
    r"\s*".join(map(re.escape, face)) + ("" if face[-1] in _SPLIT_OFF else _CUT_AFTER)
    for face in _SAD_EMOTICONS))
_EOS_TOKEN = "end-of-sentence"  # TextBlob's paragraph marker can leak into the tokens


@lru_cache(maxsize=1)
def _lexicon_words() -> tuple:
    """(words that can score negative, words that can score positive), lower-cased,
    read from TextBlob's en-sentiment.xml as TextBlob reads it (JJ entries also give
    their "-ly" adverb), without importing TextBlob."""
    import importlib.util
    from pathlib import Path
    from xml.etree import ElementTree

    spec = importlib.util.find_spec("textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    negative, positive = set(), set()

    def add(word, score):
        if re.search(r"[\s'\"’‘“”]", word):
            return
        forms = [word] if _RUN.fullmatch(word) else _RUN.findall(word)
        if score < 0:
            negative.update(forms)
        elif score > 0:
            positive.update(forms)

    for entry in ElementTree.parse(path).getroot().iter("word"):
        word = (entry.get("form") or "").lower()
        if not word:
            continue
        score = float(entry.get("polarity", 0.0))
        add(word, score)
        if entry.get("pos") == "JJ":
            adverb = word[:-1] + "i" if word.endswith("y") else word
            adverb = adverb[:-2] if adverb.endswith("le") else adverb
            add(adverb + "ly", score)
    return frozenset(negative), frozenset(positive)


def may_be_negative(text: str) -> bool:
    """False only when ``polarity(text)`` is certainly >= 0 (then no negative threshold
    is reached). True means "maybe": ask ``polarity``."""
    if not text:
        return False
    lower = text.lower()
    negative, positive = _lexicon_words()
    words = set(_RUN.findall(lower))
    if "\n" in text and (_EOS_TOKEN in negative or _EOS_TOKEN in positive):
        return True
    if not words.isdisjoint(negative):
        return True
    if not words.isdisjoint(_NEGATIONS) and not words.isdisjoint(positive):
        return True
    if any(c in lower for c in ":;=>"):
        return _SAD_EMOTICON.search(lower) is not None
    return False


def polarity_at_most(text: str, threshold: float) -> bool:
    """``polarity(text) <= threshold``, without TextBlob when the answer is plainly no."""
    if threshold < 0 and not may_be_negative(text):
        return False
    return polarity(text) <= threshold


def complaint_markers(text: str) -> list:
    """The complaint marker phrases found in ``text``, lower-cased."""
    return [m.group(0).lower() for m in COMPLAINT_MARKERS.finditer(text or "")]


def frustration_markers(text: str) -> list:
    """The markers of an upset customer (not mere failure reports), lower-cased."""
    return [m.group(0).lower() for m in FRUSTRATION_MARKERS.finditer(text or "")]


@lru_cache(maxsize=4096)
def mood_polarity(text: str) -> float:
    """Polarity of the customer's mood: ``polarity`` without the words that say nothing
    about it (their own "sorry", "what does this mean", "game"). Cached: RL104, RL301
    and RL702 ask about the same inbound message."""
    return polarity(_NOT_SENTIMENT.sub(" ", text or ""))


def is_upset(text: "str | None", threshold: float = UPSET_POLARITY) -> bool:
    """Stricter than ``is_complaint``: the customer shows frustration, not only a fault."""
    if not text or not text.strip():
        return False
    if FRUSTRATION_MARKERS.search(text):
        return True
    return polarity_at_most(_NOT_SENTIMENT.sub(" ", text), threshold)


def is_complaint(text: "str | None", threshold: float = NEGATIVE_POLARITY) -> bool:
    """True when the message carries a complaint marker or reads clearly negative."""
    if not text or not text.strip():
        return False
    if COMPLAINT_MARKERS.search(text):
        return True
    return polarity_at_most(_NOT_SENTIMENT.sub(" ", text), threshold)
