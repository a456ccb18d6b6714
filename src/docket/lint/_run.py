"""Linting files and folders: discovery, the cache, parallel workers and folder-level rules."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docket.lint._cache import LintCache, cache_key, content_hash
from docket.lint._context import file_number
from docket.lint._document import FileResult, LintError, check_state, file_finding, lint_document
from docket.lint._finding import Finding
from docket.lint._policy import (
    MIDDLE,
    ignored_for_file,
    matches,
    selected,
    severity_for,
    state_overrides,
)
from docket.lint._rule import Issue, Rule, get_rule

if TYPE_CHECKING:
    from docket.template import Schema
    from docket.workspace.config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown")
FOLDER_PAGES = frozenset({"readme.md", "index.md"})
"""Pages that describe a folder rather than propose anything: skipped when walking folders."""
PARALLEL_MIN = 24
"""Below this many files to parse, starting worker processes costs more than it saves."""


@dataclass
class LintRun:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    cached: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")


@dataclass(frozen=True)
class _Target:
    absolute: Path
    shown: str
    relative: str


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Markdown files under ``paths``, in a stable order.

    Folders are walked skipping hidden folders, the index file, the template and README or
    index pages; a file named explicitly is always linted.
    """
    skip = {_abs(config.index_file), _abs(config.cache_dir)}
    if config.template is not None:
        skip.add(_abs(config.template))
    found: dict[Path, None] = {}
    for given in paths:
        path = _abs(given)
        if not path.exists():
            raise LintError(f"{given}: no such file or folder")
        if not path.is_dir():
            found.setdefault(path, None)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and Path(folder, d) not in skip
            )
            for name in sorted(files + [d for d in dirs if d.endswith(MARKDOWN_SUFFIXES)]):
                candidate = Path(folder, name)
                if (
                    name.endswith(MARKDOWN_SUFFIXES)
                    and candidate not in skip
                    and name.lower() not in FOLDER_PAGES
                ):
                    found.setdefault(candidate, None)
    return list(found)


def _abs(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _shown(path: Path, root: Path) -> str:
    cwd = Path.cwd()
    for base in (cwd, root):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def settings_key(config: Config) -> str:
    """Everything in the config and the template's bytes, without parsing the template: a
    warm run that finds every file in the cache never imports the Markdown parser."""
    import dataclasses
    import hashlib
    import json

    if config.template is not None:
        try:
            template = config.template.read_bytes()
        except OSError as exc:
            raise LintError(f"template {config.template}: cannot be read ({exc})") from None
    else:
        from docket.template import default_template_text

        template = default_template_text().encode("utf-8")
    fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    payload = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8") + b"\0" + template).hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(_abs(root)).as_posix()
    except ValueError:
        return path.as_posix()


def lint_paths(
    paths: Sequence[Path] | None,
    config: Config,
    *,
    state: str | None = None,
    strict: bool = False,
    use_cache: bool = True,
    jobs: int | None = None,
) -> LintRun:
    """Lint files and folders (default: the config's ``rfc-dir``)."""
    from docket import __version__

    if state is not None:
        check_state(state, config.schema(), config)
    if not paths and not config.rfc_dir.is_dir():
        raise LintError(
            f"no RFC folder at {config.rfc_dir}: name files or folders to lint, "
            "or set rfc-dir in docket.toml"
        )
    targets = [
        _Target(p, _shown(p, config.root), _relative(p, config.root))
        for p in discover(list(paths) if paths else [config.rfc_dir], config)
    ]
    cache = None
    if use_cache:
        key = cache_key(__version__, settings_key(config), state or "", str(strict))
        cache = LintCache(_abs(config.cache_dir), key)

    results: dict[str, FileResult] = {}
    misses: list[tuple[_Target, bytes, str]] = []
    run = LintRun(files=len(targets))
    for target in targets:
        data, problem = _read(target.absolute, config.max_file_size)
        if problem is not None:
            results[target.shown] = file_finding(target.shown, None, problem)
            continue
        assert data is not None
        digest = content_hash(data)
        hit = cache.get(str(target.absolute), digest) if cache else None
        if hit is not None:
            try:
                results[target.shown] = FileResult.from_json(hit, target.shown)
                run.cached += 1
                continue
            except (KeyError, TypeError, ValueError):
                pass
        misses.append((target, data, digest))

    for (target, _data, digest), result in zip(
        misses, _lint_misses(misses, config, state, strict, jobs), strict=True
    ):
        results[target.shown] = result
        if cache is not None:
            cache.put(str(target.absolute), digest, result.to_json())
    if cache is not None:
        cache.save()

    findings: list[Finding] = []
    for target in targets:
        for finding in results[target.shown].findings:
            # DK001 is settled here: an unreadable file has no state to be strict about.
            kept = _unreadable(finding, target, config) if finding.code == "DK001" else finding
            if kept is not None:
                findings.append(kept)
    findings.extend(_folder_findings(targets, results, config, strict))
    run.findings = sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))
    return run


def _unreadable(finding: Finding, target: _Target, config: Config) -> Finding | None:
    """DK001 with the config applied: select/ignore, per-file ignores, ``[severity."*"]``."""
    if not selected(finding.code, config) or ignored_for_file(
        finding.code, target.relative, config
    ):
        return None
    severity = severity_for(get_rule(finding.code), MIDDLE, state_overrides(config, None))
    return None if severity is None else replace(finding, severity=severity)


