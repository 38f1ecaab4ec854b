"""Customer names and handles: the forms a reply may use to address someone.

A customer known as "Robert Smith" (@bobsmith) is addressed by "Robert", "Robert
Smith", "Mr Smith", "Bob" (a nickname, from the table below or the config's
``nicknames``), "@bobsmith" or "bobsmith", in any case and with a possessive.
"""
from __future__ import annotations

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
    "anthony": ["tony"],
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


def name_forms(customer_name: "str | None", customer_handle: "str | None",
               extra_nicknames: "dict | None" = None) -> list:
    """Every string that counts as using the customer's name, lower-cased."""
    forms = set()
    if customer_name:
        words = [w for w in regex.findall(r"[\p{L}\p{M}'’-]+", customer_name)
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
    pattern = _forms_pattern(tuple(forms))
    return [m.span() for m in pattern.finditer(text)]


@lru_cache(maxsize=256)
def _forms_pattern(forms: tuple):
    alternatives = "|".join(regex.escape(f) for f in forms)
    return regex.compile(rf"(?<![\w@])@?(?:{alternatives})(?!\w)", regex.IGNORECASE)
