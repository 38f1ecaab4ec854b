"""Counts per agent, team, company and channel: the rows of the report's tables.

The agent is the record's ``agent`` field, or, when the input has none, the name the
agent signed with (``agent_name``): Twitter exports carry only the sign-off, and a
lead still wants to see "Corey" in the table.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

DIMENSIONS = (("agent", "Agent"), ("team", "Team"), ("company", "Company"),
              ("channel", "Channel"))
NOT_GIVEN = "(not given)"
MAX_ROWS = 2000   # per table; beyond this the smallest groups are left out (and it says so)
TOP_RULES = 3     # rule codes shown per row


@dataclass
class _Counts:
    replies: int = 0
    flagged: int = 0     # replies with at least one finding
    findings: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    by_rule: "Counter | None" = None


def group_value(record, dimension: str):
    if dimension == "agent":
        return record.agent or record.context.agent_name
    return getattr(record, dimension)


class GroupCounts:
    def __init__(self):
        self._groups = {name: {} for name, _ in DIMENSIONS}

    def add(self, record, findings: list) -> None:
        for dimension, groups in self._groups.items():
            value = group_value(record, dimension) or NOT_GIVEN
            counts = groups.get(value)
            if counts is None:
                counts = groups[value] = _Counts()
            counts.replies += 1
            if findings:
                counts.flagged += 1
                counts.findings += len(findings)
                if counts.by_rule is None:
                    counts.by_rule = Counter()
                for finding in findings:
                    severity = finding["severity"]
                    setattr(counts, severity, getattr(counts, severity) + 1)
                    counts.by_rule[finding["code"]] += 1

    def table(self, dimension: str, label: str) -> dict:
        """One table: rows by findings (most first), and whether the input had this field."""
        groups = self._groups[dimension]
        ranked = sorted(groups.items(), key=lambda kv: (-kv[1].findings, -kv[1].replies, kv[0]))
        rows = [_row(name, counts) for name, counts in ranked[:MAX_ROWS]]
        return {
            "key": dimension,
            "label": label,
            "present": any(name != NOT_GIVEN for name in groups),
            "total": len(groups),
            "rows": rows,
        }

    def tables(self) -> list:
        return [self.table(dimension, label) for dimension, label in DIMENSIONS]


def _row(name: str, counts: _Counts) -> dict:
    top = sorted((counts.by_rule or {}).items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    return {
        "name": name,
        "replies": counts.replies,
        "flagged": counts.flagged,
        "flagged_pct": round(100 * counts.flagged / counts.replies, 1),
        "findings": counts.findings,
        "per_100": round(100 * counts.findings / counts.replies, 1),
        "error": counts.error,
        "warning": counts.warning,
        "info": counts.info,
        "top_rules": [{"code": code, "count": n} for code, n in top],
    }
