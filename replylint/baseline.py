"""Baselines: accept today's findings so an audit shows only new ones.

A finding's key is (record key, code, hash of its normalised words, occurrence),
where the record key is the conversation and record id, and occurrence counts equal
(code, words) earlier in the same reply. Offsets are left out on purpose: an edit
elsewhere in the reply moves every offset but must not resurface old findings. The
words are taken from the finding's display text, which is already masked, so a
baseline file never holds personal data, not even hashed.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import IO, Iterator

from replylint.errors import InputError

SCHEMA = "replylint-baseline/1"


def span_hash(text: str) -> str:
    normalised = " ".join(str(text).lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def record_key(record) -> str:
    if record.conversation and record.conversation not in record.id:
        return f"{record.conversation}/{record.id}"
    return record.id


def finding_keys(result) -> Iterator["tuple[tuple, dict]"]:
    """``(key, finding)`` for each finding of an AuditResult, in order."""
    seen = Counter()
    rkey = record_key(result.record)
    for finding in result.findings:
        words = span_hash(finding["text"])
        seen[(finding["code"], words)] += 1
        yield (rkey, finding["code"], words, seen[(finding["code"], words)] - 1), finding


class Baseline:
    """The accepted findings of a baseline file."""

    def __init__(self, keys=()):
        self.keys = set(keys)

    @classmethod
    def load(cls, path) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
        except OSError as error:
            raise InputError(f"cannot read baseline: {error.strerror or error}", path) from None
        except json.JSONDecodeError as error:
            raise InputError(f"baseline is not valid JSON ({error.msg})", path, error.lineno) from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise InputError(f"not a replylint baseline (expected schema {SCHEMA!r})", path)
        keys = set()
        for entry in data.get("findings", ()):
            try:
                keys.add((entry["record"], entry["code"], entry["hash"], int(entry["occurrence"])))
            except (KeyError, TypeError, ValueError):
                raise InputError("baseline entry lacks record, code, hash or occurrence", path) from None
        return cls(keys)

    def filter(self, result) -> None:
        """Drop the findings of ``result`` that are in the baseline; count them."""
        kept = [finding for key, finding in finding_keys(result) if key not in self.keys]
        result.suppressed += len(result.findings) - len(kept)
        result.findings = kept


class BaselineWriter:
    """Writes every finding of an audit to a baseline file as it streams by."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0
        stream.write('{"schema": "%s", "findings": [' % SCHEMA)

    def add(self, result) -> None:
        for key, _ in finding_keys(result):
            record, code, words, occurrence = key
            self.stream.write(("," if self.count else "") + "\n  " + json.dumps(
                {"record": record, "code": code, "hash": words, "occurrence": occurrence},
                ensure_ascii=False))
            self.count += 1

    def close(self) -> None:
        self.stream.write("\n]}\n")
        self.stream.close()
