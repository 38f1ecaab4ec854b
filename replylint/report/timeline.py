"""Replies and findings over time, when the input has timestamps.

Days are counted as replies stream past; at the end the series is laid out with no
gaps (a day with no replies is a zero, not a missing point that a line would jump
over), by day for up to ``MAX_DAYS`` days, else by week, else by month, so a chart
never has thousands of bars.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from replylint.audit import day_of

MAX_DAYS = 120
MAX_WEEKS = 104
_MONTHS = {name: i for i, name in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}


def parse_day(timestamp) -> "date | None":
    """The calendar day of a timestamp (ISO, Twitter, Unix seconds, ...), or None."""
    if not timestamp:
        return None
    text = str(timestamp).strip()
    # This runs once per reply, so the two common layouts are read by position. The
    # date as written is the day in the stated offset, which is what ``day_of`` says.
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            return date.fromisoformat(text[:10])          # ISO 8601, with or without a time
        except ValueError:
            pass
    if len(text) == 30 and text[3] == text[10] == text[19] == text[25] == " " \
            and text[4:7] in _MONTHS and text[8:10].isdigit() and text[26:].isdigit():
        return date(int(text[26:]), _MONTHS[text[4:7]], int(text[8:10]))   # Twitter
    day = day_of(text)   # the other formats the CLI's --group-by day understands
    return None if day == "unknown" else date.fromisoformat(day)


class Timeline:
    def __init__(self):
        self.replies = Counter()
        self.flagged = Counter()
        self.findings = Counter()
        self.undated = 0

    def add(self, timestamp, findings: int) -> None:
        try:
            day = parse_day(timestamp)
        except ValueError:   # a well-formed string naming an impossible date
            day = None
        if day is None:
            self.undated += 1
            return
        self.replies[day] = self.replies.get(day, 0) + 1
        if findings:
            self.flagged[day] = self.flagged.get(day, 0) + 1
            self.findings[day] = self.findings.get(day, 0) + findings

    def series(self) -> "dict | None":
        """Labels and counts per bucket, or None when no reply had a usable timestamp."""
        if not self.replies:
            return None
        first, last = min(self.replies), max(self.replies)
        span = (last - first).days + 1
        if span <= MAX_DAYS:
            unit, bucket = "day", (lambda d: d)
        elif span <= MAX_WEEKS * 7:
            unit, bucket = "week", (lambda d: d - timedelta(days=d.weekday()))
        else:
            unit, bucket = "month", (lambda d: d.replace(day=1))
        keys = _buckets(bucket(first), bucket(last), unit)
        index = {key: i for i, key in enumerate(keys)}
        replies, flagged, findings = ([0] * len(keys) for _ in range(3))
        for day, n in self.replies.items():
            i = index[bucket(day)]
            replies[i] += n
            flagged[i] += self.flagged[day]
            findings[i] += self.findings[day]
        return {
            "unit": unit,
            "labels": [_label(key, unit) for key in keys],
            "replies": replies,
            "flagged": flagged,
            "findings": findings,
            "per_100": [round(100 * f / r, 1) if r else None for f, r in zip(findings, replies)],
            "undated": self.undated,
        }


def _buckets(first: date, last: date, unit: str) -> list:
    keys, key = [], first
    while key <= last:
        keys.append(key)
        if unit == "day":
            key += timedelta(days=1)
        elif unit == "week":
            key += timedelta(days=7)
        else:
            key = date(key.year + key.month // 12, key.month % 12 + 1, 1)
    return keys


def _label(key: date, unit: str) -> str:
    return key.strftime("%Y-%m") if unit == "month" else key.isoformat()
