"""Find reused templates: the same or nearly the same reply sent in many conversations.

This is RL204 (reused-template) over a whole corpus, used by audits through
``Linter.find_templates(records)``. Each reply is normalised so that what changes
from one customer to the next does not hide the template: greeting, sign-off,
@handles, the known customer and agent names, a name addressed after a comma
("…, Swati."), URLs, email addresses and numbers become placeholders.

Replies with the same normalised text are merged first. The distinct texts are then
compared by MinHash over word shingles with locality-sensitive hashing (banding):
only texts that share a band bucket are compared, and only by their signatures, so
the cost grows with the number of replies, not with its square. Near-identical
texts (estimated Jaccard similarity of shingles at or above ``similarity``) are
joined into one group with union-find.

Accepted records (the shapes ``Linter.check_many`` takes, plus audit records):

* a string: the reply;
* a ``(text, context)`` pair, context a ``Context`` or a dict of its fields;
* a mapping with ``text`` (or ``reply``) and optional ``id``, ``conversation``,
  ``agent``, ``customer`` (or ``customer_name`` / ``customer_handle``) and
  ``context`` (a Context or dict);
* any object with a ``text`` attribute and optional ``id``, ``conversation``,
  ``agent``, ``context`` attributes (``replylint.io.Record``).

A record without an id is known by its position (``"#17"``). Without a
conversation, the customer stands for it; without either, each reply counts as its
own conversation.
"""
from __future__ import annotations

import hashlib
import itertools
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

import numpy as np
import regex

from replylint.model import Context, context_from_mapping
from replylint.names import FOLDS_TO_ASCII, is_word_char
from replylint.normalize import normalize_text
# The region finders of segment_reply: normalising needs only greeting, sign-off and
# quoted text, not the url/email/mention spans (about half of segment_reply's time).
from replylint.segment import _find_greeting, _find_signoff, _quoted_ranges

_MERSENNE = (1 << 61) - 1
_KEYED_VOCABULARY = 1 << 21   # below this many words, a 3-gram of word ids is one int64
_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", regex.IGNORECASE)
_URL_TRAILER = ".,;:!?)]"
_EMAIL = regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = regex.compile(r"(?<![\w@])@\w{1,30}")
_NUMBER = regex.compile(r"(?<![\p{L}])[#£$€]?\d[\d.,:/-]*(?:st|nd|rd|th|am|pm|p|k|gb|mb)?\b", regex.IGNORECASE)
# A name addressed at the end of a clause: "…not allowed, Swati." / "…for you, Mr Lee!"
_ADDRESSED_NAME = regex.compile(r",\s+(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?\p{Lu}[\p{L}'-]{1,20}(?=\s*[.!?]|\s*$)")
_WORD = regex.compile(r"<\w+>|[\p{L}\p{N}]+(?:'[\p{L}]+)?")
_LEADING_HANDLES = regex.compile(r"^(?:\s*<handle>)+")


@dataclass
class TemplateGroup:
    """One reused template and how widely it was sent."""

    template: str                 # a representative reply, normalised (placeholders in <>)
    count: int                    # replies in the group
    conversations: int            # distinct conversations (or customers) it went to
    customers: int                # distinct customers, when known (0 when never known)
    agents: int                   # distinct agents, when known (0 when never known)
    variants: int                 # distinct normalised texts in the group
    example_ids: list = field(default_factory=list)
    agent_names: list = field(default_factory=list)   # the most frequent agents, first

    def to_dict(self) -> dict:
        return {
            "template": self.template, "count": self.count, "conversations": self.conversations,
            "customers": self.customers, "agents": self.agents, "variants": self.variants,
            "example_ids": list(self.example_ids), "agent_names": list(self.agent_names),
        }


@dataclass
class _Reply:
    id: str
    text: str
    conversation: Optional[str]
    customer: Optional[str]
    agent: Optional[str]
    context: Context


