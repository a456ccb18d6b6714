"""Giving an RFC a new number: its file name, its title, and references to it elsewhere.

References are ``RFC 12``, ``RFC-12``, ``RFC-0012``, ``RFC12``, ``RFC #12`` and links to its
file name; ``RFC 120``, ``RFC 1`` and ``RFC 12.5`` are other things and stay untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docket.document import parse_document
from docket.template import Schema
from docket.workspace._discovery import RfcFile
from docket.workspace._lines import Lines, body, line_ending


@dataclass
class RenumberPlan:
    source: RfcFile
    target: Path
    new_number: int
    texts: dict[Path, tuple[str, str]] = field(default_factory=dict)
    """Every file whose text changes: path -> (old text, new text)."""


def reference_pattern(number: int) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w-])(?P<prefix>RFC(?:[ \t]?#|[ \t-])?)(?P<num>0*{number})(?!\d|[.,]\d)",
        re.IGNORECASE,
    )


def rewrite_references(
    text: str, old: int, new: int, old_name: str, new_name: str, *, by_number: bool = True
) -> str:
    """``text`` with references to RFC ``old`` (and links to ``old_name``) pointing at ``new``.

    ``by_number=False`` leaves ``RFC 12``-style references alone: when two files share the
    number, such a reference may mean the other one, and only file links are unambiguous.
    """

    def number(match: re.Match[str]) -> str:
        digits = match["num"]
        padded = str(new).zfill(len(digits)) if digits.startswith("0") else str(new)
        return match["prefix"] + padded

    if by_number:
        text = reference_pattern(old).sub(number, text)
    if old_name != new_name:
        link = re.compile(rf"(?<![\w.-]){re.escape(old_name)}(?!\w)")
        text = link.sub(lambda _m: new_name, text)
    return text


def retitle(text: str, schema: Schema, old: int, new: int) -> str:
    """``text`` with the number in its title line changed from ``old`` to ``new``."""
    if schema.title is None:
        return text
    doc = parse_document(text, "<text>", schema.title)
    if doc.title is None or doc.title.number != old:
        return text
    lines = Lines.of(text)
    index = doc.title.line - 1
    raw = lines.lines[index]

    def swap(match: re.Match[str]) -> str:
        digits = match.group()
        return str(new).zfill(len(digits)) if digits.startswith("0") else str(new)

    lines.lines[index] = re.sub(rf"(?<!\d)0*{old}(?!\d)", swap, body(raw), count=1) + line_ending(
        raw
    )
    return lines.text()


def plan_renumber(
    source: RfcFile,
    target: Path,
    new_relative: str,
    new: int,
    texts: dict[Path, str],
    schema: Schema,
    *,
    by_number: bool = True,
) -> RenumberPlan:
    """The edits renumbering ``source`` to ``new`` makes across ``texts`` (every RFC's text)."""
    plan = RenumberPlan(source, target, new)
    # Links name the path inside the RFC folder: the file name for flat patterns, and for
    # nested ones (``{number}/README.md``) the part that tells this RFC's links from others'.
    old_name, new_name = source.relative, new_relative
    for path, old_text in texts.items():
        new_text = old_text
        if path == source.path:
            new_text = retitle(new_text, schema, source.number, new)
        new_text = rewrite_references(
            new_text, source.number, new, old_name, new_name, by_number=by_number
        )
        if new_text != old_text:
            plan.texts[path] = (old_text, new_text)
    return plan
