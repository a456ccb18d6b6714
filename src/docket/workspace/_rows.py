"""What listings need from each RFC, cached by file content like the lint cache.

``docket list``, ``index`` and ``new`` need a few facts per RFC (title, state, authors,
completeness, summary), but getting them means parsing every file. The facts are kept in
one JSON file under ``cache-dir``, keyed by the template, the file pattern and Docket's own
parsing code, and looked up by each file's content hash: an unchanged folder is listed
without parsing anything. A missing, corrupt or unwritable cache is ignored, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.document import DocumentError, Person
from docket.workspace._atomic import write_atomic
from docket.workspace._discovery import RfcFile
from docket.workspace._summary import RfcSummary

FORMAT = 1
_CODE = ("document", "template", "workspace")


@dataclass(frozen=True)
class RfcRow:
    file: RfcFile
    title: str
    state: str
    people: tuple[Person, ...]
    filled: int
    kept: int
    summary: str

    @property
    def number(self) -> int:
        return self.file.number

    @property
    def authors(self) -> list[str]:
        return [p.name for p in self.people]

    @classmethod
    def of(cls, summary: RfcSummary) -> RfcRow:
        return cls(
            summary.file,
            summary.title,
            summary.state,
            tuple(summary.document.authors),
            summary.completeness.filled,
            summary.completeness.total,
            summary.summary_text,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "state": self.state,
            "people": [[p.name, p.email] for p in self.people],
            "filled": self.filled,
            "kept": self.kept,
            "summary": self.summary,
        }

    @classmethod
    def from_json(cls, file: RfcFile, data: dict[str, Any]) -> RfcRow:
        return cls(
            file,
            str(data["title"]),
            str(data["state"]),
            tuple(Person(str(n), str(e)) for n, e in data["people"]),
            int(data["filled"]),
            int(data["kept"]),
            str(data["summary"]),
        )


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\0".join((str(FORMAT), *parts, _code_stamp())).encode()).hexdigest()[:24]


def _code_stamp() -> str:
    """Docket's parsing code (names, sizes, mtimes): an edit invalidates cached rows."""
    package = Path(__file__).resolve().parents[1]
    stamp = []
    for name in _CODE:
        for path in sorted((package / name).glob("*.py")):
            with contextlib.suppress(OSError):
                info = path.stat()
                stamp.append(f"{name}/{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamp)


def cached_rows(
    files: Sequence[RfcFile],
    cache_file: Path | None,
    read: Callable[[RfcFile], str],
    summarise: Callable[[RfcFile, str], RfcSummary],
    progress: Callable[[RfcFile], None] | None = None,
) -> tuple[list[RfcRow], list[DocumentError]]:
    """A row per readable file: from the cache when its bytes are unchanged, else parsed."""
    entries = _load(cache_file)
    fresh: dict[str, Any] = {}
    rows: list[RfcRow] = []
    errors: list[DocumentError] = []
    for file in files:
        try:
            text = read(file)
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            key = str(file.path)
            hit = entries.get(key)
            row = None
            if isinstance(hit, dict) and hit.get("hash") == digest:
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    row = RfcRow.from_json(file, hit["row"])
            if row is None:
                row = RfcRow.of(summarise(file, text))
            fresh[key] = {"hash": digest, "row": row.to_json()}
            rows.append(row)
        except DocumentError as exc:
            errors.append(exc)
        if progress is not None:
            progress(file)
    if cache_file is not None and fresh != entries:
        _save(cache_file, fresh)
    return rows, errors


def _load(cache_file: Path | None) -> dict[str, Any]:
    if cache_file is None:
        return {}
    try:
        data = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def _save(cache_file: Path, entries: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        ignore = cache_file.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by docket: caches.\n*\n", encoding="utf-8")
        write_atomic(cache_file, json.dumps({"files": entries}, separators=(",", ":")))
        for stale in cache_file.parent.glob("rows-*.json"):
            if stale != cache_file:
                stale.unlink(missing_ok=True)  # written for another template or code version
