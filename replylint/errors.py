"""Errors replylint raises for bad rules, bad config and bad input.

Every error that comes from a file says which file and, where it can, which line,
so the CLI can print one clear line instead of a traceback.
"""
from __future__ import annotations


class ReplylintError(Exception):
    """Base class for every error replylint raises on purpose."""


class LocatedError(ReplylintError):
    """An error in a file, at a line when known (1-based)."""

    def __init__(self, message: str, path: "str | None" = None, line: "int | None" = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "")
            return f"{where}: {self.message}"
        return self.message


class ConfigError(LocatedError):
    """The configuration (replylint.toml, [tool.replylint], Config(...)) is invalid."""


class RuleFileError(LocatedError):
    """A rule file or rule pack is invalid."""


class InputError(LocatedError):
    """A record of an input file could not be read (used by the CLI readers)."""
