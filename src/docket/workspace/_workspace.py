"""A configured folder of RFCs and the operations on it that the CLI and the web app share."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from docket.document import Document, DocumentError, Person, parse_document, read_text
from docket.template import Schema
from docket.workspace._atomic import write_atomic
from docket.workspace._discovery import RfcFile, by_number, discover, numbers
from docket.workspace._fields import FieldError
from docket.workspace._migrate import migrate_text
from docket.workspace._names import FilePattern, slugify
from docket.workspace._renumber import RenumberPlan, plan_renumber
from docket.workspace._reserve import create_rfc
from docket.workspace._rows import RfcRow, cache_key, cached_rows
from docket.workspace._scaffold import scaffold
from docket.workspace._state import set_state
from docket.workspace._summary import RfcSummary, summarise
from docket.workspace.config import Config


class WorkspaceError(Exception):
    """A request the workspace cannot carry out: ``str()`` says what, ``hint`` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class Workspace:
    """One configured RFC folder; every method re-reads the folder, so it never goes stale."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.pattern = FilePattern(config.file_pattern)

    @property
    def schema(self) -> Schema:
        return self.config.schema()

    def files(self) -> list[RfcFile]:
        return discover(self.config)

    def resolve(self, ref: str, files: Sequence[RfcFile] | None = None) -> RfcFile:
        """An RFC named by number (``12``, ``0012``, ``RFC-12``) or by its file path."""
        files = list(files) if files is not None else self.files()
        text = ref.strip()
        digits = text.upper().removeprefix("RFC").strip(" -#")
        if digits.isdigit():
            found = by_number(files, int(digits))
            if not found:
                raise WorkspaceError(
                    f"no RFC numbered {int(digits)} in {self.shown(self.config.rfc_dir)}",
                    "`docket list` shows the RFCs there.",
                )
            if len(found) > 1:
                names = ", ".join(f.relative for f in found)
                raise WorkspaceError(
                    f"{len(found)} files are numbered {int(digits)}: {names}",
                    f"give the file path instead, or run `docket renumber {int(digits)} NEW "
                    "--file PATH` to give one of them a free number.",
                )
            return found[0]
        return self.file_at(Path(text), files)

    def file_at(self, path: Path, files: Sequence[RfcFile] | None = None) -> RfcFile:
        target = path.resolve()
        folder = self.config.rfc_dir.resolve()
        if not target.is_relative_to(folder):
            raise WorkspaceError(
                f"{path} is outside the workspace's RFC folder {self.shown(folder)}",
                "name an RFC by its number, or a file inside the RFC folder.",
            )
        for file in files if files is not None else self.files():
            if file.path.resolve() == target:
                return file
        if not target.exists():
            raise WorkspaceError(f"{path}: no such file")
        raise WorkspaceError(
            f"{path} is not an RFC file: its name does not match {self.config.file_pattern!r}",
            "RFC files are named by the `file-pattern` setting in docket.toml.",
        )

    def read(self, file: RfcFile) -> str:
        """The file's text exactly as stored (a BOM kept), or a ``DocumentError``."""
        text = read_text(file.path, self.config.max_file_size)
        with open(file.path, "rb") as handle:
            return "\ufeff" + text if handle.read(3) == b"\xef\xbb\xbf" else text

    def document(self, file: RfcFile, text: str | None = None) -> Document:
        return parse_document(
            text if text is not None else self.read(file), str(file.path), self.schema.title
        )

    def summaries(
        self,
        files: Sequence[RfcFile] | None = None,
        progress: Callable[[RfcFile], None] | None = None,
    ) -> tuple[list[RfcSummary], list[DocumentError]]:
        """Every readable RFC summarised, and the files that could not be read."""
        rows, errors = [], []
        for file in files if files is not None else self.files():
            try:
                rows.append(summarise(file, self.document(file), self.schema))
            except DocumentError as exc:
                errors.append(exc)
            if progress is not None:
                progress(file)
        return rows, errors

    def rows(
        self,
        files: Sequence[RfcFile] | None = None,
        progress: Callable[[RfcFile], None] | None = None,
    ) -> tuple[list[RfcRow], list[DocumentError]]:
        """What listings show for every readable RFC; cached by content, so fast when warm."""
        schema = self.schema
        key = cache_key(schema.fingerprint, self.config.file_pattern)
        cache = self.config.cache_dir / f"rows-{key}.json"

        def parse(file: RfcFile, text: str) -> RfcSummary:
            return summarise(file, parse_document(text, str(file.path), schema.title), schema)

        listed = files if files is not None else self.files()
        return cached_rows(listed, cache, self.read, parse, progress)

    def create(
        self,
        title: str,
        authors: Sequence[str | Person],
        state: str | None = None,
        today: dt.date | None = None,
    ) -> tuple[int, Path]:
        """Scaffold a new RFC under the next free number; safe against concurrent callers."""
        if not title.strip():
            raise WorkspaceError("the title is empty", 'give one: docket new "My title"')
        lifecycle = self.config.lifecycle()
        if state is not None and lifecycle and state not in lifecycle:
            raise WorkspaceError(
                f"unknown state {state!r}", f"the states are: {', '.join(lifecycle)}"
            )
        first = state or (lifecycle[0] if lifecycle else None)

        def render(number: int) -> str:
            return scaffold(
                self.schema,
                number=number,
                title=title.strip(),
                authors=authors,
                state=first,
                today=today,
            )

        return create_rfc(
            self.config.rfc_dir,
            self.pattern,
            slugify(title),
            render,
            lambda: numbers(self.files()),
        )

    def write_state(self, file: RfcFile, new_state: str, today: dt.date | None = None) -> str:
        """Write the new state into the file atomically; returns the new text."""
        try:
            text = set_state(self.read(file), self.schema, new_state, today)
        except FieldError as exc:
            raise WorkspaceError(
                f"{self.shown(file.path)}: {exc}", "fix the front matter, then try again."
            ) from None
        write_atomic(file.path, text)
        return text

    def plan_renumber(self, file: RfcFile, new: int) -> RenumberPlan:
        files = self.files()
        if new < 0:
            raise WorkspaceError(f"{new} is not an RFC number", "numbers are 0 or more.")
        taken = [f for f in by_number(files, new) if f.path != file.path]
        if taken:
            raise WorkspaceError(
                f"RFC {new} already exists: {taken[0].relative}",
                f"pick a free number; the next one is {max(numbers(files), default=0) + 1}.",
            )
        relative = self.pattern.format(new, file.slug)
        target = self.config.rfc_dir / relative
        if target.exists() and target.resolve() != file.path.resolve():
            raise WorkspaceError(f"{self.shown(target)} already exists")
        texts = {f.path: self.read(f) for f in files}
        shared = len(by_number(files, file.number)) > 1
        return plan_renumber(file, target, relative, new, texts, self.schema, by_number=not shared)

    def apply_renumber(self, plan: RenumberPlan) -> None:
        for path, (_old, new_text) in plan.texts.items():
            write_atomic(path, new_text)
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(plan.source.path, plan.target)

    def migrations(
        self, keys: Sequence[str], files: Iterable[RfcFile] | None = None
    ) -> list[tuple[RfcFile, str, str]]:
        """``(file, old text, new text)`` for every RFC the added sections would change."""
        out = []
        for file in files if files is not None else self.files():
            old = self.read(file)
            new = migrate_text(old, self.schema, keys)
            if new != old:
                out.append((file, old, new))
        return out

    def shown(self, path: Path) -> str:
        """A path as the user would write it: relative to the current folder when inside it."""
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)
