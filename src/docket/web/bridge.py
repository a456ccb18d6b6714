"""The bridge between a folder of RFC files and the web workspace's database.

Import is idempotent: an RFC is matched by its number, and gets a new revision only when
the file's bytes differ from its current revision. Export writes each RFC's current
revision back, to the file already holding that number when there is one, so a round trip
reproduces the folder byte for byte (the revision stores the exact text, BOM and CRLF
included). Files that cannot be read are reported by path and skipped; they never stop
the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docket.document import DEFAULT_MAX_BYTES, DocumentError, decode, parse_document
from docket.template import Schema
from docket.workspace._atomic import write_atomic
from docket.workspace._names import slugify

_NUMBER_IN_NAME = re.compile(r"^(?:rfc[-_ ]?)?0*(\d{1,9})(?=[-_ .])", re.IGNORECASE)

Action = Literal["create", "update", "unchanged"]


@dataclass(frozen=True)
class Problem:
    """A file skipped, and why, in words its author can act on."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    number: int
    title: str
    text: str  # exactly the file's content, BOM and line endings kept


@dataclass(frozen=True)
class ImportStep:
    action: Action
    source: SourceFile
    rfc_id: int | None = None


@dataclass
class ImportPlan:
    steps: list[ImportStep] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[Problem] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for step in self.steps if step.action == action)


@dataclass(frozen=True)
class ExportStep:
    action: Literal["write", "unchanged"]
    path: Path
    number: int
    text: str  # the current revision, written back exactly (BOM and line endings kept)


@dataclass
class ExportPlan:
    steps: list[ExportStep] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for step in self.steps if step.action == action)


class BridgeError(Exception):
    """The folder itself cannot be used (missing, not a directory)."""


class NotAnRfc(DocumentError):
    """A Markdown file with no RFC number anywhere: a README, notes, a template."""


@dataclass
class FolderScan:
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # RFCs that cannot be read
    ignored: list[Problem] = field(default_factory=list)  # Markdown that is not an RFC


_SKIP_DIRS = {"node_modules", "__pycache__"}


def export_name(number: int, title: str) -> str:
    return f"{number:04d}-{slugify(title)}.md"


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise BridgeError(f"{folder}: no such directory")
    if not folder.is_dir():
        raise BridgeError(f"{folder}: not a directory")
    return sorted(
        p
        for p in folder.rglob("*.md")
        if p.is_file()
        and not p.is_symlink()
        and not any(
            part.startswith(".") or part in _SKIP_DIRS for part in p.relative_to(folder).parts
        )
    )