# ----------------------------------------------------------------- records
def _context_of(value) -> Context:
    if value is None:
        return Context()
    if isinstance(value, Context):
        return value
    if isinstance(value, dict):
        return context_from_mapping(value)
    raise TypeError(f"context must be a Context or a dict, not {type(value).__name__}")


def _reply_of(record, position: int) -> _Reply:
    """One record in any accepted shape (see the module docstring) as a _Reply."""
    fallback_id = f"#{position}"
    if isinstance(record, str):
        return _Reply(fallback_id, record, None, None, None, Context())
    if isinstance(record, (tuple, list)) and len(record) == 2 and isinstance(record[0], str):
        ctx = _context_of(record[1])
        return _Reply(fallback_id, record[0], None, ctx.customer_handle or ctx.customer_name,
                      ctx.agent_name, ctx)
    if isinstance(record, dict):
        text = record.get("text", record.get("reply"))
        get = record.get
    elif hasattr(record, "text"):
        text = record.text

        def get(key, default=None):
            return getattr(record, key, default)
    else:
        raise TypeError("a record is a string, a (text, context) pair, a mapping with 'text', "
                        f"or an object with a .text attribute, not {type(record).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"record {position}: text must be a string, not {type(text).__name__}")
    ctx = _context_of(get("context"))
    customer = (get("customer") or get("customer_handle") or get("customer_name")
                or ctx.customer_handle or ctx.customer_name)
    agent = get("agent") or get("agent_name") or ctx.agent_name
    ident = get("id")
    return _Reply(str(ident) if ident is not None else fallback_id, text,
                  _str_or_none(get("conversation")), _str_or_none(customer), _str_or_none(agent), ctx)


def _str_or_none(value) -> Optional[str]:
    return str(value) if value not in (None, "") else None


# ----------------------------------------------------------- normalisation
def normalise_reply(text: str, context: Optional[Context] = None, *, regions=None) -> str:
    """The reply with what varies between customers replaced by placeholders.

    ``"@115712 Hi Jeff! Refund of $20 sent to jeff@x.com, Jeff. ^AB"`` becomes
    ``"<greeting> refund of <num> sent to <email>, <name>. <signoff>"``.

    ``regions``: ``region_spans(normalize_text(text))`` when the caller already has
    them (the linter's segments of the reply: see ``regions_of_segments``).
    """
    norm = normalize_text(text)
    spans = region_spans(norm) if regions is None else regions
    out = _replace_spans(norm, spans) if spans else norm
    # Each substitution is skipped when the text lacks what its pattern needs
    # (a plain `in` test is ~50x cheaper than a regex pass that finds nothing).
    if "://" in out or "www." in out.lower():
        out = _URL.sub(_url_placeholder, out)
    if "@" in out:
        out = _EMAIL.sub("<email>", out)
        out = _HANDLE.sub("<handle>", out)
    if context is not None:
        for name in _known_names(context.customer_name, context.agent_name, context.customer_handle):
            out = _replace_name(out, name)
    if "," in out:
        out = _ADDRESSED_NAME.sub(", <name>", out)
    out = _NUMBER.sub("<num>", out)
    out = out.lower()
    # Leading handles are how a tweet is addressed, not part of the template.
    if "<handle>" in out:
        out = _LEADING_HANDLES.sub("", out)
    return " ".join(out.split())


def region_spans(norm: str) -> list:
    """``(start, end, placeholder)`` of the greeting, sign-off and quoted regions of a
    normalised reply, exactly those ``segment_reply(norm)`` returns (placeholder ``""``
    for quoted text), found without its inline url/email/mention spans."""
    quoted = _quoted_ranges(norm)
    own_end = quoted[-1][0] if quoted and quoted[-1][1] == len(norm) else len(norm)
    first_own = 0
    for q in quoted:
        if q[1] <= own_end and q != (own_end, len(norm)) and q[0] <= first_own:
            first_own = max(first_own, q[1])
    greeting = _find_greeting(norm, first_own, own_end)
    signoff = _find_signoff(norm, greeting[1] if greeting else first_own, own_end)
    if not quoted:
        # greeting ends before the sign-off search starts: no overlap to resolve.
        spans = []
        if greeting:
            spans.append((greeting[0], greeting[1], "<greeting>"))
        if signoff:
            spans.append((signoff[0], signoff[1], "<signoff>"))
        return spans
    # segment_reply's region pass: stable sort by start, drop what overlaps the last kept.
    marks = sorted([(q[0], q[1], "") for q in quoted]
                   + ([(greeting[0], greeting[1], "<greeting>")] if greeting else [])
                   + ([(signoff[0], signoff[1], "<signoff>")] if signoff else []),
                   key=lambda m: m[0])
    spans, cursor = [], 0
    for start, end, placeholder in marks:
        if start < cursor:
            continue
        spans.append((start, end, placeholder))
        cursor = end
    return spans


def regions_of_segments(segments) -> list:
    """``region_spans`` from the output of ``segment_reply`` (of the same text)."""
    return [(seg.start, seg.end, "" if seg.kind == "quoted" else f"<{seg.kind}>")
            for seg in segments if seg.kind in ("greeting", "signoff", "quoted")]


def _url_placeholder(match) -> str:
    """``<url>``, keeping the sentence punctuation that followed the link."""
    link = match.group(0)
    return "<url>" + link[len(link.rstrip(_URL_TRAILER)):]


def _replace_spans(text: str, spans: list) -> str:
    pieces, cursor = [], 0
    for start, end, placeholder in sorted(spans):
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(f" {placeholder} ")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _replace_name(text: str, name: str) -> str:
    """``_name_pattern(name).sub("<name>", text)``; for an ASCII name by ``str.find``, as
    an audit meets a new customer on nearly every reply and compiling their pattern
    (~0.7 ms) was most of the template grouping's time. See names.find_name_uses for
    why lower() is exact here."""
    if name.isascii() and (text.isascii() or FOLDS_TO_ASCII.isdisjoint(text)):
        low = text.lower()
        if len(low) == len(text):
            target, size, n = name.lower(), len(name), len(text)
            pieces, last, i = [], 0, low.find(name.lower())
            while i >= 0:
                end = i + size
                if (i == 0 or not is_word_char(text[i - 1])) and (end == n or not is_word_char(text[end])):
                    pieces.append(text[last:i])
                    pieces.append("<name>")
                    last = end
                    i = low.find(target, end)
                else:
                    i = low.find(target, i + 1)
            pieces.append(text[last:])
            return "".join(pieces)
    return _name_pattern(name).sub("<name>", text)


@lru_cache(maxsize=4096)
def _name_pattern(name: str):
    # Compiled once per name: regex.sub with a pattern string paid the regex module's
    # cache lookup (~10 µs) for every name of every earlier turn RL204 normalises.
    return regex.compile(rf"(?<!\w){regex.escape(name)}(?!\w)", regex.IGNORECASE)


_NAME_WORD = regex.compile(r"\p{L}[\p{L}'-]+")


@lru_cache(maxsize=4096)
def _known_names(customer_name, agent_name, customer_handle) -> tuple:
    """The names a context may show in a reply, longest first (cached: a thread's
    replies and an agent's replies share them)."""
    names = []
    for value in (customer_name, agent_name):
        if value:
            names.extend(w for w in _NAME_WORD.findall(value) if len(w) > 1)
    handle = (customer_handle or "").lstrip("@")
    if handle:
        names.append(handle)
    return tuple(sorted(set(names), key=len, reverse=True))


# ------------------------------------------------------------------ MinHash
def words(normalised: str) -> list:
    """The words of a normalised reply; a placeholder such as ``<name>`` is one word."""
    return _WORD.findall(normalised)


def shingles(normalised: str, size: int = 3) -> set:
    """Word ``size``-grams of a normalised reply (the whole reply when shorter)."""
    return shingles_of_words(_WORD.findall(normalised), size)


def shingles_of_words(word_list: list, size: int = 3) -> set:
    """``shingles`` from the reply's ``words`` (for callers that already have them)."""
    if len(word_list) <= size:
        return {" ".join(word_list)} if word_list else set()
    if size == 3:
        return set(map(" ".join, zip(word_list, word_list[1:], word_list[2:])))
    return {" ".join(word_list[i:i + size]) for i in range(len(word_list) - size + 1)}


def _hash64(shingle: str) -> int:
    # A stable hash (unlike hash(), which is salted per process) so groups do not
    # change from run to run.
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def _hash_values(shingle_list: list) -> np.ndarray:
    """``_hash64(s) & (2^61 - 1)`` of each shingle, as one uint64 array: the digests are
    joined and read by numpy, with no Python int per shingle."""
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingle_list])
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64) & np.uint64(_MERSENNE)


