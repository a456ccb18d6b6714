"""Finding the RFC files in the configured folder, by the configured file pattern."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docket.workspace._names import FilePattern
from docket.workspace.config import Config

_SKIP_DIRS = {".git", "node_modules", "__pycache__"}


@dataclass(frozen=True, order=True)
class RfcFile:
    number: int
    relative: str
    """Path relative to the RFC folder, with ``/`` separators."""
    path: Path
    slug: str


def discover(config: Config) -> list[RfcFile]:
    """Every RFC file, by number; the template, the index and hidden files are not RFCs."""
    folder = config.rfc_dir
    if not folder.is_dir():
        return []
    pattern = FilePattern(config.file_pattern)
    skip = {p.resolve() for p in (config.template, config.index_file) if p is not None}
    found = []
    for path in _markdown_files(folder, nested="/" in config.file_pattern):
        relative = path.relative_to(folder).as_posix()
        matched = pattern.match(relative)
        if matched is None or path.resolve() in skip:
            continue
        found.append(RfcFile(matched[0], relative, path, matched[1]))
    return sorted(found)


def _markdown_files(folder: Path, nested: bool) -> Iterable[Path]:
    if not nested:
        return (
            p
            for p in folder.iterdir()
            if p.suffix.lower() == ".md" and not p.name.startswith(".") and p.is_file()
        )
    return (
        p
        for p in folder.rglob("*.md")
        if p.is_file()
        and not any(
            part.startswith(".") or part in _SKIP_DIRS for part in p.relative_to(folder).parts
        )
    )


def by_number(files: Iterable[RfcFile], number: int) -> list[RfcFile]:
    return [f for f in files if f.number == number]


def numbers(files: Iterable[RfcFile]) -> set[int]:
    return {f.number for f in files}
