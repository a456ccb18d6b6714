"""DK4xx: tables the template defines (Key Decisions, Failure Modes): rows, columns, cells."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from docket.lint._context import Context
from docket.lint._rule import Issue, rule

if TYPE_CHECKING:
    from docket.document import Block, Section
    from docket.template import SectionSpec, TableSpec


def _tables(ctx: Context) -> Iterator[tuple[SectionSpec, TableSpec, Section, Block, bool]]:
    """Each template table's counterpart: (spec, table spec, section, table block, filled)."""
    for item in ctx.completeness.items:
        if item.section is None or not item.spec.tables:
            continue
        expected = item.spec.tables[0]
        for block in item.section.blocks:
            if block.kind == "table":
                yield item.spec, expected, item.section, block, item.filled


def _norm(cells: tuple[str, ...]) -> tuple[str, ...]:
    from docket.document import normalise

    return tuple(normalise(c) for c in cells)


@rule(
    "DK401",
    "table-empty",
    "A template table has a header but no rows, in a section that otherwise has content.",
    tags=("tables", "content"),
    severity="gap",
)
def table_empty(ctx: Context) -> Iterator[Issue]:
    for _spec, _expected, section, block, filled in _tables(ctx):
        if filled and not block.rows:
            yield Issue(
                block.start,
                f"the table in {section.title!r} has a header but no rows",
                fix="add a row per item, or delete the table",
            )


@rule(
    "DK402",
    "table-columns",
    "A template table's columns differ from the template's.",
    tags=("tables",),
    severity="gap",
)
def table_columns(ctx: Context) -> Iterator[Issue]:
    for _spec, expected, section, block, _filled in _tables(ctx):
        if _norm(block.columns) != _norm(expected.columns):
            want = " | ".join(expected.columns)
            yield Issue(
                block.start,
                f"the table in {section.title!r} has columns {' | '.join(block.columns)!r}; "
                f"the template's are {want!r}",
                fix=f"use the template's header row: | {want} |",
            )


@rule(
    "DK403",
    "table-empty-cells",
    "A row of a template table leaves cells empty.",
    tags=("tables", "content"),
    severity="gap",
)
def table_empty_cells(ctx: Context) -> Iterator[Issue]:
    from docket.document.completeness import strip_placeholders

    for _spec, _expected, section, block, _filled in _tables(ctx):
        for row in block.rows:
            empty = [
                block.columns[i] if i < len(block.columns) else str(i + 1)
                for i, cell in enumerate(row.cells)
                if not strip_placeholders(cell, ctx.schema.placeholders).strip(" -–—")
            ]
            if empty and len(empty) < len(row.cells):
                yield Issue(
                    row.line,
                    f"a row of the table in {section.title!r} leaves {', '.join(empty)} empty",
                    fix="fill every cell (write `n/a` where nothing applies)",
                )


@rule(
    "DK404",
    "table-example-rows",
    "The template's example rows were uncommented and left in the table.",
    tags=("tables", "placeholder"),
    severity="gap",
)
def table_example_rows(ctx: Context) -> Iterator[Issue]:
    for _spec, expected, section, block, _filled in _tables(ctx):
        examples = {_norm(r) for r in expected.example_rows}
        for row in block.rows:
            if examples and _norm(row.cells) in examples:
                yield Issue(
                    row.line,
                    f"the table in {section.title!r} still holds the template's example row "
                    f"{' | '.join(row.cells)[:60]!r}",
                    fix="delete the example row and write your own",
                )
