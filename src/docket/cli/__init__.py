"""The ``docket`` command: thin Typer commands over the core.

Each command group lives in its own module and registers itself on the Typer app when
imported. Typer itself is imported only when a command needs it: CI runs ``docket lint``
on every push, and that path parses its options without it.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["lint"]:
        from docket.cli.lint_run import run_alone

        run_alone(sys.argv[2:])
        return
    app = load_app()
    app()


def load_app():  # type: ignore[no-untyped-def]  # returns typer.Typer, imported lazily
    """The Typer app with every command group registered."""
    import docket.cli.bridge_cmd
    import docket.cli.lint_cmd
    import docket.cli.web_cmd
    import docket.cli.workflow_cmd  # noqa: F401
    from docket.cli._app import app

    return app


__all__ = ["load_app", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
