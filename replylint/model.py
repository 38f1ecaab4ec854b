"""The values replylint hands back: Context in, Finding and Report out.

These are plain dataclasses with no dependency on spaCy, so they import fast and
pickle cheaply between worker processes.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, fields, replace
from typing import Any, Optional

from replylint.severity import Applicability, Confidence, Severity

CHANNELS = (
    "email", "chat", "sms", "twitter", "facebook", "instagram",
    "forum", "review", "voice-transcript", "other",
)
PUBLIC_CHANNELS = frozenset({"twitter", "facebook", "instagram", "forum", "review"})


@dataclass(frozen=True)
class Context:
    """What the caller knows beside the reply. Every field is optional.

    ``public`` None means: derive it from the channel (twitter, facebook, instagram,
    forum and review are public).
    """

    channel: Optional[str] = None
    public: Optional[bool] = None
    customer_name: Optional[str] = None
    customer_handle: Optional[str] = None
    agent_name: Optional[str] = None
    inbound: Optional[str] = None
    history: tuple = ()
    locale: Optional[str] = None

    def __post_init__(self):
        if self.channel is not None:
            channel = str(self.channel).strip().lower()
            if channel not in CHANNELS:
                raise ValueError(
                    f"unknown channel {self.channel!r}; expected one of: {', '.join(CHANNELS)}"
                )
            object.__setattr__(self, "channel", channel)
        if self.public is not None and not isinstance(self.public, bool):
            raise ValueError(f"public must be True, False or None, not {self.public!r}")
        for name in ("customer_name", "customer_handle", "agent_name", "inbound", "locale"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string or None, not {type(value).__name__}")
            if isinstance(value, str) and not value.strip():
                object.__setattr__(self, name, None)  # "" means unknown
        if self.history is None:
            object.__setattr__(self, "history", ())
        elif not isinstance(self.history, tuple):
            object.__setattr__(self, "history", tuple(self.history))

    @property
    def is_public(self) -> bool:
        if self.public is not None:
            return self.public
        return self.channel in PUBLIC_CHANNELS

    @classmethod
    def field_names(cls) -> tuple:
        return _CONTEXT_FIELDS

    def to_dict(self) -> dict:
        return {f.name: (list(getattr(self, f.name)) if f.name == "history" else getattr(self, f.name))
                for f in fields(self)}


# Asked on every context a request sends; dataclasses.fields() rebuilds it each call.
_CONTEXT_FIELDS = tuple(f.name for f in fields(Context))


@dataclass(frozen=True)
class Finding:
    """One rule firing on one span of one reply."""

    code: str
    slug: str
    severity: Severity
    confidence: Confidence
    message: str
    why: str
    start: int
    end: int
    text: str
    suggestion: Optional[str] = None
    replacement: Optional[str] = None
    applicability: Applicability = Applicability.DISPLAY
    url: Optional[str] = None
    # Personal data: ``text`` is the raw slice (so offsets can be checked), but every
    # output shows ``display_text`` instead.
    sensitive: bool = False
    masked: Optional[str] = None

    @property
    def display_text(self) -> str:
        """The matched words as they may be shown: masked when they are or hold personal data."""
        if self.masked is not None:
            return self.masked
        if self.sensitive:
            return "[redacted]"
        return self.text

    @property
    def rule_url(self) -> Optional[str]:
        return self.url

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity.value,
            "confidence": self.confidence.value,
            "message": self.message,
            "why": self.why,
            "start": self.start,
            "end": self.end,
            "text": self.display_text,
            "sensitive": self.sensitive,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
            "applicability": self.applicability.value,
            "url": self.url,
        }


@dataclass(frozen=True)
class Report:
    """The findings for one reply, ordered by start offset (then code)."""

    findings: tuple = ()
    fail_on: Optional[Severity] = Severity.ERROR
    # Rules that could not run on this reply (e.g. a user regex that timed out).
    # Kept separate from findings so nothing fails silently.
    errors: tuple = ()
    length: int = 0

    def __post_init__(self):
        if any(f.sensitive for f in self.findings):
            object.__setattr__(self, "findings", _mask_overlaps(self.findings))

    @property
    def ok(self) -> bool:
        """False when any finding is at or above the blocking severity (``fail-on``)."""
        if self.fail_on is None:
            return True
        return not any(f.severity >= self.fail_on for f in self.findings)

    @property
    def max_severity(self) -> Optional[Severity]:
        return max((f.severity for f in self.findings), default=None)

    def __iter__(self):
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
            "errors": list(self.errors),
        }


def _mask_overlaps(findings: tuple) -> tuple:
    """Mask personal data inside the words of *other* findings too.

    A finding on a whole sentence (say, a missing sign-off) may hold a card number
    another finding flagged; its ``display_text`` and message must not show it.
    Secrets are found by bisecting their sorted starts, so a reply with thousands of
    findings stays n log n.
    """
    secrets = sorted((f for f in findings if f.sensitive), key=lambda f: f.start)
    starts = [s.start for s in secrets]
    longest = max(s.end - s.start for s in secrets)
    out = []
    for f in findings:
        if f.sensitive:
            out.append(f)
            continue
        # Only secrets starting in [f.start - longest, f.end) can overlap f.
        lo = bisect_left(starts, f.start - longest)
        hi = bisect_left(starts, f.end)
        inside = [s for s in secrets[lo:hi] if s.end > f.start]
        if not inside:
            out.append(f)
            continue
        shown, message = f.text, f.message
        for s in reversed(inside):
            lo_, hi_ = max(s.start, f.start) - f.start, min(s.end, f.end) - f.start
            raw = f.text[lo_:hi_]
            mask = s.masked or "[redacted]"
            shown = shown[:lo_] + mask + shown[hi_:]
            for form in {raw, " ".join(raw.split())}:
                if form.strip():
                    message = message.replace(form, mask)
        out.append(replace(f, masked=shown, message=message))
    return tuple(out)


@dataclass(frozen=True)
class Edit:
    """One applied fix: ``text[start:end]`` (in the original) became ``replacement``."""

    code: str
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict:
        return {"code": self.code, "start": self.start, "end": self.end,
                "replacement": self.replacement}


@dataclass(frozen=True)
class FixResult:
    """The reply after safe fixes, and the edits that made it."""

    text: str
    edits: tuple = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"text": self.text, "edits": [e.to_dict() for e in self.edits]}


def context_from_mapping(data: "dict[str, Any] | None") -> Context:
    """Build a Context from a plain dict (JSON, CLI), rejecting unknown keys."""
    if not data:
        return Context()
    unknown = sorted(set(data) - set(Context.field_names()))
    if unknown:
        raise ValueError(
            f"unknown context field(s): {', '.join(unknown)}; expected: {', '.join(Context.field_names())}"
        )
    return Context(**data)
