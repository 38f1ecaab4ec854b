"""The one interface every output format implements.

The audit driver calls ``begin()``, then ``result()`` / ``error()`` for each input
item in order, then ``end(summary)``. Streaming formats write as they go; document
formats (json, sarif) still write results as they come and close the document in
``end``, so memory stays flat whatever the number of replies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Optional


@dataclass
class RenderOptions:
    color: bool = False            # ANSI colour (only when writing to a terminal)
    statistics: bool = False       # counts per rule instead of (text) or beside each finding
    group_by: Optional[str] = None
    rules: tuple = ()              # selected Rule objects, for formats that describe rules
    tool_version: str = ""
    command: str = "audit"
    extra: dict = field(default_factory=dict)


class Renderer:
    """Base class: a format writes to ``out`` (a text stream) and nothing else."""

    name = ""

    def __init__(self, out: IO[str], options: Optional[RenderOptions] = None):
        self.out = out
        self.options = options or RenderOptions()

    def begin(self) -> None:
        """Called once before the first item."""

    def result(self, result) -> None:
        """One linted record (an ``AuditResult``), with or without findings."""

    def error(self, error) -> None:
        """One input item that could not be read (an ``InputError``)."""

    def end(self, summary) -> None:
        """Called once after the last item with the audit's ``Summary``."""
