"""DK5xx: the folder of RFCs: unique numbers, file names that follow the pattern, live references.

DK502 needs only the file's own name, so it runs per document; DK501 and DK503 need every
file's number and run once over the whole set (``docket.lint._run``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from docket.lint._context import Context
from docket.lint._rule import Issue, Rule, register, rule

NUMBER_DUPLICATE = register(
    Rule(
        "DK501",
        "number-duplicate",
        "Two RFC files carry the same number.",
        ("folder", "numbering"),
        "error",
        "folder",
    )
)
REFERENCE_UNKNOWN = register(
    Rule(
        "DK503",
        "reference-unknown",
        "The text refers to an RFC number (`RFC 12`, `RFC-0012`, `0012-*.md`) that no file has.",
        ("folder", "references"),
        "closing",
        "folder",
    )
)


def duplicate_numbers(
    numbers: Mapping[str, int | None], lines: Mapping[str, int], taken: Iterable[int]
) -> Iterator[tuple[str, Issue]]:
    """For each file whose number another file also has: which file, and how to renumber."""
    by_number: dict[int, list[str]] = {}
    for path, number in numbers.items():
        if number is not None:
            by_number.setdefault(number, []).append(path)
    used = set(taken) | {n for n in numbers.values() if n is not None}
    free = max(used, default=0) + 1
    for number, paths in sorted(by_number.items()):
        if len(paths) < 2:
            continue
        for path in sorted(paths):
            others = ", ".join(p for p in sorted(paths) if p != path)
            yield (
                path,
                Issue(
                    lines.get(path, 1),
                    f"RFC number {number} is also used by {others}; renumber one of them with "
                    f"`docket renumber {number} {free}`",
                    fix=f"docket renumber {number} {free}",
                ),
            )


def unknown_references(
    references: Mapping[str, Iterable[tuple[int, int, int]]], known: set[int]
) -> Iterator[tuple[str, Issue]]:
    for path, refs in references.items():
        for number, line, column in refs:
            if number not in known:
                yield (
                    path,
                    Issue(
                        line,
                        f"refers to RFC {number}, but no RFC in the folder has that number",
                        column=column,
                        fix="correct the number, or add the RFC it refers to",
                    ),
                )


@rule(
    "DK502",
    "file-name-pattern",
    "The file name does not follow the configured `file-pattern`.",
    tags=("folder", "numbering"),
    severity="warning",
)
def file_name_pattern(ctx: Context) -> Iterator[Issue]:
    pattern = ctx.file_pattern
    if pattern is None or ctx.path.startswith("<"):
        return
    from docket.workspace import FilePattern, PatternError, slugify

    name = ctx.path.replace("\\", "/").rsplit("/", 1)[-1]
    depth = pattern.count("/")
    parts = ctx.path.replace("\\", "/").split("/")
    relative = "/".join(parts[-(depth + 1) :]) if depth else name
    try:
        file_pattern = FilePattern(pattern)
        if file_pattern.match(relative) is not None:
            return
        title = ctx.doc.title
        number = title.number if title and title.number is not None else ctx.file_number
        example = file_pattern.format(
            number if number is not None else 1, slugify(title.text if title else name)
        )
    except PatternError:
        return
    yield Issue(
        1,
        f"file name {relative!r} does not follow the pattern {pattern!r} (e.g. {example!r})",
        fix=f"rename the file to {example!r}",
    )
