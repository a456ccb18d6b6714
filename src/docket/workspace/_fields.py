"""Changing one metadata value in place: YAML front matter or a ``- Key: value`` list.

Only the value's own characters change; the key, its quoting style, a trailing comment,
every other line and the line endings stay as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Literal

from docket.document import FrontMatter, TitlePattern, field_key, parse_document
from docket.workspace._lines import Lines, body, line_ending

Value = str | Sequence[str]


class FieldError(ValueError):
    """Metadata Docket cannot edit safely (front matter that does not parse, say)."""


Style = Literal["yaml", "list", "none"]

_YAML_LINE_RE = re.compile(
    r"^(?P<pre>(?P<key>[^\s#:-][^:]*?)\s*:[ \t]*)(?P<val>.*?)(?P<post>[ \t]+#.*)?$"
)
_LIST_LINE_RE = re.compile(
    r"^(?P<pre>\s*[-*+]\s+\**(?P<key>[A-Za-z][\w /.-]{0,40}?)\**\s*:\**[ \t]*)(?P<val>.*?)"
    r"(?P<post>\s*)$"
)


def front_matter_of(text: str, title: TitlePattern | None = None) -> FrontMatter:
    return parse_document(text, "<text>", title if title is not None else None).front_matter


def set_field(
    text: str,
    name: str,
    value: Value,
    *,
    title: TitlePattern | None = None,
    style: Style = "yaml",
) -> str:
    """``text`` with metadata field ``name`` set to ``value``; added when the field is missing.

    ``style`` is how to write metadata when the document has none (the template's style).
    """
    front = front_matter_of(text, title)
    lines = Lines.of(text)
    line_no = _field_line(front, name)
    if line_no is not None and front.style == "yaml":
        _replace_yaml(lines, front, line_no, value)
    elif line_no is not None and front.style == "list":
        _replace_list(lines, line_no, value)
    elif front.style == "yaml" and not front.error:
        nl = lines.newline
        lines.lines.insert(front.end - 1, f"{name}: {_yaml_scalar(_joined(value))}{nl}")
    elif front.style == "list":
        lines.ensure_ending(front.end - 1)
        marker = re.match(r"\s*[-*+]\s+", body(lines.lines[front.start - 1]))
        prefix = marker.group() if marker else "- "
        lines.lines.insert(front.end, f"{prefix}{name}: {_joined(value)}{lines.newline}")
    elif front.style == "none" and not front.error:
        nl = lines.newline
        if style == "list":
            head = [f"- {name}: {_joined(value)}{nl}", nl]
        else:
            head = ["---" + nl, f"{name}: {_yaml_scalar(_joined(value))}{nl}", "---" + nl, nl]
        lines.lines[0:0] = head
    else:
        raise FieldError(f"cannot set {name!r}: {front.error}")
    return lines.text()


def _field_line(front: FrontMatter, name: str) -> int | None:
    wanted = field_key(name)
    for key, line in front.field_lines.items():
        if field_key(key) == wanted:
            return line
    return None


def _replace_yaml(lines: Lines, front: FrontMatter, line_no: int, value: Value) -> None:
    index = line_no - 1
    raw = lines.lines[index]
    match = _YAML_LINE_RE.match(body(raw))
    if match is None:  # pragma: no cover - field_lines only records lines this pattern matches
        raise FieldError(f"line {line_no} is not a `key: value` line")
    continuation = _continuation(lines, front, index)
    if continuation and not isinstance(value, str):
        first = body(lines.lines[index + 1])
        indent = first[: len(first) - len(first.lstrip())]
        nl = lines.newline
        items = [f"{indent}- {_yaml_scalar(v)}{nl}" for v in value]
        lines.lines[index + 1 : index + 1 + continuation] = items
        return
    pre = match["pre"] if match["pre"].endswith((" ", "\t")) else match["pre"] + " "
    new = _quoted_like(match["val"], _joined(value))
    lines.lines[index] = pre + new + (match["post"] or "") + line_ending(raw)
    del lines.lines[index + 1 : index + 1 + continuation]


def _continuation(lines: Lines, front: FrontMatter, index: int) -> int:
    """How many lines after ``index`` continue that key's value (indented or ``-`` items)."""
    count = 0
    last = front.end - 2  # index of the line before the closing ``---``
    i = index + 1
    while i <= last and i < len(lines.lines):
        text = body(lines.lines[i])
        if not text.strip() or not (text[0] in " \t" or text.startswith("-")):
            break
        count += 1
        i += 1
    return count


def _replace_list(lines: Lines, line_no: int, value: Value) -> None:
    index = line_no - 1
    raw = lines.lines[index]
    match = _LIST_LINE_RE.match(body(raw))
    if match is None:
        raise FieldError(f"line {line_no} is not a `- Key: value` item")
    lines.lines[index] = match["pre"] + _joined(value) + match["post"] + line_ending(raw)


def _joined(value: Value) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def _quoted_like(old: str, value: str) -> str:
    if len(old) >= 2 and old[0] == old[-1] == '"':
        return json.dumps(value, ensure_ascii=False)
    if len(old) >= 2 and old[0] == old[-1] == "'":
        return "'" + value.replace("'", "''") + "'"
    return _yaml_scalar(value)


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else quoted."""
    import yaml

    if value == "":
        return '""'
    try:
        loaded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        loaded = None
    plain = loaded.get("k") if isinstance(loaded, dict) else None
    if plain is not None and not isinstance(plain, bool | dict | list) and str(plain) == value:
        return value
    return json.dumps(value, ensure_ascii=False)
