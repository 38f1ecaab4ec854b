"""Customer names and handles: the forms a reply may use to address someone.

A customer known as "Robert Smith" (@bobsmith) is addressed by "Robert", "Robert
Smith", "Mr Smith", "Bob" (a nickname, from the table below or the config's
``nicknames``), "@bobsmith" or "bobsmith", in any case and with a possessive.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# Common English nicknames, both directions are derived. Config ``nicknames`` adds more.
NICKNAMES = {
    "robert": ["bob", "rob", "bobby", "robbie", "bert"],
    "elizabeth": ["liz", "beth", "lizzie", "betty", "eliza", "libby"],
    "william": ["will", "bill", "billy", "liam"],
    "richard": ["rich", "rick", "dick", "richie"],
    "james": ["jim", "jimmy", "jamie"],
    "john": ["jack", "johnny"],
    "jonathan": ["jon", "jonny"],
    "michael": ["mike", "mick", "mikey"],
    "katherine": ["kate", "kathy", "katie", "kat"],
    "catherine": ["cathy", "cat", "kate", "katie"],
    "margaret": ["maggie", "meg", "peggy", "marge"],
    "thomas": ["tom", "tommy"],
    "christopher": ["chris", "kit"],
    "christine": ["chris", "chrissy"],
    "daniel": ["dan", "danny"],
    "david": ["dave", "davey"],
    "joseph": ["joe", "joey"],
    "jennifer": ["jen", "jenny"],
    "patricia": ["pat", "patty", "trish"],
    "patrick": ["pat", "paddy"],
    "alexander": ["alex", "sasha", "xander"],
    "alexandra": ["alex", "sasha", "lexi"],
    "samuel": ["sam", "sammy"],
    "samantha": ["sam", "sammy"],
    "benjamin": ["ben", "benny"],
    "nicholas": ["nick", "nicky"],
    "anthony": ["tony", "ant"],
    "edward": ["ed", "eddie", "ted", "ned"],
    "theodore": ["ted", "theo"],
    "susan": ["sue", "susie"],
    "deborah": ["deb", "debbie"],
    "rebecca": ["becky", "becca"],
    "victoria": ["vicky", "tori"],
    "matthew": ["matt"],
    "andrew": ["andy", "drew"],
    "steven": ["steve"],
    "stephen": ["steve"],
    "charles": ["charlie", "chuck"],
    "peter": ["pete"],
    "gregory": ["greg"],
    "jessica": ["jess", "jessie"],
    "abigail": ["abby", "abi"],
    "timothy": ["tim", "timmy"],
    "kenneth": ["ken", "kenny"],
    "ronald": ["ron", "ronnie"],
    "donald": ["don", "donny"],
    "frederick": ["fred", "freddie"],
    "jacqueline": ["jackie"],
    "zachary": ["zach", "zack"],
    "jason": ["jay", "jase"],
    "joshua": ["josh"],
    "nathan": ["nate", "nat"],
    "nathaniel": ["nate", "nat"],
    "natalie": ["nat", "nattie"],
    "jacob": ["jake"],
    "raymond": ["ray"],
    "leonard": ["leo", "len", "lenny"],
    "gerald": ["gerry", "jerry"],
    "sebastian": ["seb"],
    "philip": ["phil"],
    "phillip": ["phil"],
    "harold": ["harry", "hal"],
    "henry": ["harry", "hank"],
    "ellen": ["ellie"],
    "eleanor": ["ellie", "nora"],
    "isabel": ["izzy", "bella"],
    "isabella": ["izzy", "bella"],
    "caroline": ["carrie", "caro"],
    "dorothy": ["dot", "dottie"],
    "frances": ["fran", "frankie"],
    "francis": ["frank", "fran"],
    "josephine": ["jo", "josie"],
    "judith": ["judy"],
    "lawrence": ["larry"],
    "laurence": ["larry"],
    "madeleine": ["maddie"],
    "madison": ["maddie"],
    "megan": ["meg"],
    "pamela": ["pam"],
    "penelope": ["penny"],
    "stephanie": ["steph"],
    "teresa": ["terry", "tess"],
    "vincent": ["vince", "vinny"],
    "walter": ["walt"],
}
HONORIFICS = ("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam")


def nickname_groups(extra: "dict | None" = None) -> dict:
    """name -> set of names treated as the same person (both directions)."""
    groups: dict = {}

    def link(a, b):
        a, b = a.lower(), b.lower()
        groups.setdefault(a, {a}).add(b)
        groups.setdefault(b, {b}).add(a)

    for table in (NICKNAMES, extra or {}):
        for name, nicks in table.items():
            for nick in ([nicks] if isinstance(nicks, str) else nicks):
                link(name, nick)
    return groups


def same_person_names(first: str, extra: "dict | None" = None) -> set:
    """``first`` and every nickname equal to it, lower-cased."""
    first = first.lower()
    return nickname_groups_cached(_freeze(extra)).get(first, {first}) | {first}


@lru_cache(maxsize=32)
def nickname_groups_cached(frozen_extra) -> dict:
    return nickname_groups({k: list(v) for k, v in frozen_extra})


def _freeze(extra) -> tuple:
    if not extra:
        return ()
    return tuple(sorted((k, tuple(v) if not isinstance(v, str) else (v,)) for k, v in extra.items()))


# Compiled once: a module-level regex call with a pattern string costs ~10 µs in the
# regex module's cache lookup.
_NAME_PART = regex.compile(r"[\p{L}\p{M}'’-]+")
_GIVEN_PART = regex.compile(r"[\p{L}\p{M}'’.-]+")


def name_forms(customer_name: "str | None", customer_handle: "str | None",
               extra_nicknames: "dict | None" = None) -> list:
    """Every string that counts as using the customer's name, lower-cased."""
    if not customer_name:
        # A handle alone (every reply of an audit of tweets): one form, or none.
        handle = customer_handle.strip().lstrip("@").lower() if customer_handle else ""
        return [handle] if handle else []
    if not extra_nicknames:
        return list(_name_forms_cached(customer_name, customer_handle))
    return _name_forms(customer_name, customer_handle, extra_nicknames)


