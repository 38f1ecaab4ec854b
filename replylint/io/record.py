"""The unit every reader yields: one reply with what is known around it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from replylint.errors import InputError
from replylint.model import Context


@dataclass(frozen=True)
class Record:
    """One reply to lint, its Context, and the metadata an audit groups and reports by.

    ``source`` and ``line`` say where the reply starts in its input (line is 1-based,
    None when the format has no lines). ``literal_lines`` is True when the reply's own
    line breaks are line breaks of the file too (plain text, CSV, one-reply files), so
    a finding's file line is ``line`` plus the reply line it sits on.
    """

    id: str
    text: str
    context: Context = field(default_factory=Context)
    agent: Optional[str] = None
    team: Optional[str] = None
    company: Optional[str] = None
    channel: Optional[str] = None
    conversation: Optional[str] = None
    timestamp: Optional[str] = None
    source: Optional[str] = None
    line: Optional[int] = None
    literal_lines: bool = False

    def meta(self) -> dict:
        """The JSON-able metadata every output format carries for this record."""
        return {
            "id": self.id,
            "source": self.source,
            "line": self.line,
            "conversation": self.conversation,
            "agent": self.agent,
            "team": self.team,
            "company": self.company,
            "channel": self.channel,
            "timestamp": self.timestamp,
        }


# What every reader yields: a record to lint, or the reason one could not be read.
Item = Union[Record, InputError]
