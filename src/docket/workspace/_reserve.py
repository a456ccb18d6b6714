"""Creating a new RFC file under the next free number, safely across processes.

Each candidate number is claimed by creating a hidden claim file with ``O_CREAT | O_EXCL``:
only one process can hold a number's claim. The holder re-checks that no RFC has taken the
number meanwhile, creates the RFC file (a fully written temp file hard-linked into place, so
no reader sees it half written and an existing file is never replaced), then drops the
claim. A process that loses a race moves on to the next number.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docket.workspace._names import FilePattern

STALE_CLAIM_SECONDS = 60.0
MAX_ATTEMPTS = 1000


class ReserveError(Exception):
    """No file could be created for a new RFC; the message says why."""


def create_rfc(
    folder: Path,
    pattern: FilePattern,
    slug: str,
    render: Callable[[int], str],
    taken: Callable[[], set[int]],
) -> tuple[int, Path]:
    """Write ``render(number)`` to a new file under the lowest number above every taken one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReserveError(f"{folder}: cannot create the RFC folder: {exc.strerror}") from None
    number = max(taken(), default=0) + 1
    for _attempt in range(MAX_ATTEMPTS):
        claim = folder / f".docket-claim-{number}"
        if not _claim(claim):
            number += 1
            continue
        try:
            if number in taken():
                number = max(taken(), default=number) + 1
                continue
            path = folder / pattern.format(number, slug)
            if _publish(path, render(number)):
                return number, path
            number += 1
        finally:
            with contextlib.suppress(FileNotFoundError):
                claim.unlink()
    raise ReserveError(f"{folder}: no free RFC number found after {MAX_ATTEMPTS} attempts")


def _claim(claim: Path) -> bool:
    try:
        fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        with contextlib.suppress(FileNotFoundError):
            if time.time() - claim.stat().st_mtime > STALE_CLAIM_SECONDS:
                claim.unlink()  # left by a process that died holding it
        return False
    except OSError as exc:
        raise ReserveError(
            f"{claim.parent}: cannot write in the RFC folder: {exc.strerror}"
        ) from None
    os.close(fd)
    return True


def _publish(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text``; ``False`` when a file of that name already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            return _publish_exclusive(path, text)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _publish_exclusive(path: Path, text: str) -> bool:
    """Fallback where hard links are not supported: ``O_EXCL`` create, then write."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return True
