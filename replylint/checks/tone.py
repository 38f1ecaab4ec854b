"""Checks about tone (RL5xx): a hostile reply (sentiment) and shouting (capitals, "!!")."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import regex

from replylint import complaint
from replylint.checks import Hit, register_check

# ---------------------------------------------------------------- RL503 negative tone

# Apology, empathy and thanks make a sentence kind even when the lexicon scores it
# negative ("sorry" is -0.5 in TextBlob): bad news stated kindly is what we want.
_KIND = regex.compile(
    r"\b(?:sorr(?:y|ies)|apolog\w*|afraid|unfortunate(?:ly)?|regret\w*|understand\w*"
    r"|hear (?:that|this|about|of)|hate (?:to|it|that|when)|frustrat\w*|inconvenien\w*"
    r"|disappoint\w*|not ideal|thank\w*|appreciate\w*|happy|glad|hope\w*|oh no|yikes|ugh+"
    r"|oops|no worries|not to worry|(?:do not|don't) worry|sad to|welcome|enjoy\w*"
    r"|(?:not|no|never) (?:\w+ )?(?:good|great|ideal|fun|right)|eek|whoops|agree\w*)\b",
    regex.IGNORECASE,
)
# Words the lexicon scores negative that in a support reply state facts or ask about
# the fault ("we're unable to", "it turns off randomly", "what went wrong?"), or that
# it misreads ("chicken" as cowardly). Removed before scoring a sentence.
_FACTUAL = regex.compile(
    r"\b(?:unable|random(?:ly)?|chicken|hungry|fail(?:s|ed|ing)?|difficult|weird|odd|strange"
    r"|sad(?:ly)?|missing|lost|late|delayed|cancell?ed|broken|cold|hard|low|slow|dark|old|poor"
    r"|small|little|least|serious(?:ly)?|unnecessary|approximately|confusing|bad (?:boy|coincidence)"
    r"|behind|(?:go|goes|went|gone|going|get \w+|something|anything|what's|nothing) wrong"
    r"|wrong (?:time|date|number|item|size|address|order|card|account|password|email))\b",
    regex.IGNORECASE,
)

# Words that judge the person or their message. TextBlob's lexicon scores some of them
# only mildly ("ridiculous" is -0.33), so a sentence holding one counts as hostile.
_HOSTILE = regex.compile(
    r"\b(?:ridiculous|absurd|stupid|pointless|nonsense|rude|lazy|childish|silly|pathetic"
    r"|unreasonable|ignorant|idiotic|idiot|crazy|nasty|laughable|petty|whining|whinge\w*"
    r"|moan(?:ing)?|entitled|hysterical|dramatic|your (?:own )?fault|your problem)\b",
    regex.IGNORECASE,
)

# Starts only at a word's start and never gives letters back: trying every letter of a
# long word (then every shorter run of it) was quadratic. The match is the same.
_TRUNCATED = regex.compile(r"(?<!\w)\w++(?:\.{3}|…)\s*$")


def _may(pattern, folded) -> bool:
    """False only when ``pattern`` cannot match the reply whose lower-cased text (from
    ``analysis.folded``) is ``folded``: it holds none of the pattern's required words."""
    from replylint.matchers import literals_for, may_match_all

    return may_match_all(literals_for(pattern), folded)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \t\"')").endswith("?")