@lru_cache(maxsize=1024)
def _name_forms_cached(customer_name: str, customer_handle: "str | None") -> tuple:
    return tuple(_name_forms(customer_name, customer_handle, None))


def _name_forms(customer_name, customer_handle, extra_nicknames) -> list:
    forms = set()
    if customer_name:
        words = [w for w in _NAME_PART.findall(customer_name)
                 if w.lower().strip(".") not in HONORIFICS]
        if words:
            forms.add(" ".join(words).lower())
            forms |= same_person_names(words[0], extra_nicknames)
            if len(words) > 1:
                forms.add(words[-1].lower())  # "Mr Smith", "Ms Okafor"
    if customer_handle:
        handle = customer_handle.strip().lstrip("@").lower()
        if handle:
            forms.add(handle)
    return sorted(forms, key=len, reverse=True)


def find_name_uses(text: str, forms) -> list:
    """Spans where any of ``forms`` is used as a whole word (case-insensitive)."""
    if not forms:
        return []
    if all(f.isascii() for f in forms) and (text.isascii() or FOLDS_TO_ASCII.isdisjoint(text)):
        # An audit meets a new customer on nearly every reply, and compiling their
        # pattern cost ~2 ms (most of RL601's time); with ASCII names, str.find on the
        # lower-cased text gives the same spans.
        return _ascii_name_uses(text, forms)
    pattern = _forms_pattern(tuple(forms))
    return [m.span() for m in pattern.finditer(text)]


def uses_name(text: str, forms) -> bool:
    """``bool(find_name_uses(text, forms))``, stopping at the first use."""
    if not forms:
        return False
    for form in forms:
        if not form.isascii():
            return _forms_pattern(tuple(forms)).search(text) is not None
    if not (text.isascii() or FOLDS_TO_ASCII.isdisjoint(text)):
        return _forms_pattern(tuple(forms)).search(text) is not None
    low = text.lower()
    n = len(text)
    if len(low) != n:
        return _forms_pattern(tuple(forms)).search(text) is not None
    # _ascii_name_uses keeps a span for every start where a form ends at a word
    # boundary after a start that follows no word character or "@": it returns a
    # span exactly when there is one such occurrence. (is_word_char, inlined.)
    word = ASCII_WORD_CHARS
    for form in forms:
        i = low.find(form)
        while i >= 0:
            j = i + len(form)
            c = low[j] if j < n else ""
            if not c or not (c in word if c.isascii() else _WORD_CHAR.match(c)):
                start = i - 1 if i and low[i - 1] == "@" else i
                c = low[start - 1] if start else ""
                if not c or not (c == "@" or (c in word if c.isascii() else _WORD_CHAR.match(c))):
                    return True
            i = low.find(form, i + 1)
    return False


# The only non-ASCII characters that match an ASCII letter under the regex module's
# IGNORECASE (İ, ſ, Kelvin sign K); İ and K are also the only ones whose lower() holds
# an ASCII character. Without them, lower() keeps offsets and ASCII matches exact.
FOLDS_TO_ASCII = frozenset("\u0130\u017f\u212a")
_WORD_CHAR = regex.compile(r"\w")
ASCII_WORD_CHARS = frozenset(c for c in map(chr, range(128)) if c.isalnum() or c == "_")


