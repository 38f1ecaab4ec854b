"""Configuration, Ruff-style.

Found by walking up from the working directory to the first ``replylint.toml`` or
``pyproject.toml`` with a ``[tool.replylint]`` table. Every key is checked: an
unknown key, an unknown rule code or a bad value is a ``ConfigError`` that names
the file and the line.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from replylint.errors import ConfigError
from replylint.severity import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

PROFILES = ("audit", "pre-send")
FAIL_ON = ("info", "warning", "error", "never")

# TOML key -> Config attribute. Kebab-case in files, snake_case in Python.
_TOP_KEYS = {
    "select": "select",
    "ignore": "ignore",
    "extend-select": "extend_select",
    "severity": "severity",
    "profile": "profile",
    "fail-on": "fail_on",
    "rule-packs": "rule_packs",
    "builtin-rules": "builtin_rules",
    "allow": None,            # table, below
    "phone-regions": "phone_regions",
    "nicknames": "nicknames",
    "options": "options",
    "docs-url": "docs_url",
}
_ALLOW_KEYS = {"phones": "allow_phones", "emails": "allow_emails",
               "domains": "allow_domains", "words": "allow_words"}


@dataclass(frozen=True)
class Config:
    """What to check and how. All fields have sensible defaults.

    ``select``/``ignore``/``extend_select`` take codes (``RL101``), code prefixes
    (``RL1``, ``RL80``) or slugs (``non-apology``). ``select`` None means every rule.
    """

    select: Optional[tuple] = None
    ignore: tuple = ()
    extend_select: tuple = ()
    severity: dict = field(default_factory=dict)       # code or slug -> "error" | ...
    profile: str = "audit"
    fail_on: str = "error"
    rule_packs: tuple = ()                              # extra folders of rule packs
    builtin_rules: bool = True
    allow_phones: tuple = ()
    allow_emails: tuple = ()
    allow_domains: tuple = ()
    allow_words: tuple = ()
    phone_regions: tuple = ("US", "GB")
    nicknames: dict = field(default_factory=dict)      # name -> [equal names]
    options: dict = field(default_factory=dict)        # code or slug -> {option: value}
    docs_url: str = "https://replylint.dev/rules/{code}-{slug}"
    source: Optional[str] = None                        # the file it came from, for messages

    def __post_init__(self):
        def as_tuple(name, value):
            if value is None:
                return None
            if isinstance(value, str):
                return (value,)
            try:
                items = tuple(value)
            except TypeError:
                raise ConfigError(f"{name} must be a list of strings, not {value!r}", self.source)
            for item in items:
                if not isinstance(item, str):
                    raise ConfigError(f"{name} must be a list of strings; got {item!r}", self.source)
            return items

        for name in ("select", "ignore", "extend_select", "rule_packs", "allow_phones",
                     "allow_emails", "allow_domains", "allow_words", "phone_regions"):
            value = getattr(self, name)
            if name != "select" and value is None:
                value = ()
            object.__setattr__(self, name, as_tuple(name.replace("_", "-"), value))
        if self.profile not in PROFILES:
            raise ConfigError(f"unknown profile {self.profile!r}; expected one of: {', '.join(PROFILES)}",
                              self.source)
        fail_on = str(self.fail_on).lower()
        if fail_on not in FAIL_ON:
            raise ConfigError(f"unknown fail-on {self.fail_on!r}; expected one of: {', '.join(FAIL_ON)}",
                              self.source)
        object.__setattr__(self, "fail_on", fail_on)
        for key, value in dict(self.severity or {}).items():
            try:
                Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(f"severity for {key}: {exc}", self.source) from None
        if not isinstance(self.nicknames, dict):
            raise ConfigError("nicknames must be a table of name = [names]", self.source)
        if not isinstance(self.options, dict):
            raise ConfigError("options must be a table of rule code = {option = value}", self.source)

    @property
    def fail_on_severity(self) -> Optional[Severity]:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def with_overrides(self, **changes) -> "Config":
        """A copy with some fields changed (CLI flags over file config)."""
        return replace(self, **changes)

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(cls, path: "str | os.PathLike") -> "Config":
        """Read a ``replylint.toml`` or the ``[tool.replylint]`` table of a ``pyproject.toml``."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read config: {exc.strerror}", path) from None
        try:
            text = raw.decode("utf-8")
            data = tomllib.loads(text)
        except UnicodeDecodeError as exc:
            raise ConfigError(f"config is not UTF-8 (byte {exc.start})", path) from None
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None) or _line_from_toml_error(str(exc), text)
            raise ConfigError(f"invalid TOML: {_toml_reason(str(exc))}", path, line) from None
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("replylint")
            if table is None:
                return cls(source=str(path))
            prefix = "tool.replylint."
        else:
            table = data
            prefix = ""
        return cls.from_mapping(table, source=str(path), text=text, prefix=prefix)

    @classmethod
    def discover(cls, start: "str | os.PathLike | None" = None) -> "Config":
        """The config nearest to ``start`` (default: the working directory), or defaults."""
        found = find_config_file(start)
        return cls.load(found) if found else cls()

    @classmethod
    def from_mapping(cls, table: dict, source: Optional[str] = None, text: str = "",
                     prefix: str = "") -> "Config":
        if not isinstance(table, dict):
            raise ConfigError("the replylint config must be a table", source)
        kwargs: dict[str, Any] = {"source": source}
        for key, value in table.items():
            if key not in _TOP_KEYS:
                raise ConfigError(
                    f"unknown key '{prefix}{key}'; expected one of: {', '.join(sorted(_TOP_KEYS))}",
                    source, _line_of_key(text, key))
            if key == "allow":
                if not isinstance(value, dict):
                    raise ConfigError("allow must be a table (phones, emails, domains, words)",
                                      source, _line_of_key(text, key))
                for sub, items in value.items():
                    if sub not in _ALLOW_KEYS:
                        raise ConfigError(
                            f"unknown key '{prefix}allow.{sub}'; expected one of: {', '.join(_ALLOW_KEYS)}",
                            source, _line_of_key(text, sub))
                    kwargs[_ALLOW_KEYS[sub]] = items
                continue
            kwargs[_TOP_KEYS[key]] = value
        try:
            config = cls(**kwargs)
        except ConfigError as exc:
            # Point at the line of the offending key where we can.
            for key in table:
                if key in exc.message or key.replace("-", "_") in exc.message:
                    raise ConfigError(exc.message, source, _line_of_key(text, key)) from None
            raise
        except TypeError as exc:
            raise ConfigError(str(exc), source) from None
        return config


def find_config_file(start: "str | os.PathLike | None" = None) -> Optional[Path]:
    """Walk up from ``start`` to the first replylint.toml or pyproject.toml with [tool.replylint]."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "replylint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.replylint" in pyproject.read_text(encoding="utf-8", errors="replace"):
                    return pyproject
            except OSError:
                continue
    return None


def _line_of_key(text: str, key: str) -> Optional[int]:
    """The 1-based line where ``key`` is set or its table starts, if it can be seen."""
    if not text:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(f"{key} ") or stripped.startswith(f"{key}=") \
                or stripped.startswith(f'"{key}"') or stripped.rstrip("]").endswith(f".{key}") \
                or stripped == f"[{key}]":
            return number
    return None


def _line_from_toml_error(message: str, text: str) -> Optional[int]:
    import re
    m = re.search(r"line (\d+)", message)
    if m:
        return int(m.group(1))
    if "end of document" in message:
        return max(1, len(text.rstrip("\n").splitlines()))
    return None


def _toml_reason(message: str) -> str:
    import re
    return re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", message)