class MinHasher:
    """``permutations`` MinHash values per shingle set, by universal hashing mod 2^61-1."""

    def __init__(self, permutations: int = 64, seed: int = 1):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, _MERSENNE, size=permutations, dtype=np.uint64)
        self.b = rng.integers(0, _MERSENNE, size=permutations, dtype=np.uint64)

    def signatures(self, shingle_sets: list, chunk: int = 4096) -> np.ndarray:
        """One row of MinHash values per (non-empty) shingle set, computed in bulk.

        Each distinct shingle is hashed once (templates repeat the same shingles),
        then the sets' hash values go through the permutations a few thousand at a
        time in one reused buffer (a small buffer stays in cache and is not paged in
        afresh for every chunk)."""
        flat = [s for shingle_set in shingle_sets for s in shingle_set]
        distinct = list(dict.fromkeys(flat))
        position = {s: i for i, s in enumerate(distinct)}
        hashes = _hash_values(distinct)
        values = hashes[np.fromiter(map(position.__getitem__, flat), dtype=np.intp, count=len(flat))]
        lengths = np.fromiter(map(len, shingle_sets), dtype=np.intp, count=len(shingle_sets))
        return self.signatures_of_values(values, lengths, chunk)

    def signatures_of_words(self, word_lists: list, texts: list, chunk: int = 4096) -> np.ndarray:
        """``signatures([shingles_of_words(w) or {t} for w, t in zip(word_lists, texts)])``
        without building the shingle sets (see ``signatures_of_word_ids``)."""
        vocabulary = defaultdict(itertools.count().__next__)
        flat = [w for word_list in word_lists for w in word_list]
        ids = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
        lengths = np.fromiter(map(len, word_lists), dtype=np.intp, count=len(word_lists))
        return self.signatures_of_word_ids(ids, lengths, list(vocabulary), texts, chunk)

    def signatures_of_word_ids(self, ids: np.ndarray, lengths: np.ndarray, words_by_id: list,
                               texts, chunk: int = 4096) -> np.ndarray:
        """``signatures_of_words`` of texts given as word ids (``words_by_id[i]`` is word
        ``i``), text after text, ``lengths[k]`` ids for text ``k``.

        The minimum over a set is the minimum over its windows with repeats, so each
        text's word 3-grams are taken as windows over word ids in numpy; only the
        distinct 3-grams are joined into strings and hashed, a few thousand at a time,
        and each chunk of windows finds its hash values by binary search in the sorted
        distinct 3-grams (no index array as long as all the windows). Texts of fewer
        than three words keep the set path (``texts[k]`` stands for a text of no words).
        """
        ids = np.asarray(ids)
        lengths = np.asarray(lengths, dtype=np.intp)
        count = len(lengths)
        out = np.empty((count, len(self.a)), dtype=np.uint64)
        ends = np.cumsum(lengths)
        long_enough = lengths >= 3
        short = np.flatnonzero(~long_enough).tolist()
        if short:
            out[short] = self.signatures([
                shingles_of_words([words_by_id[w] for w in ids[ends[i] - lengths[i]:ends[i]].tolist()])
                or {texts[i]} for i in short])
        chosen = np.flatnonzero(long_enough)
        if not len(chosen):
            return out
        # A window starts at every word but the last two of each text (a text of fewer
        # than three words has none).
        window = np.ones(len(ids), dtype=bool)
        window[ends[lengths > 0] - 1] = False
        window[ends[lengths > 1] - 2] = False
        window = window[:-2]
        size = len(words_by_id)
        if size < _KEYED_VOCABULARY:  # three ids in one int64 key, in the order of the windows
            keys = ids[:-2][window].astype(np.int64)
            keys *= size
            keys += ids[1:-1][window]
            keys *= size
            keys += ids[2:][window]
            del window
            distinct = np.unique(keys)

            def grams(low, high):
                first, rest = np.divmod(distinct[low:high], size * size)
                second, third = np.divmod(rest, size)
                return zip(first.tolist(), second.tolist(), third.tolist())

            def window_values(low, high):
                return hashes[np.searchsorted(distinct, keys[low:high])]
        else:
            rows = np.stack([ids[:-2][window], ids[1:-1][window], ids[2:][window]], axis=1)
            del window
            distinct, inverse = np.unique(rows, axis=0, return_inverse=True)
            inverse = inverse.reshape(-1)
            del rows

            def grams(low, high):
                return map(tuple, distinct[low:high].tolist())

            def window_values(low, high):
                return hashes[inverse[low:high]]
        hashes = np.empty(len(distinct), dtype=np.uint64)
        step = 1 << 15
        for low in range(0, len(distinct), step):
            hashes[low:low + step] = _hash_values(
                [" ".join((words_by_id[a], words_by_id[b], words_by_id[c]))
                 for a, b, c in grams(low, low + step)])
        sizes = lengths[chosen] - 2
        if short:
            out[chosen] = self._signatures_of(window_values, sizes, chunk)
        else:  # every text: no second matrix of signatures
            self._signatures_of(window_values, sizes, chunk, out)
        return out

    def signatures_of_values(self, values: np.ndarray, lengths: np.ndarray,
                             chunk: int = 4096) -> np.ndarray:
        """Signatures of sets given as their shingles' hash values, set after set
        (``lengths[i]`` values each, every length at least 1)."""
        return self._signatures_of(lambda low, high: values[low:high], lengths, chunk)

    def _signatures_of(self, values_of, lengths: np.ndarray, chunk: int = 4096,
                       out: Optional[np.ndarray] = None) -> np.ndarray:
        """``signatures_of_values`` of the values ``values_of(low, high)`` gives for
        ``values[low:high]``, into ``out`` (or a new array)."""
        count, permutations = len(lengths), len(self.a)
        if out is None:
            out = np.empty((count, permutations), dtype=np.uint64)
        if not count:
            return out
        ends = np.cumsum(lengths)
        starts = ends - lengths
        buffer = np.empty((max(chunk, int(lengths.max())), permutations), dtype=np.uint64)
        mersenne = np.uint64(_MERSENNE)
        first = 0
        while first < count:
            # The sets that fit in the buffer (at least one).
            stop = max(first + 1, int(np.searchsorted(ends, starts[first] + chunk, side="right")))
            low, high = int(starts[first]), int(ends[stop - 1])
            rows = buffer[:high - low]
            # (a*x + b) mod p on uint64 wraps, but it is still a fixed, well-mixed
            # function of x per permutation, which is all MinHash needs.
            np.multiply(values_of(low, high)[:, None], self.a, out=rows)
            np.add(rows, self.b, out=rows)
            np.bitwise_and(rows, mersenne, out=rows)
            np.minimum.reduceat(rows, starts[first:stop] - low, axis=0, out=out[first:stop])
            first = stop
        return out

    def signature(self, shingle_set: set) -> np.ndarray:
        return self.signatures([shingle_set])[0]


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _min_same(similarity: float, permutations: int) -> int:
    """The fewest equal MinHash values out of ``permutations`` whose share is at least
    ``similarity`` (the share as numpy's mean computes it: count / permutations)."""
    return next(c for c in range(permutations + 1) if c / permutations >= similarity)


