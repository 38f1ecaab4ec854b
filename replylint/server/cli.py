"""The body of ``replylint serve``; replylint/cli.py only declares the options.

Kept here so the CLI module stays wiring only and never imports Starlette or
uvicorn unless ``serve`` runs.
"""
from __future__ import annotations

import ipaddress
import logging
import logging.config
import os
from typing import TYPE_CHECKING

import click

from replylint.errors import ConfigError

if TYPE_CHECKING:
    from replylint.server.settings import ServerSettings

log = logging.getLogger("replylint.server")


class ServeError(click.ClickException):
    """A reason ``serve`` cannot start, printed as one line like the CLI's other errors."""

    exit_code = 2   # usage or input error, as elsewhere in the CLI

    def show(self, file=None) -> None:
        click.echo(f"replylint: error: {self.format_message()}", err=True)


def serve_command(host: str, port: int, config_path, workers: int, max_body: int,
                  cors_origins) -> None:
    """Start the HTTP server in the foreground until interrupted."""
    try:
        import uvicorn

        from replylint.server.app import create_app
        from replylint.server.logs import LOG_CONFIG, lighten_log_records
        from replylint.server.workers import WorkersError, run_workers
    except ImportError as exc:
        raise ServeError(f"replylint serve needs the server extra ({exc.name} is missing): "
                         "pip install 'replylint[server]'") from None
    if workers < 1:
        raise ServeError(f"--workers must be at least 1, not {workers}")
    settings = build_settings(config_path, max_body, cors_origins)
    logging.config.dictConfig(LOG_CONFIG)
    lighten_log_records()
    if not _is_loopback(host):
        log.warning("listening on %s: the API has no authentication; put it behind your "
                    "agent desk's proxy or a firewall", host)
    # proxy_headers off: nothing reads the client's address (the access line never
    # shows it), so uvicorn's X-Forwarded-For layer would only add a hop per request.
    options = dict(log_config=LOG_CONFIG, access_log=False, server_header=False, proxy_headers=False)
    try:
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port, **options)
        else:
            # Each worker is a fresh process that builds its own linters from the
            # environment; check the config here first so a typo fails once, clearly.
            _check_config(settings.config_path)
            os.environ.update(settings.to_env())
            run_workers("replylint.server.app:create_app_from_env", host, port, workers, options)
    except (ConfigError, WorkersError) as exc:
        raise ServeError(str(exc)) from None


def build_settings(config_path, max_body: int, cors_origins) -> "ServerSettings":
    from replylint.server.settings import ServerSettings, parse_origins

    # --cors-origin may be repeated and each value may list several, comma-separated.
    if isinstance(cors_origins, str):
        cors_origins = (cors_origins,)
    origins = tuple(o for value in cors_origins or () for o in parse_origins(value))
    try:
        return ServerSettings(config_path=str(config_path) if config_path else None,
                              max_body=max_body, cors_origins=origins)
    except ValueError as exc:
        raise ServeError(str(exc)) from None


def _check_config(config_path) -> None:
    from replylint.config import Config

    if config_path:
        Config.load(config_path)
    else:
        Config.discover()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
