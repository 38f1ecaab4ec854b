"""Replies and findings over time, when the input has timestamps.

Days are counted as replies stream past; at the end the series is laid out with no
gaps (a day with no replies is a zero, not a missing point that a line would jump
over), by day for up to ``MAX_DAYS`` days, else by week, else by month, so a chart
never has thousands of bars.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

from replylint.audit import day_of

MAX_DAYS = 120
MAX_WEEKS = 104
_MONTHS = {name: i for i, name in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
# Twitter's "Tue Oct 31 22:10:47 +0000 2017": the date as written is the day in the
# stated offset, which is what ``day_of`` returns too, at a tenth of strptime's cost.
_TWITTER = re.compile(r"\w{3} (\w{3}) (\d{2}) \d\d:\d\d:\d\d [+-]\d{4} (\d{4})$")


def parse_day(timestamp) -> "date | None":
    """The calendar day of a timestamp (ISO, Twitter, Unix seconds, ...), or None."""
    if not timestamp:
        return None
    text = str(timestamp).strip()
    match = _TWITTER.match(text)
    if match and match.group(1) in _MONTHS:
        return date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
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
        self.replies[day] += 1
        if findings:
            self.flagged[day] += 1
            self.findings[day] += findings

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