def _near_duplicate_roots(signatures: np.ndarray, similarity: float, permutations: int,
                          bands: int) -> list:
    """For each distinct normalised text (its MinHash signature row), the index of its
    group (union-find root)."""
    rows = permutations // bands
    min_same = _min_same(similarity, permutations)
    groups = _UnionFind(len(signatures))
    mixer = np.random.default_rng(7).integers(1, _MERSENNE, size=rows, dtype=np.uint64) | np.uint64(1)
    unlike = set()  # pairs of texts compared and found unlike
    for band in range(bands):
        # One 64-bit key per text for this band (a wrapping dot product of its rows);
        # sorting the keys lines up each bucket without a Python dict per band.
        keys = (signatures[:, band * rows:(band + 1) * rows] * mixer).sum(axis=1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(order)]
        shared = ends - starts > 1
        order = order.tolist()
        for start, end in zip(starts[shared].tolist(), ends[shared].tolist()):
            if end - start == 2:
                # Most buckets are a pair, and the same pair meets again in other bands:
                # its comparison is kept (joined pairs are skipped by their root).
                a, b = order[start], order[start + 1]
                pair = (a, b) if a < b else (b, a)
                if pair in unlike or groups.find(a) == groups.find(b):
                    continue
                if np.count_nonzero(signatures[a] == signatures[b]) >= min_same:
                    groups.union(a, b)
                else:
                    unlike.add(pair)
                continue
            _join_bucket(order[start:end], signatures, min_same, groups)
    return [groups.find(i) for i in range(len(signatures))]


