"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="docket",
    help="Write, check, review, find and publish engineering RFCs.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
