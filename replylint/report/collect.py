"""Audit results in, the report's compact model out.

The collector sees every result once, as the audit streams, and keeps only counts,
a bounded phrase table, the few worst replies and the first input errors: memory
and report size depend on the number of rules, groups and days, not on the number
of replies. ``finish`` turns that into a plain dict (the model the template and the
charts read), with every text that came from the input already masked.
"""
from __future__ import annotations

from collections import Counter

from replylint.report.groups import GroupCounts
from replylint.report.highlight import highlight
from replylint.report.masking import mask_text
from replylint.report.phrases import PhraseCounter
from replylint.report.reused import template_rows
from replylint.report.timeline import Timeline
from replylint.report.worst import WorstReplies

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
PHRASES_SHOWN = 10
MAX_ERRORS = 500   # input errors listed; the rest are counted
MAX_SOURCES = 20


class ReportCollector:
    def __init__(self, rules=()):
        self._rules = {rule.code: rule for rule in rules}
        self.groups = GroupCounts()
        self.timeline = Timeline()
        self.phrases = PhraseCounter()
        self.worst = WorstReplies()
        self.clean = 0                    # replies with no warning and no error
        self.findings_by_rule = Counter()
        self.replies_by_rule = Counter()  # replies with at least one finding of the rule
        self.seen_rules = {}              # code -> a finding dict (slug, url, severity)
        self.sources = Counter()
        self.errors = []
        self.more_errors = 0

    def add_result(self, result) -> None:
        findings = result.findings
        record = result.record
        self.sources[record.source or "<input>"] += 1
        self.groups.add(record, findings)
        if not findings:
            self.timeline.add(record.timestamp, 0)
            self.clean += 1
            return
        blocking = 0   # errors and warnings; a reply with only info findings is clean
        codes = set()
        by_rule = self.findings_by_rule
        for finding in findings:
            code = finding["code"]
            codes.add(code)
            by_rule[code] = by_rule.get(code, 0) + 1
            if code not in self.seen_rules:
                self.seen_rules[code] = finding
            self.phrases.add(code, finding["text"])
            if finding["severity"] != "info":
                blocking += 1
        self.timeline.add(record.timestamp, len(findings), blocking)
        if not blocking:
            self.clean += 1
        for code in codes:
            self.replies_by_rule[code] = self.replies_by_rule.get(code, 0) + 1
        self.worst.add(result)

    def add_error(self, error) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"source": error.path, "line": error.line,
                                "message": mask_text(error.message)})
        else:
            self.more_errors += 1

    def finish(self, summary) -> dict:
        linted = summary.linted
        return {
            "headline": {
                "records": summary.records,
                "replies": linted,
                "clean": self.clean,
                "clean_pct": _pct(self.clean, linted),
                "findings": summary.findings,
                "per_100": _pct(summary.findings, linted),
                "blocking_per_100": _pct(summary.by_severity["error"]
                                         + summary.by_severity["warning"], linted),
                "by_severity": {name: summary.by_severity[name] for name in SEVERITY_ORDER},
                "input_errors": summary.errors,
                "suppressed": summary.suppressed,
                "rule_errors": summary.rule_errors,
            },
            "sources": self._sources(),
            "rules": self._rule_rows(),
            "groups": self.groups.tables(),
            "timeline": self.timeline.series(),
            "templates": template_rows(summary.templates),
            "templates_selected": "RL204" in self._rules,
            "worst": [_worst_entry(rank, *entry)
                      for rank, entry in enumerate(self.worst.ranked(), start=1)],
            "errors": self.errors,
            "more_errors": self.more_errors,
        }

    def _sources(self) -> dict:
        names = sorted(self.sources, key=lambda s: (-self.sources[s], s))
        return {"names": names[:MAX_SOURCES], "more": max(0, len(names) - MAX_SOURCES)}

    def _rule_rows(self) -> list:
        """Every selected rule, and any other that fired: most findings first."""
        rows = []
        for code in sorted(set(self._rules) | set(self.findings_by_rule)):
            rule, seen = self._rules.get(code), self.seen_rules.get(code, {})
            phrases, distinct = self.phrases.top(code, PHRASES_SHOWN)
            rows.append({
                "code": code,
                "slug": rule.slug if rule else seen.get("slug", ""),
                "severity": rule.severity.value if rule else seen.get("severity", "info"),
                "url": (rule.url if rule else None) or seen.get("url"),
                "findings": self.findings_by_rule[code],
                "replies": self.replies_by_rule[code],
                "phrases": phrases,
                "distinct_phrases": distinct,
                "phrases_pruned": code in self.phrases.pruned,
            })
        rows.sort(key=lambda row: (-row["findings"], row["code"]))
        return rows


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _worst_entry(rank: int, result, score: int, copies: int) -> dict:
    findings = sorted(result.findings, key=lambda f: (f["start"], f["end"], f["code"]))
    marked = highlight(result.record.text, findings)
    shown = [_shown_finding(f) for f in findings]
    pieces = []
    for piece in marked.pieces:
        over = [shown[i] for i in piece.marks]
        pieces.append({
            "text": piece.text,
            "marks": list(piece.marks),
            "severity": min((f["severity"] for f in over), key=SEVERITY_ORDER.get, default=None),
            "tip": "\n".join(f"{f['code']} {f['slug']}: {f['message']}" for f in over),
        })
    record = result.record
    return {
        "rank": rank,
        "id": record.id,
        "location": f"{record.source}:{record.line}" if record.line else record.source,
        "meta": [(label, value) for label, value in (
            ("agent", record.agent or record.context.agent_name), ("team", record.team),
            ("company", record.company), ("channel", record.channel),
            ("sent", record.timestamp)) if value],
        "score": score,
        "copies": copies,
        "pieces": pieces,
        "cut_before": marked.cut_before,
        "cut_after": marked.cut_after,
        "findings": shown,
    }


def _shown_finding(finding: dict) -> dict:
    """The fields the report prints; messages quote the reply, so they are masked too."""
    return {
        "code": finding["code"],
        "slug": finding["slug"],
        "severity": finding["severity"],
        "message": mask_text(finding["message"]),
        "suggestion": mask_text(finding.get("suggestion") or ""),
        "url": finding.get("url"),
        "text": finding["text"] if finding.get("sensitive") else mask_text(finding["text"]),
    }
