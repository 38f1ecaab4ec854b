"""SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, IDE viewers).

Results are streamed first; ``tool`` (with a rule descriptor for every selected rule
and every rule that fired) and ``invocations`` (input errors as notifications) close
the run, since JSON object members may come in any order.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from replylint.baseline import finding_keys
from replylint.formats.base import Renderer
from replylint.formats.excerpt import MaskedReply, excerpt, file_line

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(source) -> str:
    if not source or source == "<stdin>":
        return "stdin"
    return quote(str(source).replace("\\", "/"), safe="/:._-~")


def rule_descriptor(code, slug, title=None, why=None, url=None, severity=None, confidence=None) -> dict:
    descriptor = {"id": code, "name": slug,
                  "shortDescription": {"text": title or slug}}
    if why:
        descriptor["fullDescription"] = {"text": why}
    if url:
        descriptor["helpUri"] = url
    if severity:
        descriptor["defaultConfiguration"] = {"level": _LEVEL.get(str(severity), "warning")}
    if confidence:
        descriptor["properties"] = {"confidence": str(confidence)}
    return descriptor


class SarifRenderer(Renderer):
    name = "sarif"

    def begin(self) -> None:
        self._count = 0
        self._notifications = []
        self._seen = {}
        self.out.write('{"$schema": "%s",\n "version": "2.1.0",\n "runs": [{\n  "results": ['
                       % SARIF_SCHEMA)

    def result(self, result) -> None:
        record = result.record
        # Only positions are read here (no reply line is shown), so no masking pass.
        masked = MaskedReply(record.text, ())
        for key, finding in finding_keys(result):
            self._seen.setdefault(finding["code"], finding)
            found = excerpt(masked, finding)
            location = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(record.source)}},
                        "logicalLocations": [{"name": record.id, "kind": "object"}]}
            line = file_line(record, found)
            if line is not None:
                region = {"startLine": line}
                if record.literal_lines:
                    region["startColumn"] = found.column
                location["physicalLocation"]["region"] = region
            sarif_result = {
                "ruleId": finding["code"],
                "level": _LEVEL.get(finding["severity"], "warning"),
                "message": {"text": finding["message"]},
                "locations": [location],
                "partialFingerprints": {"replylintFinding/v1": "/".join(map(str, key))},
                "properties": {k: v for k, v in record.meta().items() if v is not None and k != "source"}
                | {"start": finding["start"], "end": finding["end"], "excerpt": finding["text"],
                   "confidence": finding["confidence"]},
            }
            self.out.write(("," if self._count else "") + "\n   "
                           + json.dumps(sarif_result, ensure_ascii=False))
            self._count += 1

    def error(self, error) -> None:
        notification = {"level": "error", "message": {"text": error.message},
                        "descriptor": {"id": "input-error"}}
        location = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}
        if error.line:
            location["physicalLocation"]["region"] = {"startLine": error.line}
        notification["locations"] = [location]
        self._notifications.append(notification)

    def end(self, summary) -> None:
        rules, listed = [], set()
        for rule in self.options.rules:
            rules.append(rule_descriptor(rule.code, rule.slug, getattr(rule, "title", None),
                                         getattr(rule, "why", None), getattr(rule, "url", None),
                                         getattr(rule, "severity", None),
                                         getattr(rule, "confidence", None)))
            listed.add(rule.code)
        for code, finding in sorted(self._seen.items()):
            if code not in listed:
                rules.append(rule_descriptor(code, finding["slug"], None, finding.get("why"),
                                             finding.get("url"), None, finding.get("confidence")))
        tool = {"driver": {"name": "replylint", "version": self.options.tool_version or "0",
                           "informationUri": "https://replylint.dev", "rules": rules}}
        invocation = {"executionSuccessful": True,
                      "toolExecutionNotifications": self._notifications}
        self.out.write("\n  ],\n  \"tool\": %s,\n  \"invocations\": [%s],\n"
                       "  \"columnKind\": \"unicodeCodePoints\"\n }]\n}\n" % (
                           json.dumps(tool, ensure_ascii=False),
                           json.dumps(invocation, ensure_ascii=False)))
