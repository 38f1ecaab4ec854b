"""Which rules run: select / ignore / extend-select, profiles, and per-rule options.

Selectors are codes (``RL101``), code prefixes (``RL1``, ``RL80``) or slugs
(``non-apology``). As in Ruff, the most specific selector wins: ``ignore = ["RL1"]``
with ``extend-select = ["RL101"]`` keeps RL101. A selector that matches no rule is
a config error, so a typo never silently turns a rule off.
"""
from __future__ import annotations

import regex

from replylint.errors import ConfigError
from replylint.severity import Confidence

_PREFIX = regex.compile(r"^[A-Z]{2,8}[0-9]{0,4}$")
EXACT = 100  # specificity of a full code or a slug


def _specificity(selector: str, rule) -> int:
    """How specifically ``selector`` names ``rule`` (0: not at all)."""
    if selector in (rule.code, rule.slug):
        return EXACT
    if selector == "ALL":
        return 1
    if _PREFIX.match(selector) and rule.code.startswith(selector):
        return len(selector)
    return 0


def _check_known(selectors, rules, what, source):
    for selector in selectors:
        if not any(_specificity(selector, rule) for rule in rules):
            raise ConfigError(f"{what}: {selector!r} matches no rule (use a code such as RL101, "
                              "a prefix such as RL1, or a slug such as non-apology)", source)


def select_rules(rules, config) -> list:
    select = list(config.select) if config.select is not None else ["ALL"]
    extend = list(config.extend_select)
    ignore = list(config.ignore)
    _check_known(select, rules, "select", config.source)
    _check_known(extend, rules, "extend-select", config.source)
    _check_known(ignore, rules, "ignore", config.source)
    _check_known(config.severity, rules, "severity", config.source)
    _check_known(config.options, rules, "options", config.source)

    chosen = []
    for rule in rules:
        plus = max((_specificity(s, rule) for s in select + extend), default=0)
        minus = max((_specificity(s, rule) for s in ignore), default=0)
        if plus == 0 or minus >= plus:
            continue
        # Preview rules run only when named exactly.
        if rule.status == "preview" and plus < EXACT:
            continue
        if config.profile == "pre-send" and rule.confidence is not Confidence.HIGH:
            continue
        chosen.append(_with_options(rule, config))
    return chosen


def _with_options(rule, config):
    overrides = {}
    for key in (rule.code, rule.slug):
        overrides.update(config.options.get(key) or {})
    if not overrides:
        return rule
    unknown = sorted(set(overrides) - set(rule.options))
    if unknown:
        known = ", ".join(sorted(rule.options)) or "none"
        raise ConfigError(f"options.{rule.code}: unknown option(s) {', '.join(unknown)}; "
                          f"{rule.code} takes: {known}", config.source)
    merged = dict(rule.options)
    for key, value in overrides.items():
        default = rule.options[key]
        if default is not None and not isinstance(value, type(default)) \
                and not (isinstance(default, float) and isinstance(value, int)):
            raise ConfigError(f"options.{rule.code}.{key} must be {type(default).__name__}, "
                              f"not {value!r}", config.source)
        merged[key] = value
    return rule.with_changes(options=merged)
