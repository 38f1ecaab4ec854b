"""Checks for personal data (RL8xx): exposed data, public requests, secret requests.

The recognisers live in ``replylint.privacy``; this module only reads the config and
the channel and turns their matches into hits. Values are always sensitive: the
finding shows the masked form, never the digits.
"""
from __future__ import annotations

from replylint.checks import Hit, register_check
from replylint.privacy import find_data_requests, find_personal_data
from replylint.privacy.gates import Prefilter
from replylint.severity import Severity

# RL801-RL803 check one reply in a row: the gates' views of it (gates.Prefilter) and
# the requests RL802 and RL803 both read are kept for the last reply (keyed by the
# normalised text object itself, which is held here so its identity is not reused).
_last_prefilter: tuple = (None, None)
_last_requests: tuple = (None, ())


def _prefilter(analysis) -> Prefilter:
    global _last_prefilter
    norm, pf = _last_prefilter
    if norm is not analysis.norm:
        pf = Prefilter(analysis.norm, analysis.folded)
        _last_prefilter = (analysis.norm, pf)
    return pf


def _requests(analysis) -> tuple:
    global _last_requests
    norm, found = _last_requests
    if norm is not analysis.norm:
        found = tuple(find_data_requests(analysis.norm, analysis.sentences, prefilter=_prefilter(analysis),
                                         reported_only=True))
        _last_requests = (analysis.norm, found)
    return found


@register_check("privacy.exposed_personal_data")
def exposed_personal_data(analysis, rule):
    """Customer personal data written into the reply: error in public, warning elsewhere."""
    config = analysis.config
    matches = find_personal_data(
        analysis.norm,
        allow_phones=config.allow_phones, allow_emails=config.allow_emails,
        allow_domains=config.allow_domains, regions=config.phone_regions or ("US", "GB"),
        prefilter=_prefilter(analysis),
    )
    if not matches:
        return
    severity = Severity.ERROR if analysis.is_public else Severity.WARNING
    for m in matches:
        yield Hit(m.start, m.end, values={
            "kind": m.kind, "kind_label": m.label, "masked": m.masked,
            "validation": m.validation, "replacement": m.replacement,
        }, replacement=m.replacement, sensitive=True, severity=severity)


@register_check("privacy.public_data_request")
def public_data_request(analysis, rule):
    """Asking for personal data in the open, with no move to a private channel."""
    for r in _requests(analysis):
        if r.kind == "public" and not r.private_cue:
            yield Hit(r.start, r.end, values={"noun": r.noun})


@register_check("privacy.secret_request")
def secret_request(analysis, rule):
    """Asking for a password, PIN, CVV or one-time code, on any channel."""
    for r in _requests(analysis):
        if r.kind == "secret":
            yield Hit(r.start, r.end, values={"noun": r.noun})
