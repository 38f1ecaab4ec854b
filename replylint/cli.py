"""The replylint command line: wiring only, the logic lives in the library.

Importing this module must stay cheap: spaCy loads inside the commands that lint,
never for --help or --version.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage or
config error, or an input that could not be read at all.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from replylint._version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
OUTPUT_FORMATS = ("text", "json", "jsonl", "csv", "sarif", "github", "html")
INPUT_FORMATS = ("jsonl", "conversations", "csv", "twitter", "text", "reply", "macros")
GROUP_BY = ("agent", "team", "company", "channel", "day")
FAIL_ON = ("info", "warning", "error", "never")
CHECK_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".yaml", ".yml")
AUDIT_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".txt", ".jsonl.gz", ".csv.gz", ".txt.gz")
KNOWN_SUFFIXES = CHECK_SUFFIXES + AUDIT_SUFFIXES + (".gz",)


class UsageFailure(Exception):
    """A problem to report as one line and exit 2."""


def _fail(message: str) -> "NoReturn":  # noqa: F821 - annotation only
    click.echo(f"replylint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@contextmanager
def _one_line_errors():
    """Turn expected failures (bad config, bad rule file, bad option) into one line, exit 2."""
    from replylint.errors import ReplylintError

    try:
        yield
    except (ReplylintError, UsageFailure, ValueError) as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{error.filename or ''}: {error.strerror or error}".lstrip(": "))
    except KeyboardInterrupt:
        click.echo("replylint: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: still one line, with the way to see more
        if os.environ.get("REPLYLINT_DEBUG"):
            raise
        _fail(f"internal error: {type(error).__name__}: {error} "
              "(set REPLYLINT_DEBUG=1 to see the traceback)")


def rule_options(func):
    """--config, --select, --ignore, --profile: on every command."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Config file (default: nearest replylint.toml or pyproject.toml)."),
        click.option("--select", multiple=True,
                     help="Rules to run: codes, prefixes or slugs (repeatable, comma-separated)."),
        click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or slugs."),
        click.option("--profile", type=click.Choice(["audit", "pre-send"]),
                     help="pre-send: high-confidence rules only."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def output_options(func):
    options = [
        click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS),
                     default="text", show_default=True, help="Output format."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                     help="Write the report to FILE instead of stdout."),
        click.option("--statistics", is_flag=True, help="Counts per rule instead of each finding."),
        click.option("--group-by", type=click.Choice(GROUP_BY), help="Totals per group."),
        click.option("--fail-on", type=click.Choice(FAIL_ON),
                     help="Exit 1 when a finding is at or above this severity "
                          "(default: the config's fail-on, error)."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS),
                     help="Read every input as this format (default: from the extension)."),
        click.option("--map", "maps", multiple=True, metavar="KEY=FIELD",
                     help="Which input field holds KEY (text, id, agent, team, ...). Repeatable."),
        click.option("--baseline", type=click.Path(dir_okay=False),
                     help="Hide findings recorded in this baseline file."),
        click.option("--write-baseline", type=click.Path(dir_okay=False, writable=True),
                     help="Record every finding of this run in FILE."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: number of cores)."),
        click.option("--progress/--no-progress", default=None,
                     help="Progress bar on stderr (default: when stderr is a terminal)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def context_options(func):
    options = [
        click.option("--channel", help="email, chat, sms, twitter, facebook, instagram, forum, "
                                       "review, voice-transcript, other"),
        click.option("--customer-name", help="The customer's name."),
        click.option("--customer-handle", help="The customer's handle, with or without @."),
        click.option("--agent-name", help="The agent's name."),
        click.option("--inbound", help="The customer message this reply answers."),
        click.option("--public/--private", default=None,
                     help="Whether the reply is public (default: from the channel)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="replylint")
def main():
    """Lint customer-service replies for the habits that make customers angry."""


# ---------------------------------------------------------------------- check
@main.command()
@click.argument("inputs", nargs=-1)
@context_options
@output_options
@rule_options
def check(inputs, channel, customer_name, customer_handle, agent_name, inbound, public, **options):
    """Check replies: TEXT, - for stdin, or files and folders of templates.

    A .txt or .md file is one reply; a .json or .yaml file is a list or mapping of
    macros with a text field (--map text=FIELD). Context options apply to every reply
    that does not say otherwise.
    """
    if not inputs:
        _fail("give a reply as TEXT, one or more files, or - for stdin")
    defaults = {key: value for key, value in {
        "channel": channel, "customer_name": customer_name, "customer_handle": customer_handle,
        "agent_name": agent_name, "inbound": inbound, "public": public}.items() if value is not None}
    with _one_line_errors():
        from replylint.io.fields import build_record

        build_record(dict(defaults, text=""), "<options>", None)  # a bad --channel fails here, once
        paths, texts = _split_check_inputs(inputs)

        def items():
            from replylint.io import read_inputs

            for text in texts:
                yield build_record(dict(defaults, text=text, id="<text>"), "<text>", 1,
                                   literal_lines=True)
            yield from read_inputs(paths, options["input_format"], _maps(options["maps"]),
                                   defaults, _notifier(options), text_format="reply")

        # Templates are few: a worker pool (each worker compiles every rule) costs more
        # than it saves unless asked for.
        sys.exit(_run(items(), dict(options, workers=options["workers"] or 1), command="check"))


def _split_check_inputs(inputs):
    """Existing paths and ``-`` are inputs; a word with a file extension that does not
    exist is a mistyped path (an error), anything else is the text of a reply."""
    from replylint.io import expand_paths

    paths, texts = [], []
    for item in inputs:
        if item == "-" or os.path.exists(item):
            paths.append(item)
        elif not any(c.isspace() for c in item) and item.lower().endswith(KNOWN_SUFFIXES):
            raise UsageFailure(f"{item}: no such file")
        else:
            texts.append(item)
    return expand_paths(paths, CHECK_SUFFIXES), texts


# ---------------------------------------------------------------------- audit
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--channel", help="Channel of replies whose input does not say (e.g. email).")
@output_options
@rule_options
def audit(inputs, channel, **options):
    """Audit past transcripts: JSON Lines, CSV, Twitter CSV, conversations, text; .gz; - for stdin.

    Folders are searched for .jsonl, .csv and .txt files (and their .gz).
    """
    with _one_line_errors():
        from replylint.io import expand_paths, read_inputs

        defaults = {"channel": channel} if channel else {}
        if channel:
            from replylint.io.fields import build_record

            build_record({"text": "", "channel": channel}, "<options>", None)
        paths = expand_paths(inputs, AUDIT_SUFFIXES)
        if not paths:
            raise UsageFailure("no input files found")
        items = read_inputs(paths, options["input_format"], _maps(options["maps"]), defaults,
                            _notifier(options))
        sys.exit(_run(items, options, command="audit", template_inputs=(paths, defaults)))


def _maps(maps):
    from replylint.io import parse_map_options

    return parse_map_options(maps)


def _notifier(options):
    """Say on stderr which fields were taken for what, since a wrong guess is silent."""
    def notify(source, mapping):
        description = mapping if isinstance(mapping, str) else f"fields: {mapping.describe()}"
        click.echo(f"replylint: {source}: {description}", err=True)
    return notify


def _run(items, options, command, template_inputs=None) -> int:
    """Lint ``items`` into the chosen format; return the exit code."""
    job = _start_template_job(template_inputs, options)
    try:
        return _run_audit(items, options, command, template_inputs, job)
    finally:
        if job is not None:
            job.cancel()


def _run_audit(items, options, command, template_inputs, job) -> int:
    from replylint.audit import Summary, run, template_grouping_enabled
    from replylint.baseline import Baseline, BaselineWriter
    from replylint.formats import RenderOptions
    from replylint.progress import progress

    linter = _build_linter(options)
    if job is not None and not template_grouping_enabled(linter):
        job.cancel()
        job = None
    fail_on = options["fail_on"] or linter.config.fail_on
    renderer_class = _renderer_class(options["output_format"])
    baseline = Baseline.load(options["baseline"]) if options["baseline"] else None
    workers = options["workers"] or os.cpu_count() or 1
    with _output(options["output"]) as (out, is_tty):
        render_options = RenderOptions(
            color=is_tty and options["output_format"] == "text" and "NO_COLOR" not in os.environ,
            statistics=options["statistics"], group_by=options["group_by"],
            rules=tuple(linter.rules), tool_version=__version__, command=command)
        renderer = renderer_class(out, render_options)
        summary = Summary(group_by=options["group_by"], fail_on=fail_on)
        writer = BaselineWriter(open(options["write_baseline"], "w", encoding="utf-8")) \
            if options["write_baseline"] else None
        try:
            def templates(summary):
                if job is not None:
                    summary.templates = job.result()
                    if summary.templates is not None:
                        return
                if template_inputs is not None:
                    _find_templates(linter, summary, *template_inputs, options)

            with progress(options["progress"]) as tick:
                run(items, linter, renderer, summary, workers=workers, baseline=baseline,
                    baseline_writer=writer, on_item=tick, before_end=templates)
        finally:
            if writer is not None:
                writer.close()
    if writer is not None:
        click.echo(f"replylint: wrote {writer.count} findings to baseline "
                   f"{options['write_baseline']}", err=True)
    if summary.unreadable_sources:
        return EXIT_USAGE
    return EXIT_FINDINGS if summary.failed() else EXIT_OK


def _start_template_job(template_inputs, options):
    """RL204 grouping started in a helper process before the linter is built, so it
    runs alongside the lint pass (see ``audit.TemplateJob``); None when it cannot be
    (stdin, or no ``fork``): ``_find_templates`` then runs after the lint pass."""
    if template_inputs is None:
        return None
    paths, defaults = template_inputs
    if any(path == "-" for path in paths):
        return None
    from replylint.audit import TemplateJob
    from replylint.io import read_inputs

    mapping = _maps(options["maps"])
    job = TemplateJob(lambda: read_inputs(paths, options["input_format"], mapping, defaults))
    return job if job.start() else None


def _find_templates(linter, summary, paths, defaults, options):
    """RL204 over the whole audit; the inputs are read once more for it, so stdin
    (which cannot be re-read) is left out."""
    from replylint.audit import template_grouping_enabled, template_groups

    if not template_grouping_enabled(linter):
        return
    if any(path == "-" for path in paths):
        click.echo("replylint: RL204 template grouping skipped: stdin cannot be read twice",
                   err=True)
        return
    from replylint.io import read_inputs

    summary.templates = template_groups(
        linter, read_inputs(paths, options["input_format"], _maps(options["maps"]), defaults))


def _renderer_class(name):
    if name == "html":
        try:
            from replylint.report import HtmlRenderer
        except ImportError:
            raise UsageFailure("--format html is not available in this installation") from None
        return HtmlRenderer
    from replylint.formats import get_renderer

    return get_renderer(name)


@contextmanager
def _output(path):
    """The report's stream: ``-o FILE`` or stdout; and whether it is a terminal."""
    if not path or path == "-":
        yield sys.stdout, sys.stdout.isatty()
        sys.stdout.flush()
        return
    try:
        stream = open(path, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise UsageFailure(f"{path}: cannot write: {error.strerror}") from None
    with stream:
        yield stream, False


def _build_linter(options):
    from replylint.config import Config
    from replylint.linter import Linter

    config_path = options.get("config_path")
    config = Config.load(config_path) if config_path else Config.discover()
    changes = {}
    if options.get("select"):
        changes["select"] = tuple(_split(options["select"]))
    if options.get("ignore"):
        changes["ignore"] = tuple(config.ignore) + tuple(_split(options["ignore"]))
    if options.get("profile"):
        changes["profile"] = options["profile"]
    linter = Linter(config.with_overrides(**changes) if changes else config)
    _verify_user_packs(config)
    return linter


def _verify_user_packs(config):
    """A user pack whose examples do not hold is a broken pack: say where, exit 2.

    Built-in rules are held to their examples by the test suite; a team's own pack
    has none, so its examples are checked each time it is used (they are few).
    """
    from pathlib import Path

    from replylint.errors import RuleFileError
    from replylint.verify import verify_pack_examples

    base = Path(config.source).parent if config.source else Path.cwd()
    for folder in config.rule_packs:
        path = Path(folder) if Path(folder).is_absolute() else base / folder
        failures = verify_pack_examples(path, config=config)
        if failures:
            first = failures[0]
            more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
            raise RuleFileError(f"{first.code}: {str(first).split(': ', 2)[-1]}{more}",
                                first.path, first.line)


def _split(values):
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


# ---------------------------------------------------------------------- rules, explain
@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List rules that are not selected too.")
@rule_options
def rules(output_format, show_all, **options):
    """List the rules in force (codes, slugs, severity, confidence)."""
    from replylint.formats.rules_table import rule_rows, rules_table

    with _one_line_errors():
        linter = _build_linter(options)
        rows = rule_rows(linter, show_all)
    if output_format == "json":
        import json

        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        click.echo(rules_table(rows, show_all))


@main.command()
@click.argument("rule")
@rule_options
def explain(rule, **options):
    """Show a rule's docs, examples and config: replylint explain RL101 (or non-apology)."""
    from replylint.formats.explain import explain_rule

    with _one_line_errors():
        linter = _build_linter(options)
        found = linter.rule(rule.strip()) or linter.rule(rule.strip().upper())
        if found is None:
            raise UsageFailure(f"unknown rule {rule!r}; see `replylint rules --all`")
    click.echo(explain_rule(found, selected=found in linter.rules, color=sys.stdout.isatty()))


# ---------------------------------------------------------------------- init
@main.command()
@click.argument("path", default="replylint.toml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--select", multiple=True, help="Rules to select in the new config.")
@click.option("--ignore", multiple=True, help="Rules to ignore in the new config.")
def init(path, force, select, ignore):
    """Write a commented replylint.toml (default: in the current folder)."""
    from replylint.formats.config_template import config_template

    target = Path(path)
    if target.exists() and not force:
        _fail(f"{path} already exists; use --force to overwrite it")
    with _one_line_errors():
        target.write_text(config_template(_split(select), _split(ignore)), encoding="utf-8")
    click.echo(f"Wrote {path}. Edit it, then run: replylint check \"Your reply\"")


@main.command()
@click.argument("packs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
def verify(packs):
    """Check that every example of your rule PACKS holds (exit 0), or say which do not (exit 1)."""
    from replylint.verify import verify_pack_examples

    failures = []
    with _one_line_errors():
        for pack in packs:
            failures += verify_pack_examples(pack)
    for failure in failures:
        click.echo(str(failure))
    click.echo(f"{len(failures)} example(s) do not hold." if failures else "All examples hold.",
               err=bool(failures))
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


@main.command(help="Serve the pre-send check API and the compose page (needs replylint[server]).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; keep it on localhost unless a proxy is in front.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Config file (default: nearest replylint.toml or pyproject.toml).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes, each with its own linters.")
@click.option("--max-body", default=1048576, show_default=True, type=click.IntRange(min=1),
              help="Largest request body in bytes; larger gets 413.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Allow browser calls from this origin (repeatable; default: none).")
def serve(host, port, config_path, workers, max_body, cors_origins):
    from replylint.server.cli import serve_command

    serve_command(host, port, config_path, workers, max_body, cors_origins)


if __name__ == "__main__":  # pragma: no cover
    main()
