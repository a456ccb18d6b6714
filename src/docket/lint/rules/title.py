"""DK2xx: the title heading: present, filled in, following the template, numbered like its file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docket.lint._context import Context
from docket.lint._rule import Issue, rule

_GENERIC_RE = re.compile(r"<[^<>\n]{1,80}>|\{[^{}\n]{1,120}\}")


@rule(
    "DK201",
    "title-missing",
    "The template has a title heading but the document has none.",
    tags=("title",),
    severity="error",
)
def title_missing(ctx: Context) -> Iterator[Issue]:
    pattern = ctx.schema.title
    if pattern is None or ctx.doc.title is not None:
        return
    yield Issue(
        ctx.body_start(),
        f"no title heading: the template's title is `{'#' * pattern.level} {pattern.template}`",
        fix="add the title heading above the first section",
    )


@rule(
    "DK202",
    "title-placeholder",
    "The title still holds the template's placeholders.",
    tags=("title", "placeholder"),
    severity="gap",
)
def title_placeholder(ctx: Context) -> Iterator[Issue]:
    title = ctx.doc.title
    left = _placeholders_left(ctx)
    if title is not None and left:
        yield Issue(
            title.line,
            f"the title still holds the template's {', '.join(repr(p) for p in left)}",
            column=title.level + 2,
            fix="write this RFC's number and title into the heading",
        )


def _placeholders_left(ctx: Context) -> list[str]:
    from docket.document import normalise
    from docket.document._title import placeholders_in

    pattern, title = ctx.schema.title, ctx.doc.title
    if pattern is None or title is None:
        return []
    left = [p for p in placeholders_in(pattern.template) if p in title.raw]
    left += [p for p in _GENERIC_RE.findall(title.raw) if p not in left]
    template_text = pattern.example_text or pattern.parse(pattern.template).text
    if not left and template_text and normalise(title.text) == normalise(template_text):
        left = [template_text]
    if not left and normalise(title.raw) == normalise(pattern.template):
        left = [pattern.template]
    return left


@rule(
    "DK203",
    "title-number-mismatch",
    "The number in the title differs from the number in the file name.",
    tags=("title", "numbering"),
    severity="error",
)
def title_number_mismatch(ctx: Context) -> Iterator[Issue]:
    title = ctx.doc.title
    number = ctx.file_number
    if title is None or title.number is None or number is None or title.number == number:
        return
    yield Issue(
        title.line,
        f"the title says RFC {title.number} but the file name says {number}",
        column=title.level + 2,
        fix=f"make them agree, e.g. `docket renumber {title.number} {number}`",
    )


@rule(
    "DK204",
    "title-format",
    "The title heading does not follow the template's title pattern.",
    tags=("title",),
    severity="warning",
)
def title_format(ctx: Context) -> Iterator[Issue]:
    pattern, title = ctx.schema.title, ctx.doc.title
    if pattern is None or title is None or title.matched or _placeholders_left(ctx):
        return
    yield Issue(
        title.line,
        f"the title {title.raw!r} does not follow the template's `{pattern.template}`",
        column=title.level + 2,
        fix=f"write it as `{pattern.template}`",
    )
