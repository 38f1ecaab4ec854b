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

from replylint.matchers import AnyMatch

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


# "Any marker?" is asked of one small regex per alternative, each behind the words it
# needs (one big case-insensitive alternation cost ~43 µs on a 130-character message);
# finditer keeps the full regexes above, since it must give the leftmost match.
has_complaint_marker = AnyMatch.each_alternative(f"{_FRUSTRATION}|{_FAILURE}", before=r"\b")
has_frustration_marker = AnyMatch.each_alternative(_FRUSTRATION, before=r"\b")

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


# ------------------------------------------------------------ TextBlob's polarity
# TextBlob's polarity (``textblob.en.sentiment(text)[0]``: its pattern-derived
# tokenizer, then the lexicon assessments) reproduced step for step on TextBlob's own
# lexicon file, without importing TextBlob: ``import textblob`` pulls in NLTK and numpy
# (~0.5 s), its tokenizer looks up a regex per contraction, and its assessments go
# through a lazy dict per word. Every step below is TextBlob's, in the same order and
# with the same float arithmetic; only equivalent shortcuts differ (a ``re.sub`` of a
# literal is ``str.replace``; collapsing whitespace then splitting on it is splitting
# on it). tests/test_tone_gates.py holds the value equal to TextBlob's on the corpora's
# texts and on generated ones, and these constants equal to TextBlob's.
_PUNCTUATION = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"  # TextBlob's PUNCTUATION
_PUNCT = tuple(_PUNCTUATION.replace(".", ""))
_PUNCT_CHARS = frozenset(_PUNCT)
_PUNCT_DOT = _PUNCT + (".",)
_PUNCT_DOT_CHARS = frozenset(_PUNCT_DOT)
_ABBREVIATIONS = frozenset((
    "a.", "adj.", "adv.", "al.", "a.m.", "c.", "cf.", "comp.", "conf.", "def.", "ed.",
    "e.g.", "esp.", "etc.", "ex.", "f.", "fig.", "gen.", "id.", "i.e.", "int.", "l.", "m.",
    "Med.", "Mil.", "Mr.", "n.", "n.q.", "orig.", "pl.", "pred.", "pres.", "p.m.", "ref.",
    "v.", "vs.", "w/"))
_RE_ABBR1 = re.compile(r"^[A-Za-z]\.$")
_RE_ABBR2 = re.compile(r"^([A-Za-z]\.)+$")
_RE_ABBR3 = re.compile("^[A-Z][" + "|".join("bcdfghjklmnpqrstvwxz") + "]+.$")
_REPLACEMENTS = {"'d": " 'd", "'m": " 'm", "'s": " 's", "'ll": " 'll", "'re": " 're",
                 "'ve": " 've", "n't": " n't"}
