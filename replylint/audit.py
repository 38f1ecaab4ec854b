"""The audit driver: records in, results and a summary out, streaming and in order.

Readers yield Records and InputErrors; the Records go to ``Linter.check_many`` (which
keeps input order, with any number of worker processes); each Report comes back
paired with its Record as an ``AuditResult``, filtered through the baseline, handed
to the renderer, and counted in the ``Summary``. Every input item is either linted
or an error, so ``records == linted + errors`` always holds.
"""
from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator, Optional

from replylint.errors import InputError
from replylint.formats.excerpt import masked_finding
from replylint.io.readers import SourceError
from replylint.io.record import Item, Record
from replylint.severity import Severity

GROUP_BY = ("agent", "team", "company", "channel", "day")
SEVERITIES = ("error", "warning", "info")
_TIME_FORMATS = ("%a %b %d %H:%M:%S %z %Y",   # Twitter: Sat Nov 25 23:21:54 +0000 2017
                 "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M")


@dataclass
class AuditResult:
    """One linted record: its metadata, its (masked) finding dicts, and its text."""

    record: Record
    findings: list
    rule_errors: list = field(default_factory=list)
    suppressed: int = 0   # findings hidden by the baseline

    def to_dict(self) -> dict:
        data = self.record.meta()
        data["findings"] = self.findings
        if self.rule_errors:
            data["rule_errors"] = self.rule_errors
        return data


def error_dict(error: InputError) -> dict:
    return {"source": error.path, "line": error.line, "message": error.message}