def is_word_char(c: str) -> bool:
    if c.isascii():
        return c.isalnum() or c == "_"
    return _WORD_CHAR.match(c) is not None  # the pattern's own \w, marks included


def _ascii_name_uses(text: str, forms) -> list:
    """``_forms_pattern(forms).finditer(text)`` spans for ASCII ``forms``.

    At each start the pattern takes an optional "@" and the longest form followed by
    no word character; the start must not follow a word character or "@"; matches
    do not overlap and are taken left to right.
    """
    low, n = text.lower(), len(text)
    if len(low) != n:
        return [m.span() for m in _forms_pattern(tuple(forms)).finditer(text)]
    ends = {}  # match start -> end of the longest form matching there
    for form in forms:
        size = len(form)
        i = low.find(form)
        while i >= 0:
            j = i + size
            if j == n or not is_word_char(low[j]):
                start = i - 1 if i and low[i - 1] == "@" else i
                if start == 0 or not (is_word_char(low[start - 1]) or low[start - 1] == "@"):
                    if j > ends.get(start, -1):
                        ends[start] = j
            i = low.find(form, i + 1)
    spans, last = [], 0
    for start in sorted(ends):
        if start >= last:
            spans.append((start, ends[start]))
            last = ends[start]
    return spans


@lru_cache(maxsize=256)
def _forms_pattern(forms: tuple):
    alternatives = "|".join(regex.escape(f) for f in forms)
    return regex.compile(rf"(?<![\w@])@?(?:{alternatives})(?!\w)", regex.IGNORECASE)


# Words that follow a greeting word but are not anyone's name ("Hi there", "Hello team",
# "Hi I am sorry..." with the comma left out).
NOT_NAMES = frozenset(
    "there all everyone everybody folks guys team again friend friends you y'all sir madam"
    " maam ma'am customer user member client guest love mate buddy pal morning afternoon"
    " evening day and from i i'm i've i'd i'll we we're we've we'll our please sorry thanks"
    " thank just hope can could would will is are it it's this that yes no sure ok okay"
    " apologies unfortunately welcome happy great good glad quick".split()
)


def _fold(word: str) -> str:
    """Lower-case without accents: "Sébastien" and "Sebastien" are the same name."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def given_name(customer_name: "str | None") -> "str | None":
    """How to greet a known customer: "Diane" for "Diane Jones", "Mr Smith" kept whole."""
    if not customer_name:
        return None
    words = _GIVEN_PART.findall(customer_name)
    if not words:
        return None
    if words[0].lower().strip(".") in HONORIFICS:
        return " ".join(words)
    return words[0]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute), case-insensitive."""
    a, b = a.lower(), b.lower()
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def is_same_name(greeted: str, customer_name: "str | None", customer_handle: "str | None" = None,
                 extra_nicknames: "dict | None" = None) -> bool:
    """True when ``greeted`` ("Bob", "Mr Smith", "diane") names the known customer."""
    forms = {_fold(f) for f in name_forms(customer_name, customer_handle, extra_nicknames)}
    words = [_fold(w).strip(".'’") for w in greeted.split()]
    words = [w for w in words if w and w not in HONORIFICS]
    if not words:
        return True  # "Hi Sir": a title alone is RL602's business, not a wrong name
    if " ".join(words) in forms or words[0] in forms or words[-1] in forms:
        return True
    # A shortened form is a nickname more often than a typo ("Nat" for Natalie, "Jess" for
    # Jessica): precision first, so a prefix of three letters or more counts as the name,
    # and so does a longer form that adds a whole syllable ("Christopher" for Chris), but
    # not one letter ("Roberta" for Robert).
    word, first = words[0], (given_name(customer_name) or "").split()[-1:]
    first = _fold(first[0]) if first else ""
    if len(word) < 3 or len(first) < 3:
        return False
    return first.startswith(word) or (word.startswith(first) and len(word) - len(first) >= 3)


def misspelling_of(greeted: str, customer_name: str) -> bool:
    """True when ``greeted`` looks like a typo of the known first name ("Dianne" / "Diane")."""
    first = given_name(customer_name) or ""
    first = first.split()[-1] if first else ""
    word = greeted.split()[-1] if greeted.split() else ""
    if not first or not word:
        return False
    limit = 1 if len(first) <= 5 else 2
    return 0 < edit_distance(_fold(word), _fold(first)) <= limit
