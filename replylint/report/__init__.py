"""The HTML audit report: ``replylint audit FILE --format html -o report.html``.

``collect`` turns streamed audit results into a compact model; ``render`` writes it
as one self-contained HTML file (Jinja2 templates in ``templates/``, stylesheet and
script in ``static/``, Chart.js in ``vendor/``). The ``--format html`` renderer that
plugs this into the CLI lives in ``replylint.formats.html``.

Jinja2 is imported only when a report is rendered, so ``HtmlRenderer`` is looked up
lazily: without Jinja2 installed, importing it raises ImportError, which the CLI
turns into "--format html is not available in this installation".
"""
from __future__ import annotations


def __getattr__(name: str):
    if name == "HtmlRenderer":
        from replylint.formats.html import HtmlRenderer

        return HtmlRenderer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["HtmlRenderer"]