@register_check("tone.negative_tone")
def negative_tone(analysis, rule):
    """Name each sentence that reads hostile, when the reply as a whole reads negative."""
    # A reply that apologises or empathises somewhere is giving bad news kindly: then
    # only words that judge the person still count ("a terrible start to your trip" is
    # sympathy there).
    # The regexes run only when the reply holds one of the words every match of theirs
    # must contain (derived from the patterns, as for rule regexes).
    folded = analysis.folded
    kind_reply = _may(_KIND, folded) and bool(_KIND.search(analysis.norm))
    if kind_reply and not (_may(_HOSTILE, folded) and _HOSTILE.search(analysis.norm)):
        return  # every sentence would be passed over below: no need to score the reply
    threshold = rule.options.get("reply-threshold", -0.25)
    # TextBlob costs ~0.3 ms a reply; most replies hold no word that can score negative
    # (the text here is the one Analysis.reply_polarity scores: the agent's own regions).
    if threshold < 0 and not complaint.may_be_negative(" ".join(
            analysis.text[s.start:s.end] for s in analysis.segments
            if s.kind in ("greeting", "body", "signoff"))):
        return
    if analysis.reply_polarity > threshold:
        return
    limit = rule.options.get("sentence-threshold", -0.5)
    for start, end in analysis.sentences:
        if not analysis.in_scope(start, end, frozenset({"greeting", "body"})):
            continue
        sentence = analysis.norm[start:end]
        if _is_question(sentence) or _KIND.search(sentence):
            continue
        # A tweet cut off mid-word ("account numb...") must not be scored as that word.
        sentence = _TRUNCATED.sub(" ", sentence)
        hostile = _HOSTILE.search(sentence)
        if kind_reply and not hostile:
            continue
        scored = _FACTUAL.sub(" ", sentence)
        if limit < 0 and not complaint.may_be_negative(scored):
            # TextBlob would score it >= 0: only a hostile word can make it count.
            if not hostile:
                continue
            score = -0.6
        else:
            score = complaint.polarity(scored)
            if hostile:
                score = min(score, -0.6)
        if score <= limit:
            yield Hit(start, end, values={"polarity": f"{score:+.2f}"})


# ---------------------------------------------------------------------- RL504 shouting

# Capitalised words that are names, codes or acronyms, not raised voices. Words not in
# the English word list (NRC, GPS, ASAP, USB) are acronyms already; these are the ones
# that are also ordinary words ("IT", "US", "PIN").
ACRONYMS = frozenset(
    "PIN ID IDS DM DMS USB IOS FAQ FAQS OK IT US UK EU USA UAE TV PC PCS ATM VAT MOT SIM SOS "
    "AM PM CEO HR VIP PA AI AC DC ETA ISP IP APP APPS CD DVD LED GB MB KB TB HD UV SMS MMS "
    "NHS IRS DVLA DMV BA AA UA EE O2 ICE ARM AIM CAT BOGOF ZIP COD ONT RAM ROM CPU GPU SSD HDD "
    "LAN WAN VPN APR".split()
)
# Three letters or more: two-letter capitals are nearly all codes (OS, TY, SE, MD).
_CAPS_WORD = regex.compile(r"(?<![\w@#/^*~-])\p{Lu}{3,}(?:['’]\p{Lu}{1,2})?(?![\w-])")
# A menu path or a quoted label names what is on screen ("> I STILL NEED HELP").
_LABEL_BEFORE = regex.compile(r"(?:>|[\"“‘'])[ \t]*(?:\p{Lu}{1,2}[ \t]+)?$")
# A single capitalised word naming a product, scheme or company ("our BEAM app", "your
# BIG ID", "the BIG Visa card") or an airport/place code after a preposition ("land in PIT").
_NAME_AFTER = regex.compile(
    r"^[ \t]+(?:app|team|act|id|account|card|code|points|member(?:ship)?|rewards|store|plan"
    r"|program(?:me)?|service|scheme|website|site|portal|number|limited|ltd|plc|inc|llc)\b",
    regex.IGNORECASE,
)
_PLACE_BEFORE = regex.compile(r"\b(?:in|at|to|from|via|into|out of)[ \t]+$", regex.IGNORECASE)
# "text STOP to 2442": a keyword to type, not a raised voice.
_KEYWORD_BEFORE = regex.compile(r"\b(?:send|text|reply|type|enter|sms)[ \t]+$", regex.IGNORECASE)
_TITLE_AFTER = regex.compile(r"^[ \t]+\p{Lu}\p{Ll}")
_LABEL_AFTER = regex.compile(r"^[ \t]*(?:>|[\"”’'])")
# Words of a run may be joined by short capitals too ("THIS IS NOT A BOARDING PASS").
_CAPS_RUN_GAP = regex.compile(r"^[ \t,]+(?:\p{Lu}{1,2}[ \t,]+)*$")
# Next to a capitalised word that is not English ("DYSON LIMITED"), it is part of a name.
# Starts only at the start of a run of capitals (a match inside one implies a longer one
# at its start): trying every capital of a long run was quadratic. The match is the same.
_CAPS_NEIGHBOUR_BEFORE = regex.compile(r"(?<!\p{Lu})(\p{Lu}{3,})[ \t]+$")
_CAPS_NEIGHBOUR_AFTER = regex.compile(r"^[ \t]+(\p{Lu}{3,})\b")
_REPEATED_MARKS = regex.compile(r"[!?]*(?:!!|\?\?)[!?]*|[!?]{3,}")
# Every _REPEATED_MARKS match holds two marks in a row. In ASCII text the capitals a
# _CAPS_WORD match keeps (less its "'S" suffix) are a whole run of [A-Z] (nothing word-like
# before it, no capital after it), and _shouted passes it only when it is an English word
# and not an acronym: a text with no such run and no pair of marks yields nothing.
# Other text keeps the full search.
_ASCII_CAPS_RUN = re.compile(r"[A-Z]{3,}")
_MARK_PAIRS = ("!!", "??", "!?", "?!")


