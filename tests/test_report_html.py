"""The HTML report as a file: self-contained, masked, escaped, small; and from the CLI."""
import base64
import sys
import hashlib
import io
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.audit import AuditResult, Summary
from replylint.cli import main
from replylint.errors import InputError
from replylint.formats import RenderOptions, get_renderer
from replylint.io import Record
from replylint.report import HtmlRenderer
from replylint.report.render import CHART_JS, CHART_JS_VERSION

CARD = "4111 1111 1111 1111"
EMAIL = "jane.doe@example.com"
HOSTILE = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)>'
VENDOR = Path(CHART_JS).parent


def finding(code, start, end, text, severity="warning", sensitive=False):
    return {"code": code, "slug": f"slug-{code.lower()}", "severity": severity, "confidence": "high",
            "message": f"{code} fired on “{text}”.", "why": "", "start": start, "end": end,
            "text": text, "sensitive": sensitive, "suggestion": "Say it better.",
            "replacement": None, "applicability": "display",
            "url": f"https://replylint.dev/rules/{code}"}


def sample_results():
    text = f"I'm sorry you feel that way. Card {CARD} and {EMAIL} are on file."
    start, card = text.index("sorry you feel"), text.index(CARD)
    yield AuditResult(Record(id="t-1", text=text, agent=HOSTILE, team="billing", channel="email",
                             source="in.jsonl", line=1, timestamp="2026-03-02T10:15:00Z"),
                      [finding("RL101", start, start + 14, "sorry you feel", "error"),
                       finding("RL801", card, card + len(CARD), "card ending 1111", "error", True)])
    # Personal data in a reply whose only finding is not about it (RL801 not selected).
    other = f"Sorry if that failed. Call me back on the card {CARD}, {EMAIL}."
    yield AuditResult(Record(id="t-2", text=other, agent="sam", team="billing", channel="chat",
                             source="in.jsonl", line=2, timestamp="2026-03-04T08:00:00Z"),
                      [finding("RL102", 0, 8, "Sorry if")])
    yield AuditResult(Record(id="t-3", text="Thanks, Omar!", agent="sam", source="in.jsonl", line=3), [])


def render(results=None, errors=(), rules=()):
    out = io.StringIO()
    renderer = get_renderer("html")(out, RenderOptions(rules=rules, tool_version="9.9"))
    summary = Summary()
    renderer.begin()
    for result in sample_results() if results is None else results:
        summary.add_result(result)
        renderer.result(result)
    for error in errors:
        summary.add_error(error)
        renderer.error(error)
    renderer.end(summary)
    return out.getvalue()


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each script and style."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.blocks, self._open = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = [tag, dict(attrs), ""]

    def handle_data(self, data):
        if self._open:
            self._open[2] += data

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.blocks.append(tuple(self._open))
            self._open = None


@pytest.fixture(scope="module")
def page():
    return render()


def test_the_html_format_is_the_report_renderer():
    assert get_renderer("html") is HtmlRenderer


def test_nothing_is_loaded_from_anywhere_else(page):
    elements = Elements(page)
    for tag, attrs in elements.tags:
        assert "src" not in attrs, tag
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        if "href" in attrs:
            assert tag == "a", tag
    scripts = [b for b in elements.blocks if b[0] == "script"]
    assert len(scripts) == 3 and scripts[0][1] == {"type": "application/json", "id": "report-data"}
    css = next(b[2] for b in elements.blocks if b[0] == "style")
    assert "url(" not in css and "@import" not in css
    assert "sourceMappingURL" not in page


