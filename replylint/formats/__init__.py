"""Output formats: one small module per format, all behind ``formats.base.Renderer``.

Modules are imported only when their format is asked for.
"""
from __future__ import annotations

import importlib

from replylint.formats.base import Renderer, RenderOptions

_RENDERERS = {
    "text": ("replylint.formats.text", "TextRenderer"),
    "json": ("replylint.formats.json_document", "JsonRenderer"),
    "jsonl": ("replylint.formats.json_lines", "JsonLinesRenderer"),
    "csv": ("replylint.formats.csv_rows", "CsvRenderer"),
    "sarif": ("replylint.formats.sarif", "SarifRenderer"),
    "github": ("replylint.formats.github", "GithubRenderer"),
    "html": ("replylint.formats.html", "HtmlRenderer"),
}
FORMATS = tuple(_RENDERERS)


def get_renderer(name: str) -> type:
    """The Renderer class for ``name``; ValueError naming the choices otherwise."""
    try:
        module, cls = _RENDERERS[name]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}; expected one of: "
                         f"{', '.join(FORMATS)}") from None
    return getattr(importlib.import_module(module), cls)


__all__ = ["FORMATS", "RenderOptions", "Renderer", "get_renderer"]
