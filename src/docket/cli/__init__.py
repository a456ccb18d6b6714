"""The ``docket`` command: thin Typer commands over the core.

Each command group lives in its own module and registers itself on ``app`` when imported.
"""

from __future__ import annotations

import sys

from docket.cli._app import app


def main() -> None:
    if sys.argv[1:2] == ["lint"]:
        # CI runs `docket lint` on every push: start it without the other commands' imports.
        from docket.cli.lint_cmd import run_alone

        run_alone(sys.argv[2:])
        return
    _load_commands()
    app()


def _load_commands() -> None:
    import docket.cli.bridge_cmd
    import docket.cli.lint_cmd
    import docket.cli.web_cmd
    import docket.cli.workflow_cmd  # noqa: F401


__all__ = ["app", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
