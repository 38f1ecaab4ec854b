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
TAIL = 0.005   # share of replies at each end that may be left out as stray dates
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
        self.blocking = Counter()   # errors and warnings: info findings are advice
        self.undated = 0

    def add(self, timestamp, findings: int, blocking: int = 0) -> None:
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
            if blocking:
                self.blocking[day] = self.blocking.get(day, 0) + blocking

    def series(self) -> "dict | None":
        """Labels and counts per bucket, or None when no reply had a usable timestamp."""
        if not self.replies:
            return None
        first, last = self._main_period()
        span = (last - first).days + 1
        if span <= MAX_DAYS:
            unit, bucket = "day", (lambda d: d)
        elif span <= MAX_WEEKS * 7:
            unit, bucket = "week", (lambda d: d - timedelta(days=d.weekday()))
        else:
            unit, bucket = "month", (lambda d: d.replace(day=1))
        keys = _buckets(bucket(first), bucket(last), unit)
        index = {key: i for i, key in enumerate(keys)}
        replies, flagged, findings, blocking = ([0] * len(keys) for _ in range(4))
        outside = 0
        for day, n in self.replies.items():
            if not first <= day <= last:
                outside += n
                continue
            i = index[bucket(day)]
            replies[i] += n
            flagged[i] += self.flagged[day]
            findings[i] += self.findings[day]
            blocking[i] += self.blocking[day]
        return {
            "unit": unit,
            "labels": [_label(key, unit) for key in keys],
            "replies": replies,
            "flagged": flagged,
            "findings": findings,
            "per_100": _per_100(findings, replies),
            "blocking_per_100": _per_100(blocking, replies),
            "undated": self.undated,
            "outside": outside,
        }

    def _main_period(self) -> "tuple[date, date]":
        """First and last day, leaving out stray dates that would stretch the axis.

        An export of last month often holds a few replies from years before (old
        threads answered late); one bar per month since then would squeeze the month
        that matters into a corner. The earliest and latest ``TAIL`` of replies are
        left out when that at least halves the span; the page says how many.
        """
        days = sorted(self.replies)
        first, last = days[0], days[-1]
        total = sum(self.replies.values())
        cut = total * TAIL
        seen, low = 0, first
        for day in days:
            seen += self.replies[day]
            if seen > cut:
                low = day
                break
        seen, high = 0, last
        for day in reversed(days):
            seen += self.replies[day]
            if seen > cut:
                high = day
                break
        if (high - low).days * 2 <= (last - first).days:
            return low, high
        return first, last


def _per_100(counts: list, replies: list) -> list:
    return [round(100 * c / r, 1) if r else None for c, r in zip(counts, replies)]


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
