"""Personal-data recognisers for replylint (RL801-RL803), pure Python on ``regex`` and
``phonenumbers``: no spaCy, so importing this package is cheap.

``find_personal_data`` finds validated customer data and how to mask it;
``find_data_requests`` finds sentences that ask the customer for it.
"""
from replylint.privacy.detect import find_personal_data, resolve_overlaps
from replylint.privacy.matches import KIND_LABELS, KINDS, PiiMatch, RequestMatch
from replylint.privacy.requests import find_data_requests, split_sentences

__all__ = [
    "KINDS", "KIND_LABELS", "PiiMatch", "RequestMatch",
    "find_data_requests", "find_personal_data", "resolve_overlaps", "split_sentences",
]
