"""Severity and confidence levels.

Severities are ordered (INFO < WARNING < ERROR) so a threshold such as
``fail-on = "warning"`` is a plain comparison; their values are the strings users
write in config and see in JSON.
"""
from __future__ import annotations

from enum import Enum

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]

    def __lt__(self, other):
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other):
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other):
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other):
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        """Accept a Severity or its name in any case; raise ValueError naming the choices."""
        return _parse(cls, value, "severity")


class Confidence(str, Enum):
    """How sure a rule is when it fires; the pre-send profile keeps only HIGH."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "str | Confidence") -> "Confidence":
        return _parse(cls, value, "confidence")


class Applicability(str, Enum):
    """Whether a fix may be applied without a human (Ruff's model)."""

    SAFE = "safe"          # may be applied automatically (mask a card number)
    UNSAFE = "unsafe"      # a replacement exists but a human should confirm it
    DISPLAY = "display"    # advice only; never applied

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "str | Applicability") -> "Applicability":
        return _parse(cls, value, "applicability")


def _parse(cls, value, kind: str):
    """``value`` as a member of ``cls`` (any case), or a ValueError naming the choices."""
    if isinstance(value, cls):
        return value
    try:
        return cls(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in cls)
        raise ValueError(f"unknown {kind} {value!r}; expected one of: {choices}") from None
