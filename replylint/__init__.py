"""replylint: a linter for customer-service replies.

    >>> import replylint
    >>> report = replylint.check("I'm sorry you feel that way.")
    >>> [f.code for f in report.findings]
    ['RL101']

The public names are imported lazily, so ``import replylint`` (and
``replylint --version``) does not import spaCy or TextBlob; they load when the
first Linter is built.
"""
from __future__ import annotations

import threading

from replylint._version import __version__

__all__ = [
    "__version__", "check", "Linter", "Config", "Context", "Finding", "Report", "Severity",
    "Confidence", "Applicability", "FixResult", "Edit", "ReplylintError", "ConfigError",
    "RuleFileError",
]

_LAZY = {
    "Linter": "replylint.linter",
    "Config": "replylint.config",
    "Context": "replylint.model",
    "Finding": "replylint.model",
    "Report": "replylint.model",
    "FixResult": "replylint.model",
    "Edit": "replylint.model",
    "Severity": "replylint.severity",
    "Confidence": "replylint.severity",
    "Applicability": "replylint.severity",
    "ReplylintError": "replylint.errors",
    "ConfigError": "replylint.errors",
    "RuleFileError": "replylint.errors",
}

_default_linter = None
_default_lock = threading.Lock()


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'replylint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def default_linter():
    """The Linter for the nearest config, built once per process."""
    global _default_linter
    if _default_linter is None:
        with _default_lock:
            if _default_linter is None:
                from replylint.linter import Linter

                _default_linter = Linter()
    return _default_linter


def check(text: str, **context):
    """Lint one reply with the default Linter. Keyword arguments are Context fields.

    >>> replylint.check("Hi there!", channel="email", customer_name="Diane")
    """
    return default_linter().check(text, **context)


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
