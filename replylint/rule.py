"""A rule as the engine sees it, after its YAML file has been read and checked."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from replylint.model import Context
from replylint.severity import Applicability, Confidence, Severity


@dataclass(frozen=True)
class Example:
    """A rule example: ``text`` with the marked spans that must fire (none for passing ones)."""

    text: str
    spans: tuple                      # ((start, end), ...) expected to fire; () for passing
    context: Context
    line: Optional[int] = None


@dataclass(frozen=True)
class Conditions:
    """When a rule (or a severity change) applies. Empty means always."""

    channels: frozenset = frozenset()        # only on these channels
    not_channels: frozenset = frozenset()    # never on these channels
    public: Optional[bool] = None            # only on public (True) / private (False) replies
    needs: tuple = ()                        # context fields that must be known
    inbound_complaint: Optional[bool] = None  # only when the inbound is (not) a complaint

    @property
    def empty(self) -> bool:
        return not (self.channels or self.not_channels or self.public is not None
                    or self.needs or self.inbound_complaint is not None)


@dataclass(frozen=True)
class Antipattern:
    """Words that cancel a match when found within ``window`` of it.

    ``window`` is a number of tokens either side, ``"sentence"`` or ``"reply"``.
    """

    phrases: tuple = ()
    regexes: tuple = ()
    window: object = 0


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    title: str
    pack: str
    severity: Severity
    confidence: Confidence
    message: str
    why: str
    url: str
    suggestion: Optional[str] = None
    applicability: Applicability = Applicability.DISPLAY
    scope: frozenset = frozenset({"greeting", "body", "signoff"})
    when: Conditions = Conditions()
    severity_when: tuple = ()            # ((Conditions, Severity), ...): first that holds wins
    phrases: tuple = ()                  # lower-case phrases, alternatives already expanded
    phrase_sources: tuple = ()           # the phrases as written, "{a|b}" and all (for docs)
    patterns: tuple = ()                 # spaCy Matcher token patterns
    regexes: tuple = ()                  # compiled `regex` patterns
    check: Optional[str] = None          # name of a registered check function
    unless: tuple = ()                   # Antipatterns
    options: dict = field(default_factory=dict)
    examples_fail: tuple = ()
    examples_pass: tuple = ()
    status: str = "stable"
    builtin: bool = True                 # user packs' regexes run with a timeout
    path: Optional[str] = None
    line: Optional[int] = None
    notes: str = ""                      # "Exceptions" prose for the docs page
    supersedes: tuple = ()               # codes whose findings on the same words this one replaces
    quality: dict = field(default_factory=dict)   # measured on real replies, for docs/quality.md

    @property
    def identifiers(self) -> tuple:
        return (self.code, self.slug)

    def with_changes(self, **changes) -> "Rule":
        from dataclasses import replace
        return replace(self, **changes)
