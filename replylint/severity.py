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
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}; expected one of: info, warning, error"
            ) from None


class Confidence(str, Enum):
    """How sure a rule is when it fires; the pre-send profile keeps only HIGH."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "str | Confidence") -> "Confidence":
        if isinstance(value, Confidence):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown confidence {value!r}; expected one of: low, medium, high"
            ) from None


class Applicability(str, Enum):
    """Whether a fix may be applied without a human (Ruff's model)."""

    SAFE = "safe"          # may be applied automatically (mask a card number)
    UNSAFE = "unsafe"      # a replacement exists but a human should confirm it
    DISPLAY = "display"    # advice only; never applied

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: "str | Applicability") -> "Applicability":
        if isinstance(value, Applicability):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown applicability {value!r}; expected one of: safe, unsafe, display"
            ) from None