def day_of(timestamp: Optional[str]) -> str:
    """``YYYY-MM-DD`` of a timestamp in ISO, Twitter or Unix-seconds form, else "unknown"."""
    if not timestamp:
        return "unknown"
    text = str(timestamp).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromtimestamp(float(text), timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return "unknown"


def group_key(record: Record, group_by: str) -> str:
    if group_by == "day":
        return day_of(record.timestamp)
    return getattr(record, group_by) or "unknown"


class Summary:
    """Counts over the whole audit, as the ``summary`` object of every format."""

    def __init__(self, group_by: Optional[str] = None, fail_on: str = "error"):
        self.group_by = group_by
        self.fail_on = fail_on
        self.records = self.linted = self.errors = self.findings = 0
        self.suppressed = self.rule_errors = 0
        self.unreadable_sources = 0   # whole inputs that could not be read (exit code 2)
        self.templates = None         # RL204 template groups, when the engine offers them
        self.by_rule = Counter()
        self.by_severity = Counter()
        self.slugs = {}
        self.groups = {}

    def add_result(self, result: AuditResult):
        self.records += 1
        self.linted += 1
        self.findings += len(result.findings)
        self.suppressed += result.suppressed
        self.rule_errors += len(result.rule_errors)
        for finding in result.findings:
            self.by_rule[finding["code"]] += 1
            self.by_severity[finding["severity"]] += 1
            self.slugs[finding["code"]] = finding["slug"]
        if self.group_by:
            group = self.groups.setdefault(group_key(result.record, self.group_by),
                                           {"records": 0, "findings": 0, "by_rule": Counter()})
            group["records"] += 1
            group["findings"] += len(result.findings)
            group["by_rule"].update(f["code"] for f in result.findings)

    def add_error(self, error: InputError):
        self.records += 1
        self.errors += 1
        if isinstance(error, SourceError):
            self.unreadable_sources += 1

    @property
    def max_severity(self) -> Optional[Severity]:
        present = [Severity(name) for name in SEVERITIES if self.by_severity[name]]
        return max(present, default=None)

    def failed(self) -> bool:
        """True when a finding is at or above ``fail_on`` (``never`` never fails)."""
        if self.fail_on == "never" or self.max_severity is None:
            return False
        return self.max_severity >= Severity.parse(self.fail_on)

    def rule_rows(self) -> list:
        """``(code, slug, count)`` by count, most frequent first, then by code."""
        return [(code, self.slugs[code], count)
                for code, count in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_dict(self) -> dict:
        data = {
            "records": self.records,
            "linted": self.linted,
            "errors": self.errors,
            "findings": self.findings,
            "by_rule": {code: count for code, _, count in self.rule_rows()},
            "by_severity": {name: self.by_severity[name] for name in SEVERITIES},
            "rule_errors": self.rule_errors,
            "baseline_suppressed": self.suppressed,
            "fail_on": self.fail_on,
            "failed": self.failed(),
        }
        if self.templates is not None:
            data["templates"] = self.templates
        if self.group_by:
            data["group_by"] = self.group_by
            data["groups"] = {
                name: {"records": g["records"], "findings": g["findings"],
                       "by_rule": dict(sorted(g["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])))}
                for name, g in sorted(self.groups.items())
            }
        return data


def audit(items: Iterable[Item], linter, workers: int = 1,
          baseline=None, baseline_writer=None,
          on_item: Optional[Callable] = None) -> Iterator["AuditResult | InputError"]:
    """Lint every Record of ``items`` and yield AuditResults and InputErrors in input order.

    ``baseline`` (a ``Baseline``) hides findings already accepted; ``baseline_writer``
    (a ``BaselineWriter``) records every finding before that filter, so a new baseline
    can be written while an old one is in force; ``on_item`` is called once per input
    item (a progress bar's tick).
    """
    # Records wait here, in order, until check_many hands back their Report; input
    # errors wait with them so the output keeps the input's order.
    waiting = deque()

    def texts():
        for item in items:
            if on_item:
                on_item()
            if isinstance(item, InputError):
                waiting.append(item)
                continue
            waiting.append(item)
            yield item.text, item.context

    def flush_errors():
        while waiting and isinstance(waiting[0], InputError):
            yield waiting.popleft()

    for report in linter.check_many(texts(), workers=workers):
        yield from flush_errors()
        record = waiting.popleft()
        findings = [masked_finding(f.to_dict()) for f in report.findings]
        result = AuditResult(record, findings, list(report.errors))
        if baseline_writer is not None:
            baseline_writer.add(result)
        if baseline is not None:
            baseline.filter(result)
        yield result
    yield from flush_errors()


def feed(results: Iterable, renderer, summary: Summary) -> None:
    """Hand each AuditResult or InputError to ``renderer`` and count it in ``summary``."""
    for item in results:
        if isinstance(item, InputError):
            summary.add_error(item)
            renderer.error(item)
        else:
            summary.add_result(item)
            renderer.result(item)


def run(items: Iterable[Item], linter, renderer, summary: Summary, workers: int = 1,
        baseline=None, baseline_writer=None, on_item: Optional[Callable] = None,
        before_end: Optional[Callable[[Summary], None]] = None) -> Summary:
    """Drive a whole audit into ``renderer`` and return the filled ``summary``.

    ``before_end(summary)`` runs after the last reply is linted and before the
    renderer closes its output: whole-audit passes (RL204 template grouping) go there,
    once the worker pool is gone, so the workers never inherit their memory.
    """
    renderer.begin()
    feed(audit(items, linter, workers, baseline, baseline_writer, on_item), renderer, summary)
    if before_end is not None:
        before_end(summary)
    renderer.end(summary)
    return summary


def template_grouping_enabled(linter) -> bool:
    """RL204 runs over a whole audit when the engine offers it and the rule is selected."""
    return (getattr(linter, "find_templates", None) is not None
            and any(rule.code == "RL204" for rule in linter.rules))


def template_groups(linter, items: Iterable[Item]) -> list:
    """The reused-template groups of every readable record, as plain dicts.

    Records (not bare texts) are passed, so groups can name record ids,
    conversations and agents.
    """
    records = (item for item in items if isinstance(item, Record))
    return [_plain(group) for group in linter.find_templates(records)]


class TemplateJob:
    """RL204 template grouping in a helper process, run alongside the lint pass.

    Grouping needs every reply of the audit at once (it holds each normalised text,
    its MinHash signature and the record ids it came from), so run after the lint
    pass in the audit's own process it added its whole working set to that
    process's peak, on one core, while the other cores sat idle. The helper is
    forked before the linter is built (so it inherits a small process, not spaCy
    and the rules), reads the inputs itself, and hands back only the groups (plain
    dicts, a few hundred at most). Where ``fork`` is not available, ``start``
    returns False and the caller groups in-process after the lint pass, as before.
    """

    def __init__(self, read_items: Callable[[], Iterable[Item]]):
        self._read_items = read_items
        self._process = None
        self._conn = None

    def start(self) -> bool:
        import multiprocessing
        import sys

        if "fork" not in multiprocessing.get_all_start_methods():
            return False
        ctx = multiprocessing.get_context("fork")
        receiver, sender = ctx.Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):   # nothing buffered is written twice
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        process = ctx.Process(target=_template_child, args=(sender, self._read_items),
                              name="replylint-templates", daemon=True)
        process.start()
        sender.close()
        self._process, self._conn = process, receiver
        return True

    @property
    def started(self) -> bool:
        return self._process is not None

    def result(self) -> Optional[list]:
        """The groups (waits for the helper); None when the helper died without any."""
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            status, value = "lost", None
        finally:
            self._close()
        if status == "error":
            raise RuntimeError(f"RL204 template grouping failed: {value}")
        return value if status == "ok" else None

    def cancel(self) -> None:
        """Stop the helper (RL204 not selected, or the audit ended early)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join()
            self._process = None


def _template_child(conn, read_items) -> None:
    import signal

    # Ctrl-C is the parent's to handle (it stops this process); no second traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from replylint.templates import find_templates   # what Linter.find_templates runs

        records = (item for item in read_items() if isinstance(item, Record))
        conn.send(("ok", [_plain(group) for group in find_templates(records)]))
    except BaseException as error:   # noqa: BLE001 - reported by the parent
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def _plain(value):
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
