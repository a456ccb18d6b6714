"""The lint cache: results by file content, template, config and Docket version, like ruff.

One JSON index per key (``lint-<key>.json`` under ``cache-dir``) maps each absolute path to
the hash of the bytes last linted there and that run's results. It is written atomically;
a missing, corrupt or foreign cache file is ignored, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\0".join((*parts, _code_stamp())).encode("utf-8")).hexdigest()[:24]


def _code_stamp() -> str:
    """The linter's own files (names, sizes, mtimes): an edited rule invalidates the cache
    even when the version number did not change, as in an editable install."""
    package = Path(__file__).parent
    stamp = []
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = path.stat()
            stamp.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamp)


class LintCache:
    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.file = directory / f"lint-{key}.json"
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("format") == FORMAT:
            entries = data.get("files")
            if isinstance(entries, dict):
                self._entries = entries

    def get(self, path: str, digest: str) -> dict[str, Any] | None:
        entry = self._entries.get(path)
        if isinstance(entry, dict) and entry.get("hash") == digest:
            result = entry.get("result")
            return result if isinstance(result, dict) else None
        return None

    def put(self, path: str, digest: str, result: dict[str, Any]) -> None:
        self._entries[path] = {"hash": digest, "result": result}
        self._dirty = True

    def save(self) -> None:
        """Write the index atomically; a cache that cannot be written is silently skipped."""
        if not self._dirty:
            return
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by docket: the lint cache.\n*\n", encoding="utf-8")
            payload = json.dumps({"format": FORMAT, "files": self._entries}, separators=(",", ":"))
            fd, tmp = tempfile.mkstemp(prefix=".lint-", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.replace(tmp, self.file)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune()
            self._dirty = False

    def _prune(self) -> None:
        """Drop indexes written under other keys: an old template or config."""
        for other in self.directory.glob("lint-*.json"):
            if other != self.file:
                with contextlib.suppress(OSError):
                    other.unlink()