def _read(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    try:
        if path.is_dir():
            return None, "is a directory, not a Markdown file"
        size = path.stat().st_size
        if size > limit:
            return None, (
                f"file is {size:,} bytes, over the max-file-size limit of {limit:,} bytes "
                "(raise max-file-size in docket.toml if this is intended)"
            )
        return path.read_bytes(), None
    except PermissionError:
        return None, "cannot be read: permission denied"
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}"


def _lint_misses(
    misses: list[tuple[_Target, bytes, str]],
    config: Config,
    state: str | None,
    strict: bool,
    jobs: int | None,
) -> list[FileResult]:
    if not misses:
        return []
    schema = config.schema()  # parsed only when something must be linted afresh
    items = [(t.shown, t.relative, data) for t, data, _digest in misses]
    workers = min(jobs or os.cpu_count() or 1, max(1, len(items) // (PARALLEL_MIN // 2)))
    if workers <= 1 or len(items) < PARALLEL_MIN:
        return _lint_items(items, schema, config, state, strict)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    chunks = _chunks(items, workers * 4)
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(schema, config, state, strict),
        ) as pool:
            return [r for chunk in pool.map(_worker_chunk, chunks) for r in chunk]
    except (BrokenProcessPool, OSError):
        # No processes to be had (a sandbox, a killed worker): slower, but still an answer.
        return _lint_items(items, schema, config, state, strict)


def _chunks(items: list[Any], count: int) -> list[list[Any]]:
    """``count`` chunks of similar total size, keeping the original order."""
    total = sum(len(i[2]) for i in items) or 1
    target = total / count
    chunks: list[list[Any]] = [[]]
    size = 0
    for item in items:
        if size >= target and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item[2])
    return chunks


_WORKER: dict[str, Any] = {}


def _init_worker(schema: Schema, config: Config, state: str | None, strict: bool) -> None:
    _WORKER.update(schema=schema, config=config, state=state, strict=strict)


def _worker_chunk(items: list[tuple[str, str, bytes]]) -> list[FileResult]:
    return _lint_items(
        items, _WORKER["schema"], _WORKER["config"], _WORKER["state"], _WORKER["strict"]
    )


def _lint_items(
    items: Iterable[tuple[str, str, bytes]],
    schema: Schema,
    config: Config,
    state: str | None,
    strict: bool,
) -> list[FileResult]:
    from docket.document import DocumentError, decode

    out = []
    # Parsing allocates hundreds of thousands of short-lived objects without cycles (the
    # parser's tokens): reference counting frees them, and the cycle collector, which
    # would scan them over and over, cost 9% of a cold run. It is back on after the batch.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for shown, relative, data in items:
            try:
                text = decode(data, shown)
            except DocumentError as exc:
                out.append(file_finding(shown, exc.line, exc.message))
                continue
            out.append(
                lint_document(
                    text,
                    schema,
                    path=shown,
                    config=config,
                    state=state,
                    strict=strict,
                    relative=relative,
                )
            )
    finally:
        if collecting:
            gc.enable()
    return out


def _folder_findings(
    targets: list[_Target],
    results: dict[str, FileResult],
    config: Config,
    strict: bool,
) -> list[Finding]:
    from docket.lint.rules.folder import (
        NUMBER_DUPLICATE,
        REFERENCE_UNKNOWN,
        duplicate_numbers,
        unknown_references,
    )

    readable = [t for t in targets if results[t.shown].readable]
    numbers = {t.shown: results[t.shown].number for t in readable}
    lines = {t.shown: results[t.shown].line for t in readable}
    siblings = _sibling_numbers(readable, config)
    for path, number in siblings.items():
        numbers.setdefault(path, number)
    known = {n for n in numbers.values() if n is not None}
    wanted = {t.shown for t in readable}

    found: list[tuple[Rule, str, Issue]] = []
    found.extend(
        (NUMBER_DUPLICATE, path, issue)
        for path, issue in duplicate_numbers(numbers, lines, known)
        if path in wanted
    )
    refs = {
        t.shown: [(r.number, r.line, r.column) for r in results[t.shown].references]
        for t in readable
    }
    found.extend((REFERENCE_UNKNOWN, p, i) for p, i in unknown_references(refs, known))

    by_path = {t.shown: t for t in readable}
    out = []
    for rule, path, issue in found:
        target = by_path[path]
        result = results[path]
        if not selected(rule.code, config) or ignored_for_file(rule.code, target.relative, config):
            continue
        if any(
            s <= issue.line <= e and matches(rule.code, codes) for codes, s, e in result.ignores
        ):
            continue
        severity = severity_for(rule, result.level, state_overrides(config, result.state))
        if severity is None:
            continue
        out.append(
            Finding(
                path=path,
                line=issue.line,
                column=issue.column,
                code=rule.code,
                slug=rule.slug,
                severity="error" if strict and severity == "warning" else severity,
                message=issue.message,
                doc_url=rule.doc_url,
                fix=issue.fix,
            )
        )
    return out


def _sibling_numbers(targets: list[_Target], config: Config) -> dict[str, int | None]:
    """Numbers of the other RFC files beside the linted ones and in ``rfc-dir``, by file name."""
    skip = {_abs(config.index_file)} | ({_abs(config.template)} if config.template else set())
    folders = {t.absolute.parent for t in targets} | {_abs(config.rfc_dir)}
    out: dict[str, int | None] = {}
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        shown = _shown(folder, config.root)
        prefix = "" if shown == "." else shown.rstrip("/") + "/"
        for name in names:
            if name.endswith(MARKDOWN_SUFFIXES) and folder / name not in skip:
                out[prefix + name] = file_number(name)
    return out
