"""``docket serve``, ``docket migrate``, ``docket demo`` and ``docket manage``: the web workspace.

Django is imported inside each command so ``docket lint`` never pays for it. Exit codes:
0 done, 1 the command ran but reported problems, 2 it could not run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from docket.cli._app import app

out = Console()
err = Console(stderr=True)

DEFAULT_BIND = "127.0.0.1:8000"
DEMO_FOLDERS = (Path("examples/rfcs"), Path("docs/rfcs"))


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docket.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as exc:
        err.print(f"[red]Error:[/red] the web settings are not usable: {exc}", highlight=False)
        raise typer.Exit(2) from None


def _migrate(verbosity: int) -> None:
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", verbosity=verbosity, interactive=False)
    except DatabaseError as exc:
        err.print(f"[red]Error:[/red] cannot migrate the database: {exc}", highlight=False)
        raise typer.Exit(2) from None


def _require_migrated() -> None:
    """Refuse to serve a database that is missing tables, with the command that fixes it."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        err.print(f"[red]Error:[/red] cannot reach the database: {exc}", highlight=False)
        raise typer.Exit(2) from None
    if pending:
        err.print(
            f"[red]Error:[/red] the database needs {len(pending)} migration(s); "
            "run [bold]docket migrate[/bold] first",
            highlight=False,
        )
        raise typer.Exit(2)


@app.command("migrate")
def migrate_command(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
) -> None:
    """Create or update the web workspace's database tables (DATABASE_URL)."""
    _setup()
    _migrate(0 if quiet else 1)


@app.command("demo")
def demo_command(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(help="Folders of RFCs to load (default: examples/rfcs and docs/rfcs)."),
    ] = None,
) -> None:
    """Load demo RFCs and create an admin account; safe to run again."""
    _setup()
    _migrate(0)
    from docket.web.demo import ADMIN_USERNAME, load_demo

    report = load_demo(list(folders or DEMO_FOLDERS))
    out.print(
        f"Demo RFCs: {len(report.created)} loaded, {len(report.existing)} already there.",
        highlight=False,
    )
    for problem in report.problems:
        err.print(f"[yellow]skipped[/yellow] {problem}", highlight=False)
    if report.admin_password:
        out.print(
            f"Admin account: [bold]{ADMIN_USERNAME}[/bold] / password "
            f"[bold]{report.admin_password}[/bold] (shown this once; change it after signing in)",
            highlight=False,
        )
    else:
        out.print(f"Admin account {ADMIN_USERNAME!r} already exists; its password is unchanged.")


@app.command("serve")
def serve_command(
    bind: Annotated[
        str, typer.Option("--bind", "-b", help="HOST:PORT to listen on.")
    ] = DEFAULT_BIND,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, max=64, help="gunicorn worker processes.")
    ] = 2,
    dev: Annotated[
        bool, typer.Option("--dev", help="Django's autoreloading development server instead.")
    ] = False,
) -> None:
    """Serve the web workspace (gunicorn; --dev for the autoreloading server)."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        err.print(f"[red]Error:[/red] --bind {bind!r} must look like 127.0.0.1:8000")
        raise typer.Exit(2)
    _setup()
    _require_migrated()
    if dev:
        from django.core.management import call_command

        call_command("runserver", bind, use_reloader=True)
        return
    out.print(f"Serving Docket on http://{bind} with {workers} worker(s)", highlight=False)
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "docket.web.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--error-logfile",
        "-",
    ]
    os.execv(sys.executable, args)


@app.command(
    "manage",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage_command(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. ``docket manage createsuperuser``."""
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["docket manage", *ctx.args])