def test_the_content_security_policy_allows_exactly_the_inline_blocks(page):
    elements = Elements(page)
    csp = next(attrs["content"] for tag, attrs in elements.tags
               if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none';")

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    executable = [b[2] for b in elements.blocks if b[0] == "script" and "type" not in b[1]]
    style = [b[2] for b in elements.blocks if b[0] == "style"]
    assert re.search(r"script-src ([^;]*);", csp).group(1).split() == [digest(t) for t in executable]
    assert re.search(r"style-src ([^;]*);", csp).group(1).split() == [digest(t) for t in style]


def test_personal_data_never_reaches_the_file(page):
    assert CARD not in page and "1111 1111" not in page
    assert EMAIL not in page
    assert "card ending 1111" in page   # the sensitive finding is shown by its mask


def test_input_values_cannot_break_out_of_the_markup(page):
    elements = Elements(page)
    assert not any(tag == "img" for tag, _ in elements.tags)
    assert [b[1] for b in elements.blocks if b[0] == "script"][1:] == [{}, {}]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page


def test_chart_data_is_valid_json_matching_the_tables(page):
    block = next(b[2] for b in Elements(page).blocks if b[1].get("id") == "report-data")
    data = json.loads(block)
    assert data["rules"] == {"labels": ["RL101 slug-rl101", "RL102 slug-rl102", "RL801 slug-rl801"],
                             "findings": [1, 1, 1], "severities": ["error", "warning", "error"]}
    assert data["timeline"]["labels"] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert data["timeline"]["undated"] == 1


def test_headline_rules_and_groups_are_in_the_page(page):
    assert re.search(r'data-metric="replies">3<', page)
    assert re.search(r'data-metric="clean-pct">33.3%<', page)
    assert re.search(r'data-metric="per-100">100.0<', page)
    assert '<a class="rule" href="https://replylint.dev/rules/RL101"><code>RL101</code> slug-rl101</a>' in page
    assert 'id="table-agent"' in page and 'id="table-team"' in page and 'id="table-channel"' in page
    assert 'id="table-company"' not in page          # no company in the input
    assert "The input names no company" in page


def test_input_errors_are_listed(page):
    html = render(errors=[InputError("invalid JSON (Expecting value, column 1)", "in.jsonl", 9)])
    assert "<code>in.jsonl:9</code></th><td>invalid JSON (Expecting value, column 1)</td>" in html
    assert re.search(r'data-metric="input-errors">1<', html)


def test_the_vendored_chart_library_is_the_one_documented():
    readme = (VENDOR / "README.md").read_text()
    digest = hashlib.sha256(CHART_JS.read_bytes()).hexdigest()
    assert f"`{digest}`" in readme
    assert f"chart.js@{CHART_JS_VERSION}" in readme
    assert CHART_JS.read_text().startswith(f"/*!\n * Chart.js v{CHART_JS_VERSION}")
    assert "MIT License" in (VENDOR / "chart.js.LICENSE.md").read_text()


def many_results(n):
    """``n`` replies from 5,000 agents over 300 days; one in ten has findings."""
    text = "Hi, we apologize for any inconvenience. I'm sorry you feel that way, please DM us."
    start = text.index("apologize")
    for i in range(n):
        findings = []
        if i % 10 == 0:
            findings = [finding("RL201", start, start + 30, text[start:start + 30]),
                        finding("RL101", 44, 58, text[44:58], "error")]
        words = "".join(chr(97 + int(digit)) for digit in str(i))   # 12 -> "bc": not a copy
        yield AuditResult(Record(id=f"r{i}", text=f"{text} {words}", agent=f"agent-{i % 5000}",
                                 team=f"team-{i % 40}", company="Northwind", channel="chat",
                                 timestamp=f"2026-{1 + (i % 300) // 28:02d}-{1 + (i % 28):02d}"
                                           f"T10:00:00Z", source="big.jsonl", line=i + 1), findings)


def test_fifty_thousand_replies_make_a_report_under_five_megabytes():
    started = time.perf_counter()
    html = render(many_results(50_000))
    elapsed = time.perf_counter() - started
    size = len(html.encode("utf-8"))
    assert size < 5_000_000, size
    assert re.search(r'data-metric="replies">50,000<', html)
    assert html.count('<li class="reply"') == 25
    # Not a benchmark (see benchmarks/report_speed.py): a guard against a quadratic step.
    assert elapsed < 60, elapsed


# ------------------------------------------------------------------ from the command line
def test_cli_writes_the_report_with_format_html(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = [
        {"id": "a1", "reply": "I'm sorry you feel that way.", "agent": "sam", "team": "billing",
         "created_at": "2026-02-09T10:00:00Z"},
        {"id": "a2", "reply": f"Please confirm your card {CARD} here.", "agent": "kim",
         "team": "social", "channel": "twitter", "created_at": "2026-02-10T10:00:00Z"},
        {"id": "a3", "reply": "Thanks Omar, the refund is on its way.", "agent": "sam",
         "team": "billing", "created_at": "2026-02-10T11:00:00Z"},
    ]
    source = tmp_path / "replies.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(source), "--workers", "1", "--format", "html",
                                       "-o", "report.html", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert re.search(r'data-metric="replies">3<', html)
    assert re.search(r'data-metric="input-errors">1<', html)
    assert "<code>RL101</code> non-apology</a>" in html
    assert CARD not in html
    assert f"{source}:4" in html    # the broken line is listed


def test_cli_report_is_the_same_for_one_and_two_workers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    source = tmp_path / "replies.txt"
    source.write_text("\n\n".join(["I'm sorry you feel that way.", "Please be advised it is late.",
                                   "Dear customer, sorry if it broke.", "Thanks!"] * 5), encoding="utf-8")
    pages = []
    for workers in ("1", "2"):
        result = CliRunner().invoke(main, ["audit", str(source), "--workers", workers,
                                           "--format", "html", "--fail-on", "never"])
        assert result.exit_code == 0, result.output
        pages.append(result.stdout)
    assert pages[0] == pages[1]
    assert "Generated 2026-01-01 00:00 UTC" in pages[0]


def test_without_jinja2_the_cli_says_html_is_not_available(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("jinja2", "replylint.report.render", "replylint.formats.html"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "jinja2", None)   # import jinja2 fails
    (tmp_path / "r.txt").write_text("I'm sorry you feel that way.", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "r.txt", "--workers", "1", "--format", "html"])
    assert result.exit_code == 2
    assert "--format html is not available in this installation" in result.stderr
