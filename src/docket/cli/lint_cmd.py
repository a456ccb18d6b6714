"""``docket lint``: check RFC files against the template, for people and for CI.

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 the command could not
run (bad arguments, configuration or template). The checks live in ``docket.lint``; this
module only reads options, prints and picks the exit code.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from docket.cli._app import app


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command("lint")
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="RFC files or folders (default: the configured rfc-dir).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json, sarif or github.")
    ] = OutputFormat.text,
    state: Annotated[
        str | None,
        typer.Option(
            "--state", "-s", help="Check readiness for this state instead of each file's own."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore and do not write the cache.")
    ] = False,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="Use this docket.toml or pyproject.toml.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."),
    ] = None,
) -> None:
    """Check RFCs: unfilled sections, placeholders, invalid front matter, numbering."""
    from docket.lint import LintError, all_rules, lint_paths
    from docket.lint import _report as report
    from docket.template import TemplateError
    from docket.workspace.config import ConfigError, load_config

    try:
        config = load_config(Path.cwd(), config_file)
        run = lint_paths(
            paths, config, state=state, strict=strict, use_cache=not no_cache, jobs=jobs
        )
    except (ConfigError, TemplateError, LintError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None

    if output_format is OutputFormat.json:
        out = report.as_json(run.findings)
    elif output_format is OutputFormat.sarif:
        from docket import __version__

        out = report.sarif(run.findings, all_rules(), __version__)
    elif output_format is OutputFormat.github:
        out = report.github(run.findings)
        sys.stderr.write(report.summary(run.findings, run.files, run.cached) + "\n")
    else:
        out = report.text(run.findings, run.files, run.cached, color=_color())
    sys.stdout.write(out)
    sys.stdout.flush()
    raise typer.Exit(1 if run.errors else 0)


def run_alone(args: list[str]) -> None:
    """Run ``docket lint ARGS`` with only this command loaded (exits with its code)."""
    solo = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    solo.command("lint")(lint)
    typer.main.get_command(solo).main(args=args, prog_name="docket lint")


def _color() -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
