"""The Twitter customer-support CSV layout (the TWCS columns).

``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id``: customer tweets (inbound True) and brand tweets in one
table, replies often before the tweet they answer. Each brand tweet becomes a Record
whose inbound is the customer tweet it answers (found up the ``in_response_to``
chain, skipping the brand's own earlier tweets), whose customer handle is that
tweet's author, whose company is the brand, and whose agent is the sign-off at the
end of the reply (``^SG``, ``/LS``, ``-Anwar``, ``*AFC``, ``~AT``).

The file is read twice: once into an on-disk SQLite index of tweets by id (so
memory stays flat on the 2.8 M-tweet dump), once to yield the replies in file order.
Standard input is spooled to a temporary file first, as it cannot be read twice.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from typing import Iterator, Optional

from replylint.errors import InputError
from replylint.io.fields import build_record
from replylint.io.record import Item
from replylint.io.source import STDIN, display_name, has_undecodable, stdin_bytes, undecodable_message
from replylint.io.table import iter_rows

COLUMNS = ("tweet_id", "author_id", "inbound", "text", "in_response_to_tweet_id")
MAX_HOPS_TO_CUSTOMER = 4   # a brand thread of more parts than this is not a reply chain
MAX_HISTORY = 20

_SIGNOFF = re.compile(
    r"(?:^|\s)(?P<mark>[\^/*~]|-\s?)(?P<name>[A-Z][A-Za-z]{0,14}(?:\s?[A-Z][A-Za-z]?)?)"
    r"\s*(?:https?://\S+\s*)?(?:\d/\d\s*)?$"
)


def is_twitter_header(header) -> bool:
    names = {str(name).strip().lower() for name in header}
    return all(column in names for column in COLUMNS)


def parse_signoff(text: str) -> "tuple[Optional[str], Optional[str]]":
    """``(sign-off, agent name)`` at the end of a brand tweet, e.g. ``("-Wayne", "Wayne")``.

    Initials (``^SG``) identify an agent but are not a name to greet with, so the
    name is only given for a capitalised word of three letters or more.
    """
    match = _SIGNOFF.search(text.rstrip())
    if not match:
        return None, None
    mark = match.group("mark").strip()
    name = match.group("name").strip()
    looks_like_name = len(name) >= 3 and not name.isupper() and " " not in name
    return mark + name, (name if looks_like_name else None)


def _tweet_id(value) -> Optional[int]:
    """Tweet ids as written by pandas/Excel: ``"5759"``, ``"5759.0"``, ``""``."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(float(value)) if "." in value or "e" in value.lower() else int(value)
    except ValueError:
        return None


def _is_inbound(value) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


@contextmanager
def _readable_twice(path):
    if str(path) != STDIN:
        yield path
        return
    handle, spooled = tempfile.mkstemp(prefix="replylint-stdin-", suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(stdin_bytes(), out)
        yield spooled
    finally:
        os.unlink(spooled)


class TweetIndex:
    """Tweets by id in a temporary SQLite file: flat memory whatever the dump's size."""

    def __init__(self):
        handle, self.path = tempfile.mkstemp(prefix="replylint-tweets-", suffix=".sqlite")
        os.close(handle)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE tweet (id INTEGER PRIMARY KEY, author TEXT, inbound INTEGER,"
            " parent INTEGER, text TEXT);"
        )
        self._pending = []

    def add(self, tweet_id, author, inbound, parent, text):
        self._pending.append((tweet_id, author, int(inbound), parent, text))
        if len(self._pending) >= 5000:
            self.flush()

    def flush(self):
        self.db.executemany("INSERT OR IGNORE INTO tweet VALUES (?, ?, ?, ?, ?)", self._pending)
        self._pending.clear()

    def get(self, tweet_id):
        if tweet_id is None:
            return None
        return self.db.execute("SELECT author, inbound, parent, text FROM tweet WHERE id = ?",
                               (tweet_id,)).fetchone()

    def chain(self, parent):
        """Earlier tweets up the reply chain, nearest first: ``(author, inbound, text)``."""
        seen = set()
        while parent is not None and parent not in seen and len(seen) < MAX_HISTORY:
            seen.add(parent)
            row = self.get(parent)
            if row is None:
                return
            author, inbound, grandparent, text = row
            yield author, bool(inbound), text
            parent = grandparent

    def close(self):
        self.db.close()
        os.unlink(self.path)


def read_twitter_csv(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    """One Record per brand tweet of a TWCS-layout CSV."""
    source = display_name(path)
    with _readable_twice(path) as readable:
        index = TweetIndex()
        try:
            columns = None
            for item in iter_rows(readable):
                if isinstance(item, InputError):
                    continue  # reported in the second pass, in order
                line_no, row = item
                if columns is None:
                    columns = {name.strip().lower(): name for name in row}
                    continue
                tweet_id = _tweet_id(row[columns["tweet_id"]])
                if tweet_id is not None:
                    index.add(tweet_id, row[columns["author_id"]].strip(),
                              _is_inbound(row[columns["inbound"]]),
                              _tweet_id(row[columns["in_response_to_tweet_id"]]),
                              row[columns["text"]])
            index.flush()
            if notify:
                notify(source, "Twitter customer-support layout: brand tweets are replies, "
                               "inbound = the customer tweet they answer")
            yield from _replies(readable, source, index, defaults or {})
        finally:
            index.close()


def _replies(readable, source, index, defaults) -> Iterator[Item]:
    columns = None
    for item in iter_rows(readable):
        if isinstance(item, InputError):
            yield InputError(item.message, source, item.line)
            continue
        line_no, row = item
        if columns is None:
            columns = {name.strip().lower(): name for name in row}
            continue
        if _is_inbound(row[columns["inbound"]]):
            continue  # a customer tweet: context for a reply, not a reply
        text = row[columns["text"]]
        if any(has_undecodable(value) for value in row.values()):
            bad = next(value for value in row.values() if has_undecodable(value))
            yield InputError(undecodable_message(bad), source, line_no)
            continue
        tweet_id = _tweet_id(row[columns["tweet_id"]])
        if tweet_id is None:
            yield InputError("tweet_id is missing or not a number", source, line_no)
            continue
        brand = row[columns["author_id"]].strip()
        turns = list(index.chain(_tweet_id(row[columns["in_response_to_tweet_id"]])))
        inbound = customer = None
        for hops, (author, inbound_flag, earlier_text) in enumerate(turns):
            if hops >= MAX_HOPS_TO_CUSTOMER:
                break
            if inbound_flag:
                inbound, customer = earlier_text, author
                break
            if author != brand:
                break
        signoff, agent_name = parse_signoff(text)
        values = dict(defaults)
        values.update({
            "text": text, "id": str(tweet_id), "company": brand, "channel": "twitter",
            "timestamp": row.get(columns.get("created_at", ""), None),
            "inbound": inbound,
            "customer_handle": "@" + customer if customer else None,
            "agent": signoff, "agent_name": agent_name,
        })
        history = tuple(earlier for _, _, earlier in reversed(turns))
        try:
            yield build_record(values, source, line_no, literal_lines=True, history=history)
        except ValueError as error:
            yield InputError(str(error), source, line_no)
