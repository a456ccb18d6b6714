"""``docket import DIR`` and ``docket export DIR``: a folder of RFCs <-> the web workspace.

The logic lives in ``docket.web.bridge``; this module parses arguments, sets Django up
(lazily, so the other commands never pay for it) and prints. Exit codes: 0 everything
done, 1 some files were skipped (each reported by path), 2 the command could not run.
Markdown files with no RFC number at all (a README) are listed as ignored and do not fail
the run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from docket.cli._app import app

# Below this many files a progress bar is more noise than help.
PROGRESS_THRESHOLD = 20

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _django() -> None:
    """Configure Django and bring the database schema up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docket.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]Error:[/red] {message}", highlight=False)
    return typer.Exit(2)


def _user(name: str | None) -> Any:
    from django.contrib.auth.models import User

    if name:
        try:
            return User.objects.get(username=name)
        except User.DoesNotExist:
            raise _fail(f"no user named {name!r}; create one first (docket admin)") from None
    admins = list(User.objects.filter(is_superuser=True, is_active=True)[:2])
    if len(admins) == 1:
        return admins[0]
    raise _fail("say which user the revisions are saved as: --user NAME")


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[Path], None] | None]:
    if total < PROGRESS_THRESHOLD or not sys.stdout.isatty():
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=out, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _path: bar.advance(task)


def _report_problems(problems: list[Any], ignored: list[Any] | None = None) -> None:
    for problem in problems:
        err.print(f"[yellow]skipped[/yellow] {problem}", highlight=False)
    for note in ignored or []:
        err.print(f"[dim]ignored[/dim] {note}", highlight=False)


@app.command("import")
def import_command(
    folder: Annotated[
        Path, typer.Argument(help="Folder of RFC Markdown files (searched recursively).")
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the plan (create/update/unchanged); change nothing."),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(help="Save revisions as this user (default: the only admin, if just one)."),
    ] = None,
) -> None:
    """Load a folder of RFCs into the web workspace; unchanged files add nothing."""
    _django()
    from docket.web.bridge import BridgeError, apply_import, plan_import
    from docket.web.proposals.schema import current_schema

    try:
        plan = plan_import(folder, current_schema())
    except BridgeError as exc:
        raise _fail(str(exc)) from None
    if dry_run:
        for step in plan.steps:
            out.print(
                f"{step.action:<9} {step.source.path} (RFC {step.source.number})", highlight=False
            )
        _report_problems(plan.problems, plan.ignored)
        out.print(
            f"dry run: {plan.count('create')} to create, {plan.count('update')} to update, "
            f"{plan.count('unchanged')} unchanged, {len(plan.problems)} skipped, "
            f"{len(plan.ignored)} ignored",
            highlight=False,
        )
        raise typer.Exit(1 if plan.problems else 0)
    actor = _user(user)
    with _progress(len(plan.steps), "importing") as advance:
        result = apply_import(plan, actor, advance)
    _report_problems(result.problems, plan.ignored)
    out.print(
        f"{len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged, {len(result.problems)} skipped, "
        f"{len(plan.ignored)} ignored",
        highlight=False,
    )
    raise typer.Exit(1 if result.problems else 0)


@app.command("export")
def export_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write NNNN-slug.md files into.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be written.")
    ] = False,
) -> None:
    """Write every RFC's current text to a folder, byte for byte as it was saved."""
    _django()
    from docket.web.bridge import BridgeError, apply_export, plan_export
    from docket.web.proposals.schema import current_schema

    try:
        plan = plan_export(folder, current_schema())
    except BridgeError as exc:
        raise _fail(str(exc)) from None
    _report_problems(plan.problems)
    if dry_run:
        for step in plan.steps:
            out.print(f"{step.action:<9} {step.path} (RFC {step.number})", highlight=False)
        out.print(
            f"dry run: {plan.count('write')} to write, {plan.count('unchanged')} unchanged",
            highlight=False,
        )
        return
    with _progress(len(plan.steps), "exporting") as advance:
        written = apply_export(plan, folder, advance)
    out.print(f"{written} written, {len(plan.steps) - written} unchanged", highlight=False)
