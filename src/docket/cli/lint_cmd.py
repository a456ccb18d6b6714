"""``docket lint``: check RFC files against the template, for people and for CI.

The checks live in ``docket.lint`` and the running in ``docket.cli.lint_run``; this module
is the Typer face: help text, option validation and mistakes explained.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from docket.cli._app import app
from docket.cli.lint_run import execute


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
    raise typer.Exit(
        execute(paths, output_format.value, state, strict, no_cache, config_file, jobs)
    )


def run_with_typer(args: list[str]) -> None:
    """``docket lint ARGS`` through Typer alone: for ``--help`` and arguments to explain."""
    solo = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    solo.command("lint")(lint)
    typer.main.get_command(solo).main(args=args, prog_name="docket lint")