def _join_bucket(members: list, signatures, min_same: int, groups: _UnionFind,
                 max_pivots: int = 8) -> None:
    """Join the look-alikes in one LSH bucket by comparing them with a few pivots.

    Each round compares the remaining members with one pivot (the first of them)
    and drops those it joins, so a bucket of look-alikes costs one pass. A bucket
    of mutually unlike texts stops after ``max_pivots`` rounds; they still meet
    their look-alikes in other bands. Two texts join when at least ``min_same`` of
    their MinHash values are equal.

    A bucket whose members are already one group is skipped: its rounds could only
    join what is joined (most buckets of later bands are such repeats).
    """
    find = groups.find
    root = find(members[0])
    for other in members:
        if find(other) != root:
            break
    else:
        return
    remaining = members
    for _ in range(max_pivots):
        if len(remaining) < 2:
            return
        pivot, rest = remaining[0], remaining[1:]
        same = (np.count_nonzero(signatures[rest] == signatures[pivot], axis=1) >= min_same).tolist()
        for other, joined in zip(rest, same):
            if joined:
                groups.union(pivot, other)
        remaining = [other for other, joined in zip(rest, same) if not joined]


# --------------------------------------------------------------------- API
def find_templates(records: Iterable, *, min_count: int = 5, min_conversations: int = 3,
                   min_words: int = 4, similarity: float = 0.7, permutations: int = 64,
                   bands: int = 16, examples: int = 5) -> list:
    """Group near-identical replies; return the groups sent widely, most frequent first.

    ``min_count``: replies a group needs; ``min_conversations``: distinct conversations
    (or customers) it must reach; ``min_words``: shorter templates ("thanks!") are not
    reported; ``similarity``: estimated Jaccard similarity of word 3-shingles that
    joins two texts; ``permutations``/``bands``: MinHash size and LSH banding
    (``bands`` must divide ``permutations``); ``examples``: record ids kept per group.
    """
    if permutations % bands:
        raise ValueError("bands must divide permutations")
    if not 0 < similarity <= 1:
        raise ValueError("similarity must be in (0, 1]")
    # Only what the groups are made of is kept, compactly: each distinct normalised
    # text once, its words as ids into one vocabulary, and per reply the indexes of its
    # text, conversation, customer and agent (not the reply nor its context).
    text_index = {}       # normalised text -> its index (texts of min_words or more)
    too_short = set()
    vocabulary = defaultdict(itertools.count().__next__)   # word -> id
    word_id = vocabulary.__getitem__
    word_ids = array("i")         # the words of each text, as ids, text after text
    word_counts = array("i")      # words per text
    conversation_index, customer_index, agent_index = {}, {}, {}
    reply_text, reply_conversation = array("i"), array("i")
    reply_customer, reply_agent = array("i"), array("i")
    reply_ids = []
    for position, record in enumerate(records, 1):
        reply = _reply_of(record, position)
        normalised = normalise_reply(reply.text, reply.context)
        index = text_index.get(normalised)
        if index is None:
            # Words once per distinct normalised text.
            if normalised in too_short:
                continue
            word_list = _WORD.findall(normalised)
            if len(word_list) < min_words:
                too_short.add(normalised)
                continue
            index = text_index[normalised] = len(text_index)
            word_ids.extend(map(word_id, word_list))
            word_counts.append(len(word_list))
        customer = reply.customer
        conversation = reply.conversation or (f"customer:{customer}" if customer else f"reply:{reply.id}")
        reply_text.append(index)
        reply_conversation.append(conversation_index.setdefault(conversation, len(conversation_index)))
        reply_customer.append(customer_index.setdefault(customer, len(customer_index)) if customer else -1)
        reply_agent.append(agent_index.setdefault(reply.agent, len(agent_index)) if reply.agent else -1)
        reply_ids.append(reply.id)
    del too_short, conversation_index, customer_index
    texts = list(text_index)
    del text_index
    if not texts:
        return []
    signatures = MinHasher(permutations).signatures_of_word_ids(
        np.frombuffer(word_ids, dtype=np.intc), np.frombuffer(word_counts, dtype=np.intc),
        list(vocabulary), texts)
    del word_ids, vocabulary
    roots = _near_duplicate_roots(signatures, similarity, permutations, bands)
    del signatures
    members = defaultdict(list)
    for text, root in enumerate(roots):
        members[root].append(text)
    replies = _Replies(reply_text, reply_conversation, reply_customer, reply_agent, reply_ids,
                       list(agent_index), len(texts))
    groups = []
    for variants in members.values():
        if sum(replies.count[t] for t in variants) < min_count:
            continue  # too few replies: not summarised
        group = replies.summarise(variants, texts, examples)
        if group.count >= min_count and group.conversations >= min_conversations:
            groups.append(group)
    groups.sort(key=lambda g: (-g.count, -g.conversations, g.template))
    return groups


