"""The linters a server shares between requests: one per profile, built at start.

Building a Linter compiles every rule (and loads spaCy); checking with it is then
one pass per reply. So the server builds them once, before it accepts the first
request, and a broken config stops the start instead of failing every request.
"""
from __future__ import annotations

import logging
from typing import Optional

from replylint.config import PROFILES

log = logging.getLogger("replylint.server")


class Linters:
    """``linters["pre-send"]`` -> the Linter for that profile."""

    def __init__(self, config_path: Optional[str] = None, profiles: tuple = PROFILES):
        import replylint  # the engine (and spaCy) only when a server is really built

        if config_path:
            base = replylint.Config.load(config_path)
        else:
            base = replylint.Config.discover()
        self.config_source = base.source
        self._linters = {}
        for profile in profiles:
            # A draft is re-checked as the agent types: keep every word's tokens cached.
            linter = replylint.Linter(base.with_overrides(profile=profile), remember_words=True)
            linter.warm_up()  # the first request would otherwise compile what checks use
            self._linters[profile] = linter
        log.info("linters ready: profiles=%s config=%s", ",".join(profiles),
                 base.source or "defaults")

    def __getitem__(self, profile: str):
        return self._linters[profile]

    @property
    def profiles(self) -> tuple:
        return tuple(self._linters)
