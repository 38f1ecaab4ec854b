"""The report model to one self-contained HTML file (Jinja2 templates, assets inline).

Everything the page needs is in the file: the stylesheet, Chart.js, the page's own
script and the chart data. A Content-Security-Policy in the page allows exactly
those inline blocks (by hash) and nothing from anywhere else, so even a bug that
tried to load a font or an image could not reach the network; the browser would
refuse it and say so in the console (which the browser test watches).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import jinja2

HERE = Path(__file__).parent
CHART_JS = HERE / "vendor" / "chart.umd.min.js"
CHART_JS_VERSION = "4.6.1"
SEVERITY_COLOURS = {        # Okabe-Ito: tell apart with any colour vision, and in grey
    "error": "#b8321a",
    "warning": "#d98c00",
    "info": "#0b6aa8",
}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    if name == "chart.js":
        text = CHART_JS.read_text(encoding="utf-8")
        # The source-map comment makes developer tools fetch chart.umd.min.js.map
        # from beside the report: a request the report must never make.
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith("//# sourceMappingURL="))
    else:
        text = (HERE / "static" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{name} cannot be inlined: it holds a closing tag")
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value) -> str:
    """JSON that is safe between ``<script>`` tags: no ``</script>``, no ``<!--``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}"


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    env.filters["num"] = _number
    return env


def generated_at() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set, so a report can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit()
              else datetime.now(timezone.utc))
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def chart_data(model: dict) -> dict:
    """What the charts draw that the page's tables do not already hold."""
    fired = [row for row in model["rules"] if row["findings"]]
    return {
        "colours": SEVERITY_COLOURS,
        "rules": {
            "labels": [f"{row['code']} {row['slug']}" for row in fired],
            "findings": [row["findings"] for row in fired],
            "severities": [row["severity"] for row in fired],
        },
        "timeline": model["timeline"],
    }


def render_html(model: dict, out, tool_version: str = "", generated: "str | None" = None) -> None:
    """Write the report for ``model`` (from ``ReportCollector.finish``) to ``out``."""
    css, chart_js, app_js = _asset("report.css"), _asset("chart.js"), _asset("report.js")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(chart_js)} {_csp_hash(app_js)}; "
           f"style-src {_csp_hash(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    template = _environment().get_template("report.html.j2")
    template.stream(
        m=model, csp=csp, css=css, chart_js=chart_js, app_js=app_js,
        data_json=script_json(chart_data(model)), colours=SEVERITY_COLOURS,
        tool_version=tool_version, generated=generated or generated_at(),
        chart_js_version=CHART_JS_VERSION,
    ).dump(out)
