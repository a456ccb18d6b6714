"""Running ``docket lint``: options, report, exit code, without importing Typer.

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 the command could not
run (bad arguments, configuration or template). CI runs this on every push, so the quick
path parses its options with argparse and leaves help and mistakes to the Typer command
in ``lint_cmd``, which explains them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

FORMATS = ("text", "json", "sarif", "github")


def execute(
    paths: list[Path] | None,
    output_format: str = "text",
    state: str | None = None,
    strict: bool = False,
    no_cache: bool = False,
    config_file: Path | None = None,
    jobs: int | None = None,
) -> int:
    """Lint, print the report and return the exit code."""
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
        sys.stderr.write(f"Error: {exc}\n")
        return 2

    if output_format == "json":
        out = report.as_json(run.findings)
    elif output_format == "sarif":
        from docket import __version__

        out = report.sarif(run.findings, all_rules(), __version__)
    elif output_format == "github":
        out = report.github(run.findings)
        sys.stderr.write(report.summary(run.findings, run.files, run.cached) + "\n")
    else:
        out = report.text(run.findings, run.files, run.cached, color=_color())
    sys.stdout.write(out)
    sys.stdout.flush()
    return 1 if run.errors else 0


class _NotForUs(Exception):
    """Arguments the quick parser leaves to Typer, which explains the mistake or the help."""


class _QuickParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotForUs(message)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def quick_parser() -> argparse.ArgumentParser:
    """The same options as the Typer command, parsed without Typer's per-option validation
    machinery (it imports pydantic: a tenth of a second on every CI run)."""
    parser = _QuickParser(prog="docket lint", add_help=False)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--format", "-f", choices=FORMATS, default="text")
    parser.add_argument("--state", "-s")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--jobs", "-j", type=_positive)
    return parser


def run_alone(args: list[str]) -> None:
    """Run ``docket lint ARGS`` with only this command loaded; exits with its code."""
    if not {"-h", "--help"} & set(args):
        try:
            ns = quick_parser().parse_args(args)
        except _NotForUs:
            pass
        else:
            sys.exit(
                execute(
                    ns.paths or None,
                    ns.format,
                    ns.state,
                    ns.strict,
                    ns.no_cache,
                    ns.config,
                    ns.jobs,
                )
            )
    from docket.cli.lint_cmd import run_with_typer

    run_with_typer(args)


def _color() -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