def _may_shout(text: str) -> bool:
    """False only when ``shouting`` can find nothing in ``text``."""
    if not text.isascii():
        return True
    if ("!" in text or "?" in text) and any(pair in text for pair in _MARK_PAIRS):
        return True
    runs = _ASCII_CAPS_RUN.findall(text)
    if runs:
        words = english_words()
        for run in runs:
            if run not in ACRONYMS and run.lower() in words:
                return True
    return False
# Rare words in the list are mostly names and codes ("NUR", "ONT"); shouted words are common.
_MIN_COUNT = 3


@lru_cache(maxsize=1)
def english_words() -> frozenset:
    """TextBlob's spelling word list (Norvig's big.txt counts): ordinary English words."""
    import importlib.util

    # Found without importing TextBlob (that imports NLTK: ~0.5 s).
    spec = importlib.util.find_spec("textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-spelling.txt"
    words = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 2 and not line.startswith(";;;") and parts[1].isdigit() \
                    and int(parts[1]) >= _MIN_COUNT:
                words.add(parts[0])
    return frozenset(words)

_CAPS_SUFFIX = regex.compile(r"['’]\p{Lu}{1,2}$")  # compiled once: called per capitalised word


def _shouted(word: str, allowed) -> bool:
    bare = _CAPS_SUFFIX.sub("", word)
    if bare in allowed or word in allowed:
        return False
    return bare.lower() in english_words()


def _beside_a_name(text, start, end, allowed) -> bool:
    for m in (_CAPS_NEIGHBOUR_BEFORE.search(text[max(0, start - 24):start]),
              _CAPS_NEIGHBOUR_AFTER.match(text[end:end + 24])):
        if m and m.group(1) not in allowed and m.group(1).lower() not in english_words():
            return True
    return False


@register_check("tone.shouting")
def shouting(analysis, rule):
    """ALL-CAPS ordinary words (runs of them as one span) and repeated ! or ?."""
    text = analysis.norm
    if not _may_shout(text):
        return  # no run of three capitals and no "!!", "??", "!?" or "?!": nothing to find
    allowed = ACRONYMS | {w.upper() for w in rule.options.get("allow", [])}
    signoffs = analysis.segments_of("signoff")
    words = [m for m in _CAPS_WORD.finditer(text)
             if _shouted(m.group(0), allowed) and analysis.in_scope(*m.span())
             and not any(s.start <= m.start() < s.end for s in signoffs)]
    runs = []
    for m in words:
        if runs and _CAPS_RUN_GAP.match(text[runs[-1][1]:m.start()]):
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    for start, end in runs:
        if _LABEL_BEFORE.search(text[max(0, start - 8):start]) or _LABEL_AFTER.match(text[end:end + 3]):
            continue
        if _beside_a_name(text, start, end, allowed):
            continue
        single = " " not in text[start:end]
        if single and (_NAME_AFTER.match(text[end:end + 16]) or _TITLE_AFTER.match(text[end:end + 4])
                       or _KEYWORD_BEFORE.search(text[max(0, start - 8):start])
                       or (end - start == 3 and _PLACE_BEFORE.search(text[max(0, start - 8):start]))):
            continue
        yield Hit(start, end, values={"kind": "capitals"},
                  suggestion="Write it in normal case; if a word needs weight, say why it matters instead.")
    for m in _REPEATED_MARKS.finditer(text):
        if analysis.in_scope(*m.span()):
            yield Hit(m.start(), m.end(), values={"kind": "punctuation"},
                      suggestion="Use one exclamation or question mark.")