def read_source(path: Path, schema: Schema, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """One RFC file, or a ``DocumentError`` naming the path and the reason."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read the file: {exc.strerror or exc}") from None
    decode(data, name)  # refuses binary data and invalid UTF-8, naming the line
    text = data.decode("utf-8")
    doc = parse_document(text, name, schema=schema)
    number = doc.title.number if doc.title is not None else None
    if number is None:
        number = _number_field(doc.front_matter.data)
    if number is None:
        match = _NUMBER_IN_NAME.match(path.name)
        number = int(match.group(1)) if match else None
    if number is None:
        raise NotAnRfc(
            name,
            "no RFC number: put it in the title (e.g. 'RFC 12 - ...'), "
            "a 'number' front-matter field, or the file name (0012-....md)",
        )
    title = (doc.title.text if doc.title is not None else "") or path.stem
    return SourceFile(path, number, title, text)


def _number_field(data: dict[str, Any]) -> int | None:
    for key in ("number", "rfc", "id"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
    return None


def read_folder(folder: Path, schema: Schema, max_bytes: int = DEFAULT_MAX_BYTES) -> FolderScan:
    """Every readable RFC under ``folder``; a number claimed twice keeps its first file.

    Hidden files and folders are passed over, as the workspace's own discovery does.
    """
    scan = FolderScan()
    seen: dict[int, Path] = {}
    for path in _markdown_files(folder):
        try:
            source = read_source(path, schema, max_bytes)
        except NotAnRfc as exc:
            scan.ignored.append(Problem(path, exc.message))
            continue
        except DocumentError as exc:
            where = "" if exc.line is None else f"line {exc.line}: "
            scan.problems.append(Problem(path, where + exc.message))
            continue
        if source.number in seen:
            scan.problems.append(
                Problem(path, f"RFC {source.number} is already in {seen[source.number]}; skipped")
            )
            continue
        seen[source.number] = path
        scan.sources.append(source)
    return scan


Progress = Callable[[Path], None]


def plan_import(folder: Path, schema: Schema, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportPlan:
    """What importing ``folder`` would do, file by file, without changing anything."""
    from docket.web.proposals.models import Rfc

    scan = read_folder(folder, schema, max_bytes)
    existing = {
        rfc.number: rfc
        for rfc in Rfc.objects.filter(number__in=[s.number for s in scan.sources]).select_related(
            "current"
        )
    }
    plan = ImportPlan(problems=scan.problems, ignored=scan.ignored)
    for source in scan.sources:
        rfc = existing.get(source.number)
        if rfc is None:
            plan.steps.append(ImportStep("create", source))
        elif rfc.current is not None and rfc.current.text == source.text:
            plan.steps.append(ImportStep("unchanged", source, rfc.pk))
        else:
            plan.steps.append(ImportStep("update", source, rfc.pk))
    return plan


@dataclass
class ImportResult:
    created: list[ImportStep] = field(default_factory=list)
    updated: list[ImportStep] = field(default_factory=list)
    unchanged: list[ImportStep] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def apply_import(plan: ImportPlan, user: Any, progress: Progress | None = None) -> ImportResult:
    """Carry out ``plan``, one transaction per file; a refused file is a problem, not a stop."""
    from django.core.exceptions import PermissionDenied

    from docket.web.proposals.models import Rfc
    from docket.web.proposals.services import ServiceError, create_rfc, save_revision

    result = ImportResult(problems=list(plan.problems))
    for step in plan.steps:
        try:
            if step.action == "create":
                create_rfc(user, step.source.title, step.source.text, number=step.source.number)
                result.created.append(step)
            elif step.action == "update":
                rfc = Rfc.objects.get(number=step.source.number)
                save_revision(rfc, user, step.source.text, rfc.current_id, message="imported")
                result.updated.append(step)
            else:
                result.unchanged.append(step)
        except (ServiceError, PermissionDenied) as exc:
            result.problems.append(Problem(step.source.path, str(exc)))
        if progress is not None:
            progress(step.source.path)
    return result


def plan_export(folder: Path, schema: Schema, max_bytes: int = DEFAULT_MAX_BYTES) -> ExportPlan:
    """Each RFC's current text and the file it goes to: the one holding its number, if any."""
    from docket.web.proposals.models import Rfc

    if folder.exists() and not folder.is_dir():
        raise BridgeError(f"{folder}: not a directory")
    on_disk: dict[int, Path] = {}
    problems: list[Problem] = []
    if folder.exists():
        scan = read_folder(folder, schema, max_bytes)
        problems = scan.problems
        on_disk = {source.number: source.path for source in scan.sources}
    plan = ExportPlan(problems=problems)
    for rfc in Rfc.objects.exclude(current=None).select_related("current").order_by("number"):
        if rfc.current is None:  # excluded above; narrows the type
            continue
        text = rfc.current.text
        path = on_disk.get(rfc.number) or folder / export_name(rfc.number, rfc.title)
        unchanged = path.is_file() and path.read_bytes() == text.encode("utf-8")
        plan.steps.append(ExportStep("unchanged" if unchanged else "write", path, rfc.number, text))
    return plan


def apply_export(plan: ExportPlan, folder: Path, progress: Progress | None = None) -> int:
    """Write the files that differ, each atomically; returns how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for step in plan.steps:
        if step.action == "write":
            write_atomic(step.path, step.text)
            written += 1
        if progress is not None:
            progress(step.path)
    return written