_EOS = "END-OF-SENTENCE"
_RE_LINEBREAK = re.compile(r"\n{2,}")
_RE_SARCASM = re.compile(r"\( ?\! ?\)")
_SENTENCE_END = ("...", ".", "!", "?", _EOS)
_SENTENCE_TAIL = ("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS)
# TextBlob's EMOTICONS, in its order; the regex is built from the sets' iteration order
# as TextBlob builds it, so in one process both try the faces in the same order.
_EMOTICONS = {
    ("love", +1.00): set(("<3", "♥")),
    ("grin", +1.00): set((">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D")),
    ("taunt", +0.75): set((">:P", ":-P", ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)")),
    ("smile", +0.50): set((">:)", ":-)", ":)", "=)", "=]", ":]", ":}", ":>", ":3", "8)", "8-)")),
    ("wink", +0.25): set((">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)")),
    ("gasp", +0.05): set((">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "°O°", "°o°")),
    ("worry", -0.25): set((">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>")),
    ("frown", -0.75): set((">:[", ":-(", ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/")),
    ("cry", -1.00): set((":'(", ":'''(", ";'(")),
}
_RE_EMOTICONS = re.compile(r"(%s)($|\s)" % "|".join(
    r" ?".join([re.escape(each) for each in e]) for v in _EMOTICONS.values() for e in v))
_EMOTICON_SCORE: dict = {}
for (_mood, _score), _faces in _EMOTICONS.items():
    for _face in _faces:
        _EMOTICON_SCORE.setdefault(_face.lower(), _score)  # the first mood listed wins
_NEGATION_WORDS = ("no", "not", "n't", "never")


def _emoticon_join(m):
    return m.group(1).replace(" ", "") + m.group(2)


def _tokens(string: str) -> list:
    """``" ".join(textblob.en.parser.find_tokens(string)).split()``."""
    if "'" in string:
        for a, b in _REPLACEMENTS.items():
            string = string.replace(a, b)
    string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ")
              .replace("’", " ’ ").replace("'", " ' ").replace('"', ' " '))
    if "\r" in string:
        string = string.replace("\r\n", "\n")
    if "\n\n" in string:
        string = _RE_LINEBREAK.sub(" %s " % _EOS, string)
    tokens = []
    for t in string.split():
        if t[0] not in _PUNCT_CHARS and t[-1] not in _PUNCT_DOT_CHARS:
            tokens.append(t)  # neither loop below would run
            continue
        tail = []
        while t.startswith(_PUNCT) and t not in _REPLACEMENTS:
            if t.startswith(_PUNCT):
                tokens.append(t[0])
                t = t[1:]
        while t.endswith(_PUNCT_DOT) and t not in _REPLACEMENTS:
            if t.endswith(_PUNCT):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in _ABBREVIATIONS or _RE_ABBR1.match(t) is not None
                        or _RE_ABBR2.match(t) is not None or _RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    sentences, i, j = [[]], 0, 0
    while j < len(tokens):
        if tokens[j] in _SENTENCE_END:
            while j < len(tokens) and tokens[j] in _SENTENCE_TAIL:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break  # balanced quotes
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    out = []
    for s in sentences:
        if len(s) > 0:
            s = " ".join(s)
            if "!" in s:
                s = _RE_SARCASM.sub("(!)", s)
            out.append(_RE_EMOTICONS.sub(_emoticon_join, s))
    return " ".join(out).split()


def _avg(values):
    return sum(values) / float(len(values) or 1)


def _sentiment_xml():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textblob")
    return Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """word -> (polarity, subjectivity, intensity, is a modifier): what
    ``textblob.en.sentiment`` holds for a word with no part of speech, read from its
    en-sentiment.xml the way it reads it (senses averaged per part of speech, then over
    them; each JJ entry also gives its "-ly" adverb, tagged RB, overriding)."""
    from xml.etree import ElementTree

    words = {}
    for w in ElementTree.parse(_sentiment_xml()).getroot().findall("word"):
        form, pos = w.attrib.get("form"), w.attrib.get("pos")
        psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
               float(w.attrib.get("intensity", 1.0)))
        if form:
            words.setdefault(form, {}).setdefault(pos, []).append(psi)
    for w in words:
        words[w] = dict((pos, [_avg(each) for each in zip(*psi)]) for pos, psi in words[w].items())
    for w, pos in list(words.items()):
        words[w][None] = [_avg(each) for each in zip(*pos.values())]
    for w, pos in list(words.items()):  # textblob.en.Sentiment.load: "terrible" -> "terribly"
        if "JJ" in pos:
            if w.endswith("y"):
                w = w[:-1] + "i"
            if w.endswith("le"):
                w = w[:-2]
            p, s, i = pos["JJ"]
            entry = words.setdefault(w + "ly", {})
            entry["RB"] = entry[None] = (p, s, i)
    return {w: (pos[None][0], pos[None][1], pos[None][2], "RB" in pos) for w, pos in words.items()}


def _polarity(words) -> float:
    """``Sentiment.assessments`` of lower-cased tokens, then their polarity average."""
    lexicon = _lexicon()
    a = []  # [words, polarity, intensity, negated (-1) or not (1)]
    m = None  # preceding modifier
    n = None  # preceding negation
    for w in words:
        entry = lexicon.get(w)
        if entry is not None:
            p, _s, i, modifier = entry
            if m is None:
                a.append([[w], p, i, 1])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(p * last[2], +1.0))
                last[2] = i
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[2] = 1.0 / last[2]
                last[3] = -1
            m = None
            n = None
            if modifier:
                m = w
            if w in _NEGATION_WORDS:
                n = w
        else:
            if w in _NEGATION_WORDS:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and m.endswith("ly"):
                a[-1][0].append(n)
                a[-1][3] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            if w == "(!)":
                a.append([[w], 0.0, 1.0, 1])
            if w.isalpha() is False and len(w) <= 5 and w not in _PUNCTUATION:
                score = _EMOTICON_SCORE.get(w)
                if score is not None:
                    a.append([[w], score, 1.0, 1])
    total, count = 0, 0
    for _w, p, _i, negated in a:
        total += 1 * (p * -0.5 if negated < 0 else p)
        count += 1
    return total / float(count or 1)


def polarity(text: str) -> float:
    """TextBlob's lexicon polarity in [-1, 1] (``textblob.en.sentiment(text)[0]``);
    0.0 for empty text."""
    if not text or not text.strip():
        return 0.0
    return float(_polarity([w.lower() for w in _tokens(text)]))


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
    if not text:
        return False
    return _is_upset(text, threshold)


# Cached by the message: a pre-send service re-checks the same inbound message on every
# pause in typing, and RL104, RL301 and RL702 ask about the same one.
@lru_cache(maxsize=4096)
def _is_upset(text: str, threshold: float) -> bool:
    if not text.strip():
        return False
    if has_frustration_marker(text):
        return True
    return polarity_at_most(_NOT_SENTIMENT.sub(" ", text), threshold)


def is_complaint(text: "str | None", threshold: float = NEGATIVE_POLARITY) -> bool:
    """True when the message carries a complaint marker or reads clearly negative."""
    if not text:
        return False
    return _is_complaint(text, threshold)


@lru_cache(maxsize=4096)
def _is_complaint(text: str, threshold: float) -> bool:
    if not text.strip():
        return False
    if has_complaint_marker(text):
        return True
    return polarity_at_most(_NOT_SENTIMENT.sub(" ", text), threshold)
