"""What a server is started with, from keyword arguments or from the environment.

The environment form exists for ``--workers N``: each worker is a fresh (spawned)
process that imports the app factory by name, so the settings travel as
``REPLYLINT_SERVE_*`` variables rather than as Python objects.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

DEFAULT_MAX_BODY = 1024 * 1024   # 1 MiB: far above any reply, far below a memory problem
DEFAULT_PROFILE = "pre-send"
ENV_CONFIG = "REPLYLINT_SERVE_CONFIG"
ENV_MAX_BODY = "REPLYLINT_SERVE_MAX_BODY"
ENV_CORS = "REPLYLINT_SERVE_CORS_ORIGINS"


@dataclass(frozen=True)
class ServerSettings:
    config_path: Optional[str] = None     # None: discover replylint.toml / pyproject.toml like the CLI
    max_body: int = DEFAULT_MAX_BODY      # bytes; larger requests get 413
    cors_origins: tuple = ()              # empty: no CORS headers at all
    default_profile: str = DEFAULT_PROFILE

    def __post_init__(self):
        if not isinstance(self.max_body, int) or self.max_body < 1:
            raise ValueError(f"max_body must be a positive number of bytes, not {self.max_body!r}")
        origins = self.cors_origins
        if isinstance(origins, str):
            origins = parse_origins(origins)
        object.__setattr__(self, "cors_origins", tuple(origins or ()))

    def to_env(self) -> dict:
        # Every variable is set, "" for none, so one left in the environment by an
        # earlier run cannot hand the workers a config the parent did not check.
        return {ENV_CONFIG: str(self.config_path or ""), ENV_MAX_BODY: str(self.max_body),
                ENV_CORS: ",".join(self.cors_origins)}

    @classmethod
    def from_env(cls, environ: "dict | None" = None) -> "ServerSettings":
        environ = os.environ if environ is None else environ
        max_body = environ.get(ENV_MAX_BODY)
        return cls(
            config_path=environ.get(ENV_CONFIG) or None,
            max_body=int(max_body) if max_body else DEFAULT_MAX_BODY,
            cors_origins=parse_origins(environ.get(ENV_CORS, "")),
        )


def parse_origins(value: str) -> tuple:
    """``"https://a.example, https://b.example"`` -> a tuple of origins."""
    return tuple(part.strip().rstrip("/") for part in value.split(",") if part.strip())
