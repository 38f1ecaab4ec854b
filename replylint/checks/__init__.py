"""The registry of check functions, for rules whose logic cannot be data.

A rule file names a function with ``match: {check: names.missing_customer_name}``.
Every module in this package is imported when the first Linter is built, so adding
a check means adding a module with ``@register_check`` functions: no other wiring.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable, Optional

from replylint.severity import Severity

_REGISTRY: dict = {}
_LOADED = False


@dataclass(frozen=True)
class Hit:
    """A span a check function found. See docs/engine.md for each field."""

    start: int
    end: int
    values: Optional[dict] = None
    replacement: Optional[str] = None
    suggestion: Optional[str] = None
    sensitive: bool = False
    severity: Optional[Severity] = None


def register_check(name: str) -> Callable:
    """Register ``fn(analysis, rule) -> Iterable[Hit]`` under ``name``."""

    def decorate(fn):
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"check {name!r} is registered twice")
        _REGISTRY[name] = fn
        return fn

    return decorate


def load_builtin_checks() -> None:
    global _LOADED
    if _LOADED:
        return
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _LOADED = True


def get_check(name: str) -> Optional[Callable]:
    load_builtin_checks()
    return _REGISTRY.get(name)


def registered_checks() -> list:
    load_builtin_checks()
    return sorted(_REGISTRY)
