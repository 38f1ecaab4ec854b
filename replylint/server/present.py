"""Findings, reports and fixes as the JSON the API answers with.

Everything goes through ``Finding.to_dict()``, which shows a personal-data finding
masked, then through redaction.py, which masks the same data wherever another
finding quotes it; this module adds what a browser needs on top: UTF-16 offsets
and the dismissal hash.
"""
from __future__ import annotations

from replylint.server.dismissals import DismissalSet
from replylint.server.offsets import Utf16Offsets
from replylint.server.redaction import PersonalData


def finding_json(finding, utf16: Utf16Offsets, private: PersonalData) -> dict:
    data = private.scrub(finding.to_dict())
    data["start_utf16"] = utf16(finding.start)
    data["end_utf16"] = utf16(finding.end)
    data["hash"] = private.hash_of(finding)
    return data


def report_json(report, text: str, dismissals: DismissalSet) -> dict:
    """``{ok, findings, suppressed, errors}`` with dismissed findings left out.

    ``ok`` is recomputed over what is left, so dismissing the last error unblocks
    sending, while the blocking level (``fail-on``) stays the one in the config.
    """
    # Collected from every finding before dismissals apply, so what gets masked
    # never depends on what the client sent.
    private = PersonalData(report.findings)
    findings, suppressed = dismissals.split(report.findings, private.hash_of)
    fail_on = report.fail_on
    ok = fail_on is None or not any(f.severity >= fail_on for f in findings)
    utf16 = Utf16Offsets(text)
    return {
        "ok": ok,
        "findings": [finding_json(f, utf16, private) for f in findings],
        "suppressed": suppressed,
        "errors": list(report.errors),
    }


def fix_json(result, text: str) -> dict:
    """The fixed text and its edits; edit offsets point into the text as sent."""
    utf16 = Utf16Offsets(text)
    edits = []
    for edit in result.edits:
        data = edit.to_dict()
        data["start_utf16"] = utf16(edit.start)
        data["end_utf16"] = utf16(edit.end)
        edits.append(data)
    return {"text": result.text, "edits": edits}


def rule_json(rule) -> dict:
    return {
        "code": rule.code,
        "slug": rule.slug,
        "title": rule.title,
        "severity": str(rule.severity),
        "confidence": str(rule.confidence),
        "why": rule.why,
        "url": rule.url,
    }
