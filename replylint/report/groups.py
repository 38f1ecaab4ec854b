"""Counts per agent, team, company and channel: the rows of the report's tables.

The agent is the record's ``agent`` field, or, when the input has none, the name the
agent signed with (``agent_name``): Twitter exports carry only the sign-off, and a
lead still wants to see "Corey" in the table.
"""
from __future__ import annotations

DIMENSIONS = (("agent", "Agent"), ("team", "Team"), ("company", "Company"),
              ("channel", "Channel"))
NOT_GIVEN = "(not given)"
MAX_ROWS = 2000   # per table; beyond this the groups with fewest errors and warnings are left out
TOP_RULES = 3     # rule codes shown per row


# A group's counts, as a list because this runs for every reply and every dimension.
REPLIES, FLAGGED, FINDINGS, ERROR, WARNING, INFO, BY_RULE = range(7)
_SEVERITY_INDEX = {"error": 0, "warning": 1, "info": 2}


def group_value(record, dimension: str):
    if dimension == "agent":
        return record.agent or record.context.agent_name
    return getattr(record, dimension)


class GroupCounts:
    def __init__(self):
        self._groups = {name: {} for name, _ in DIMENSIONS}

    def add(self, record, findings: list) -> None:
        if findings:   # what the reply adds to each of its groups, worked out once
            by_severity = [0, 0, 0]
            codes = {}
            for finding in findings:
                by_severity[_SEVERITY_INDEX[finding["severity"]]] += 1
                codes[finding["code"]] = codes.get(finding["code"], 0) + 1
        for dimension, groups in self._groups.items():
            value = group_value(record, dimension) or NOT_GIVEN
            counts = groups.get(value)
            if counts is None:
                counts = groups[value] = [0, 0, 0, 0, 0, 0, {}]
            counts[REPLIES] += 1
            if findings:
                counts[FLAGGED] += 1
                counts[FINDINGS] += len(findings)
                counts[ERROR] += by_severity[0]
                counts[WARNING] += by_severity[1]
                counts[INFO] += by_severity[2]
                by_rule = counts[BY_RULE]
                for code, n in codes.items():
                    by_rule[code] = by_rule.get(code, 0) + n

    def table(self, dimension: str, label: str) -> dict:
        """One table: rows by findings (most first), and whether the input had this field."""
        groups = self._groups[dimension]
        # Errors first, then warnings: info findings are advice, and would otherwise
        # rank whoever sends the most replies first.
        ranked = sorted(groups.items(), key=lambda kv: (-kv[1][ERROR], -kv[1][WARNING],
                                                        -kv[1][FINDINGS], -kv[1][REPLIES], kv[0]))
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


def _row(name: str, counts: list) -> dict:
    top = sorted(counts[BY_RULE].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    replies = counts[REPLIES]
    return {
        "name": name,
        "replies": replies,
        "flagged": counts[FLAGGED],
        "flagged_pct": round(100 * counts[FLAGGED] / replies, 1),
        "findings": counts[FINDINGS],
        "per_100": round(100 * counts[FINDINGS] / replies, 1),
        "error": counts[ERROR],
        "warning": counts[WARNING],
        "info": counts[INFO],
        "top_rules": [{"code": code, "count": n} for code, n in top],
    }
