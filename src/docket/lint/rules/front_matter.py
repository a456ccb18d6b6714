"""DK1xx: the metadata block: front matter present and valid, a known state, real authors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docket.lint._context import Context
from docket.lint._rule import Issue, rule

_CHOICE_RE = re.compile(r"^\s*[<{][^<>{}]*\|[^<>{}]*[>}]\s*$")
_GENERIC_PLACEHOLDER_RE = re.compile(
    r"<[A-Z][A-Z0-9 _-]{0,40}>|\{[^{}\n]{2,120}\}|(?i:\((?:fill me in|todo|tbd)[^)]*\))"
)
_TEMPLATE_DUMMY_RE = re.compile(r"0000|YYYY|NNNN|XXXX|\bTBD\b|\bTODO\b")
_PERSON_RE = re.compile(r"^[^()<>,@]+?\s*[(<]\s*[^()<>\s]+@[^()<>\s]+\s*[)>]$")
_EMAIL_RE = re.compile(r"[^()<>\s]+@[^()<>\s]+")


def _has_metadata(ctx: Context) -> bool:
    front = ctx.doc.front_matter
    return front.style != "none" and front.error is None


def _line(ctx: Context, name: str) -> int:
    from docket.document import field_key

    front = ctx.doc.front_matter
    wanted = field_key(name)
    for key, line in front.field_lines.items():
        if field_key(key) == wanted:
            return line
    return front.start or 1


@rule(
    "DK101",
    "front-matter-missing",
    "The template has metadata fields but the document has no metadata block.",
    tags=("front-matter",),
    severity="error",
)
def front_matter_missing(ctx: Context) -> Iterator[Issue]:
    schema = ctx.schema
    front = ctx.doc.front_matter
    if not schema.fields or front.style != "none" or front.error:
        return
    names = ", ".join(f.name for f in schema.fields)
    shape = "a `---` YAML block" if schema.metadata_style == "yaml" else "a `- Key: value` list"
    yield Issue(
        1,
        f"no metadata: the template starts with {shape} holding {names}",
        fix="copy the template's metadata block to the top of the file and fill it in",
    )


@rule(
    "DK102",
    "front-matter-invalid",
    "The front matter is not valid YAML, is not closed, or is not a mapping.",
    tags=("front-matter",),
    severity="error",
)
def front_matter_invalid(ctx: Context) -> Iterator[Issue]:
    front = ctx.doc.front_matter
    if front.error:
        yield Issue(
            front.error_line or 1, front.error, fix="correct the YAML between the `---` lines"
        )


def _state_value(ctx: Context) -> tuple[str | None, Any]:
    name = ctx.schema.state_field
    if name is None:
        return None, None
    return name, ctx.doc.field(name)


@rule(
    "DK103",
    "state-unknown",
    "The state is not one of the lifecycle's states.",
    tags=("front-matter", "state"),
    severity="error",
)
def state_unknown(ctx: Context) -> Iterator[Issue]:
    name, value = _state_value(ctx)
    if name is None or value is None or not ctx.lifecycle or not _has_metadata(ctx):
        return
    text = str(value).strip()
    if not text or _is_choice_placeholder(ctx, name, text):
        return
    if text not in ctx.lifecycle:
        allowed = ", ".join(ctx.lifecycle)
        yield Issue(
            _line(ctx, name),
            f"{name} {text!r} is not a known state (one of: {allowed})",
            fix=f"set {name} to one of: {allowed}",
        )


def _is_choice_placeholder(ctx: Context, name: str, text: str) -> bool:
    spec = ctx.schema.field(name)
    return bool(_CHOICE_RE.match(text)) or (spec is not None and text == spec.template_value)


@rule(
    "DK104",
    "state-placeholder",
    "The state still holds the template's list of choices.",
    tags=("front-matter", "state", "placeholder"),
    severity="error",
)
def state_placeholder(ctx: Context) -> Iterator[Issue]:
    name, value = _state_value(ctx)
    if name is None or value is None or not _has_metadata(ctx):
        return
    text = str(value).strip()
    if text and _is_choice_placeholder(ctx, name, text):
        first = ctx.lifecycle[0] if ctx.lifecycle else "a state"
        yield Issue(
            _line(ctx, name),
            f"{name} is still the template placeholder {text!r}",
            fix=f"pick one state, e.g. `{name}: {first}`",
        )


@rule(
    "DK105",
    "state-missing",
    "The template has a state field but the document does not set it.",
    tags=("front-matter", "state"),
    severity="error",
)
def state_missing(ctx: Context) -> Iterator[Issue]:
    name, value = _state_value(ctx)
    if name is None or not _has_metadata(ctx):
        return
    if value is None or not str(value).strip():
        first = ctx.lifecycle[0] if ctx.lifecycle else "a state"
        yield Issue(
            _line(ctx, name),
            f"no {name}: the template's lifecycle is {', '.join(ctx.lifecycle)}",
            fix=f"add `{name}: {first}`",
        )


def _people_field(ctx: Context) -> tuple[str | None, Any]:
    spec = ctx.schema.people_field
    if spec is None:
        return None, None
    return spec.name, ctx.doc.field(spec.name)


@rule(
    "DK106",
    "authors-missing",
    "Nobody is named as an author.",
    tags=("front-matter", "authors"),
    severity="gap",
)
def authors_missing(ctx: Context) -> Iterator[Issue]:
    name, value = _people_field(ctx)
    if name is None or not _has_metadata(ctx):
        return
    empty = value is None or (isinstance(value, str | list) and not value)
    if empty or (isinstance(value, str) and not value.strip()):
        yield Issue(
            _line(ctx, name),
            f"no {name}: name at least one person",
            fix=f"add `{name}: Your Name (you@example.com)`",
        )


@rule(
    "DK107",
    "author-malformed",
    "An author entry is not written as `Name (email)` like the template's.",
    tags=("front-matter", "authors"),
    severity="gap",
)
def author_malformed(ctx: Context) -> Iterator[Issue]:
    name, value = _people_field(ctx)
    if name is None or value is None or not _has_metadata(ctx):
        return
    spec = ctx.schema.people_field
    wants_email = spec is not None and bool(_EMAIL_RE.search(spec.template_value))
    from docket.document._model import _split_people

    entries: list[Any] = value if isinstance(value, list) else _split_people(str(value))
    for entry in entries:
        problem = _author_problem(entry, wants_email)
        if problem:
            yield Issue(
                _entry_line(ctx, name, entry),
                f"{name} entry {_show(entry)} {problem}",
                fix="write each person as `Name (name@example.com)`",
            )


def _author_problem(entry: Any, wants_email: bool) -> str | None:
    if not isinstance(entry, str):
        return "is not a name (write it as plain text)"
    text = entry.strip()
    if not text:
        return "is empty"
    if _GENERIC_PLACEHOLDER_RE.search(text):
        return "is still a template placeholder"
    if _PERSON_RE.match(text):
        return None
    if any(c in text for c in "()<>@"):
        return "is not `Name (email)`"
    if wants_email:
        return "has no email address"
    return None


def _show(entry: Any) -> str:
    text = entry if isinstance(entry, str) else repr(entry)
    return repr(text[:60])


def _entry_line(ctx: Context, name: str, entry: Any) -> int:
    start = _line(ctx, name)
    front = ctx.doc.front_matter
    needle = entry.strip() if isinstance(entry, str) else ""
    if needle:
        last = max(start, front.end)
        for number in range(start, min(last, len(ctx.doc.lines)) + 1):
            if needle in ctx.doc.lines[number - 1]:
                return number
    return start


@rule(
    "DK108",
    "field-placeholder",
    "A metadata field still holds the template's placeholder value.",
    tags=("front-matter", "placeholder"),
    severity="gap",
)
def field_placeholder(ctx: Context) -> Iterator[Issue]:
    if not _has_metadata(ctx):
        return
    people = ctx.schema.people_field
    for spec in ctx.schema.fields:
        if spec.name == ctx.schema.state_field or (people is not None and spec.name == people.name):
            continue
        value = ctx.doc.field(spec.name)
        if value is None:
            continue
        if isinstance(value, dict) and spec.template_value.startswith("{"):
            text = "{" + ", ".join(str(k) for k in value) + "}"
            left = True
        else:
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            left = _looks_like_placeholder(ctx, text, spec.template_value)
        if left:
            yield Issue(
                _line(ctx, spec.name),
                f"{spec.name} is still the template's placeholder {text.strip()[:80]!r}",
                fix=f"replace the placeholder with this RFC's {spec.name}",
            )


def _looks_like_placeholder(ctx: Context, text: str, template_value: str) -> bool:
    text = text.strip()
    if not text:
        return False
    if any(p and p in text for p in ctx.schema.placeholders):
        return True
    if _GENERIC_PLACEHOLDER_RE.search(text):
        return True
    return text == template_value.strip() and bool(_TEMPLATE_DUMMY_RE.search(template_value))
