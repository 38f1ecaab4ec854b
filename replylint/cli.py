"""The replylint command line: wiring only, the logic lives in the library.

Importing this module must stay cheap: spaCy loads inside the commands that lint,
never for --help or --version.
"""
from __future__ import annotations

import os
import sys

import click

from replylint._version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> "NoReturn":  # noqa: F821 - annotation only
    click.echo(f"replylint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="replylint")
def main():
    """Lint customer-service replies for the habits that make customers angry."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--channel", help="email, chat, sms, twitter, facebook, instagram, forum, review, voice-transcript, other")
@click.option("--customer-name", help="The customer's name.")
@click.option("--customer-handle", help="The customer's handle, with or without @.")
@click.option("--agent-name", help="The agent's name.")
@click.option("--inbound", help="The customer message this reply answers.")
@click.option("--public/--private", default=None, help="Whether the reply is public (default: from the channel).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest replylint.toml or pyproject.toml).")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes or slugs (repeatable, comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or slugs.")
@click.option("--profile", type=click.Choice(["audit", "pre-send"]), help="pre-send: high-confidence rules only.")
def check(inputs, channel, customer_name, customer_handle, agent_name, inbound, public,
          config_path, select, ignore, profile):
    """Check replies given as TEXT, as files (one reply per file) or on stdin (-)."""
    from replylint.errors import ReplylintError

    try:
        linter = _build_linter(config_path, select, ignore, profile)
        from replylint.model import Context

        context = Context(channel=channel, public=public, customer_name=customer_name,
                          customer_handle=customer_handle, agent_name=agent_name, inbound=inbound)
    except (ReplylintError, ValueError) as exc:
        _fail(str(exc))
    if not inputs:
        _fail("give a reply as TEXT, one or more files, or - for stdin")
    worst = EXIT_OK
    for name, text in _read_inputs(inputs):
        report = linter.check(text, context)
        for finding in report.findings:
            line, col = _line_col(text, finding.start)
            click.echo(f"{name}:{line}:{col}: {finding.code} [{finding.severity.value}] {finding.message}")
        if not report.ok:
            worst = EXIT_FINDINGS
    sys.exit(worst)


def _build_linter(config_path, select, ignore, profile):
    from replylint.config import Config
    from replylint.linter import Linter

    config = Config.load(config_path) if config_path else Config.discover()
    changes = {}
    if select:
        changes["select"] = tuple(_split(select))
    if ignore:
        changes["ignore"] = tuple(config.ignore) + tuple(_split(ignore))
    if profile:
        changes["profile"] = profile
    return Linter(config.with_overrides(**changes) if changes else config)


def _split(values):
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _read_inputs(inputs):
    for item in inputs:
        if item == "-":
            yield "<stdin>", sys.stdin.read()
        elif os.path.isfile(item):
            try:
                with open(item, encoding="utf-8") as handle:
                    yield item, handle.read()
            except UnicodeDecodeError as exc:
                _fail(f"{item}: not UTF-8 text (byte {exc.start})")
            except OSError as exc:
                _fail(f"{item}: {exc.strerror}")
        else:
            yield "<text>", item


def _line_col(text: str, offset: int) -> tuple:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


if __name__ == "__main__":  # pragma: no cover
    main()
