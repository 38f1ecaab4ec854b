"""Text that may appear in the report: personal data masked, whatever rules ran.

A finding flagged ``sensitive`` already carries its masked text; but the report also
shows whole replies, offending phrases, template examples and input-error messages.
If RL801 was not selected (``--select RL1``) or another rule's span (a whole
sentence for RL104) holds a card number, nothing upstream masked it. So every text
the report embeds goes through the privacy recognisers here as well: it costs a
fraction of a millisecond per text and the report embeds only a few hundred.
"""
from __future__ import annotations

from replylint.formats.excerpt import MaskedReply
from replylint.privacy import find_personal_data


def _pii_spans(text: str) -> list:
    """Recognised personal data as the span dicts ``MaskedReply`` reads."""
    return [{"start": m.start, "end": m.end, "text": m.replacement, "sensitive": True}
            for m in find_personal_data(text)]


def masked_reply(text: str, findings) -> MaskedReply:
    """``text`` with every sensitive finding and every recognised piece of personal
    data replaced by its mask; ``position()`` maps original offsets into it.

    Sensitive findings come first so that their own mask (the one the rule chose)
    wins where the recogniser sees the same span.
    """
    sensitive = [f for f in findings if f.get("sensitive")]
    covered = [(f["start"], f["end"]) for f in sensitive]
    extra = [s for s in _pii_spans(text)
             if all(s["end"] <= start or s["start"] >= end for start, end in covered)]
    return MaskedReply(text, sensitive + extra)


def mask_text(text: str) -> str:
    """A short text (phrase, message, example) with recognised personal data masked."""
    if not text:
        return text
    return MaskedReply(text, _pii_spans(text)).text