class _Replies:
    """The kept replies of ``find_templates``, by their text, for the group summaries."""

    def __init__(self, text, conversation, customer, agent, ids: list, agent_names: list,
                 texts: int):
        text = np.frombuffer(text, dtype=np.intc)
        self.order = np.argsort(text, kind="stable")   # the replies text by text, in input order
        self.count = np.bincount(text, minlength=texts).tolist()
        self.start = [0, *itertools.accumulate(self.count)]
        self.conversation = np.frombuffer(conversation, dtype=np.intc)
        self.customer = np.frombuffer(customer, dtype=np.intc)
        self.agent = np.frombuffer(agent, dtype=np.intc)
        self.ids = ids
        self.agent_names = agent_names

    def summarise(self, variants: list, texts: list, examples: int) -> TemplateGroup:
        """The group of the texts ``variants`` (indexes into ``texts``, in input order)."""
        count, start, order = self.count, self.start, self.order
        replies = np.concatenate([order[start[t]:start[t + 1]] for t in variants])
        # The representative is the commonest wording; ties go to the shortest.
        template = min(variants, key=lambda t: (-count[t], len(texts[t]), texts[t]))
        customers = self.customer[replies]
        agents = Counter(a for a in self.agent[replies].tolist() if a >= 0)
        return TemplateGroup(
            template=texts[template], count=len(replies),
            conversations=len(np.unique(self.conversation[replies])),
            customers=len(np.unique(customers[customers >= 0])), agents=len(agents),
            variants=len(variants), example_ids=[self.ids[r] for r in replies[:examples].tolist()],
            agent_names=[self.agent_names[a] for a, _ in agents.most_common(5)],
        )
