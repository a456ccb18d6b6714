"""The folder workflow: ``docket init``, ``new``, ``list``, ``show``, ``state``, ``index``,
``renumber`` and ``migrate-template``.

Commands parse arguments, call ``docket.workspace`` and print. Exit codes: 0 done, 1 a
check failed or a change was refused (not ready, stale index, existing docket.toml),
2 the command could not run (bad input, unknown RFC or state, no workspace).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from docket.cli._app import app
from docket.document import DocumentError, heading_key
from docket.lint import LintError, lint_paths, readiness
from docket.template import TemplateError, default_template_text, load_schema, parse_schema
from docket.workspace import (
    Candidate,
    IndexFileError,
    PatternError,
    ReserveError,
    RfcFile,
    RfcRow,
    RfcSummary,
    Workspace,
    WorkspaceError,
    added_sections,
    earlier_template,
    index_table,
    last_changes,
    sections_no_rfc_has,
    similar_rfcs,
    transition_problem,
    unified_diff,
    update_index,
    write_atomic,
)
from docket.workspace.config import CONFIG_FILE, Config, ConfigError, load_config

EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
# Below this many files reading them takes well under a second: no progress bar.
PROGRESS_THRESHOLD = 150

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class SortKey(StrEnum):
    NUMBER = "number"
    TITLE = "title"
    STATE = "state"
    UPDATED = "updated"
    COMPLETENESS = "completeness"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ShowFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _fail(message: str, hint: str = "", code: int = EXIT_BAD_INPUT) -> NoReturn:
    err.print(f"[red]Error:[/red] {escape(message)}")
    if hint:
        err.print(f"  [dim]hint:[/dim] {escape(hint)}")
    raise typer.Exit(code)


def _warn(message: str) -> None:
    err.print(f"[yellow]Warning:[/yellow] {escape(message)}")


def _config(start: Path | None = None) -> Config:
    try:
        return load_config(start)
    except ConfigError as exc:
        _fail(str(exc), "fix the setting named above; `docket init` writes a valid docket.toml.")


def _workspace() -> Workspace:
    """The workspace of the current folder; without a docket.toml, an ``rfcs/`` folder."""
    config = _config()
    if config.source is None and not config.rfc_dir.is_dir():
        _fail(
            f"no {CONFIG_FILE} found in {Path.cwd()} or any folder above it, and no rfcs/ folder",
            "create a workspace here with `docket init`.",
        )
    try:
        config.schema()
    except TemplateError as exc:
        _fail(str(exc), "fix the template, or point `template` in docket.toml at another one.")
    return Workspace(config)


_HINTS: dict[type[Exception], str] = {
    DocumentError: "fix or remove the file named above.",
    TemplateError: "fix the template, or point `template` in docket.toml at another one.",
    PatternError: "fix `file-pattern` in docket.toml; it takes {number} and {slug}.",
    ReserveError: "check that the RFC folder exists and is writable.",
    IndexFileError: "keep exactly one start marker line before one end marker line.",
    LintError: "see `docket lint --help`.",
}


@contextmanager
def _handled() -> Iterator[None]:
    """Turn the core's errors into one ``Error:`` line and exit code 2, never a traceback."""
    try:
        yield
    except WorkspaceError as exc:
        _fail(str(exc), exc.hint)
    except (
        DocumentError,
        TemplateError,
        PatternError,
        ReserveError,
        IndexFileError,
        LintError,
    ) as exc:
        _fail(str(exc), _HINTS.get(type(exc), "see docs/cli.md for what each command expects."))
    except OSError as exc:
        _fail(
            f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "),
            "check the path exists and that you may read and write it.",
        )
    except UnicodeDecodeError as exc:
        _fail(f"a file is not valid UTF-8 ({exc.reason} at byte {exc.start})", "save it as UTF-8.")


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[RfcFile], None] | None]:
    if total < PROGRESS_THRESHOLD or not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _file: bar.advance(task)


def _summaries(ws: Workspace, label: str = "Reading RFCs") -> list[RfcSummary]:
    files = ws.files()
    with _progress(len(files), label) as tick:
        rows, errors = ws.summaries(files, tick)
    for problem in errors:
        _warn(f"skipped {problem}")
    return rows


def _rows(ws: Workspace, label: str = "Reading RFCs") -> list[RfcRow]:
    files = ws.files()
    with _progress(len(files), label) as tick:
        rows, errors = ws.rows(files, tick)
    for problem in errors:
        _warn(f"skipped {problem}")
    return rows


def _plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces and never wrapped: what ``grep`` and ``cut`` expect."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *rows)
    ]
    return "\n".join(lines)


def _print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    if not out.is_terminal:
        out.print(_plain_table(headers, rows), markup=False, soft_wrap=True)
        return
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header, justify="right" if header in ("RFC", "Errors") else "left")
    for row in rows:
        table.add_row(*(escape(str(c)) for c in row))
    out.print(table)


def _error_counts(ws: Workspace, paths: Sequence[Path]) -> dict[Path, int]:
    """Error-severity findings per file, from one cached, parallel linter run over ``paths``.

    Each RFC is checked at its own state, folder-level rules (duplicate numbers) included.
    """
    run = lint_paths(list(paths), ws.config)
    counts = {p.resolve(): 0 for p in paths if p.is_file()}
    for finding in run.findings:
        if finding.severity != "error":
            continue
        shown = Path(finding.path)
        for base in (Path.cwd(), ws.config.root):
            candidate = (base / shown).resolve()
            if candidate in counts:
                counts[candidate] += 1
                break
    return counts


def _git_author() -> list[str]:
    def get(key: str) -> str:
        try:
            done = subprocess.run(
                ["git", "config", key], capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    name, email = get("user.name"), get("user.email")
    if not name:
        return []
    return [f"{name} ({email})" if email else name]


# --- docket init -------------------------------------------------------------------------

_TOML = """\
# Docket settings. Every key is optional; docs/cli.md lists them all.
template = "{rfc_dir}/template.md"
rfc-dir = "{rfc_dir}"
file-pattern = "{{number:04d}}-{{slug}}.md"
# required-sections = ["Summary", "Failure Modes"]
# states = ["draft", "in-progress", "complete", "withdrawn"]

# [transitions]
# draft = ["in-progress", "withdrawn"]
"""

_NEXT_STEPS = """\
Next steps:
  1. Edit {template} to suit your organisation (Docket reads it as the schema).
  2. Write your first RFC:   docket new "My first RFC"
  3. Check RFCs in pre-commit — add to .pre-commit-config.yaml:

     repos:
       - repo: local
         hooks:
           - id: docket-lint
             name: docket lint
             entry: docket lint
             language: system
             files: ^{rfc_dir}/.*\\.md$

  4. Check RFCs in CI — a GitHub Actions step:

     - name: Lint RFCs
       run: |
         pip install docket
         docket lint {rfc_dir}
         docket index --check
"""


@app.command(
    epilog="Examples:\n\n"
    "  docket init                 # set up the current folder\n\n"
    "  docket init docs/design     # set up another folder\n\n"
    "  docket init --force         # rewrite docket.toml (an edited template is kept)"
)
def init(
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="DIRECTORY", help="Folder to set up (default: the current one)."),
    ] = None,
    rfc_dir: Annotated[str, typer.Option(help="RFC folder, relative to DIRECTORY.")] = "rfcs",
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing docket.toml.")
    ] = False,
) -> None:
    """Create docket.toml, the RFC folder and an editable copy of the default template."""
    root = (directory or Path.cwd()).resolve()
    if root.exists() and not root.is_dir():
        _fail(f"{root} is a file, not a folder", "give a folder to set up, or none for this one.")
    if Path(rfc_dir).is_absolute() or ".." in Path(rfc_dir).parts:
        _fail(
            f"--rfc-dir {rfc_dir!r} must be a folder inside {root}",
            "give a relative path such as rfcs or docs/rfcs.",
        )
    toml = root / CONFIG_FILE
    if toml.exists() and not force:
        _fail(
            f"{toml} already exists; nothing was changed",
            "use --force to overwrite it.",
            EXIT_CHECK_FAILED,
        )
    folder = root / rfc_dir
    template = folder / "template.md"
    rel = Path(rfc_dir).as_posix()
    with _handled():
        folder.mkdir(parents=True, exist_ok=True)
        if template.exists():
            err.print(f"Kept the existing template {escape(str(template))}")
        else:
            write_atomic(template, default_template_text())
            out.print(f"Created {escape(str(template))}")
        write_atomic(toml, _TOML.format(rfc_dir=rel))
    out.print(f"Created {escape(str(toml))}")
    _config(root)
    out.print()
    out.print(_NEXT_STEPS.format(template=f"{rel}/template.md", rfc_dir=rel), markup=False)


# --- docket new --------------------------------------------------------------------------


@app.command(
    epilog="Examples:\n\n"
    '  docket new "Rate limiting the public API"\n\n'
    '  docket new "SSO with SAML" --author "Priya Raman (priya@example.com)" -a "Tomás Herrera"'
    "\n\n"
    '  $EDITOR "$(docket new "Webhook retries")"   # open the new file'
)
def new(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The RFC's title.")],
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author",
            "-a",
            help='"Name (email)"; repeat for several (default: git config user.name/email).',
        ),
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", "-s", help="Starting state (default: the first).")
    ] = None,
) -> None:
    """Scaffold a new RFC from the template under the next free number; print its path.

    Warns, naming them, when existing RFCs have a similar title or summary.
    """
    ws = _workspace()
    authors = author or _git_author()
    if not authors:
        _fail(
            "no author: --author was not given and `git config user.name` is not set",
            'pass --author "Name (email)" or run: git config --global user.name "Your Name"',
        )
    with _handled():
        rows = _rows(ws)
        candidates = [Candidate(r.number, r.title, r.summary, r.file.relative) for r in rows]
        for match in similar_rfcs(title, candidates):
            c = match.candidate
            _warn(
                f"RFC {c.number} {c.title!r} looks similar ({match.reason}): "
                f"{ws.shown(ws.config.rfc_dir / c.relative)}"
            )
        number, path = ws.create(title, authors, state)
    err.print(f"Created RFC {number}")
    out.print(ws.shown(path), markup=False, soft_wrap=True)


# --- docket list -------------------------------------------------------------------------


def _matches(ws: Workspace, row: RfcRow, state: str | None, author: str | None, grep: Any) -> bool:
    if state and row.state.lower() != state.lower():
        return False
    if author:
        needle = author.lower()
        if not any(needle in f"{p.name} {p.email}".lower() for p in row.people):
            return False
    return grep is None or bool(grep.search(ws.read(row.file)))


def _record(
    ws: Workspace, row: RfcRow, updated: dt.datetime | None, errors: int | None
) -> dict[str, Any]:
    return {
        "number": row.number,
        "title": row.title,
        "state": row.state,
        "authors": row.authors,
        "path": ws.shown(row.file.path),
        "filled": row.filled,
        "sections": row.kept,
        "updated": updated.isoformat(timespec="seconds") if updated else None,
        "errors": errors,
    }


@app.command(
    "list",
    epilog="Examples:\n\n"
    "  docket list\n\n"
    "  docket list --state draft --sort completeness\n\n"
    "  docket list --author priya --grep kafka --format json",
)
def list_(
    state: Annotated[str | None, typer.Option(help="Only RFCs in this state.")] = None,
    author: Annotated[
        str | None, typer.Option(help="Only RFCs with an author whose name or email contains this.")
    ] = None,
    grep: Annotated[
        str | None, typer.Option(help="Only RFCs whose text matches this regular expression.")
    ] = None,
    sort: Annotated[
        SortKey, typer.Option(help="Sort order (updated: newest first).")
    ] = SortKey.NUMBER,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.TABLE
    ),
) -> None:
    """List the RFCs: number, title, state, authors, completeness, last change, errors.

    Completeness is filled sections / sections kept; the last change comes from git (one
    `git log` for the folder) or else the file time; errors are the linter's, at each
    RFC's own state.
    """
    ws = _workspace()
    try:
        pattern = re.compile(grep, re.IGNORECASE) if grep else None
    except re.error as exc:
        _fail(
            f"--grep {grep!r} is not a valid regular expression: {exc}",
            r"escape special characters, e.g. --grep 'C\+\+'.",
        )
    lifecycle = ws.config.lifecycle()
    if state and lifecycle and state.lower() not in (s.lower() for s in lifecycle):
        _fail(f"unknown state {state!r}", f"the states are: {', '.join(lifecycle)}")
    with _handled():
        rows = [r for r in _rows(ws) if _matches(ws, r, state, author, pattern)]
        paths = [r.file.path for r in rows]
        changed = last_changes(ws.config.rfc_dir, paths)
        errors = _error_counts(ws, paths) if rows else {}
        records = [
            _record(ws, r, changed.get(r.file.path.resolve()), errors.get(r.file.path.resolve()))
            for r in rows
        ]
    records.sort(key=_sort_key(sort, lifecycle), reverse=sort is SortKey.UPDATED)
    if format is ListFormat.JSON:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if format is ListFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = ["number", "title", "state", "authors", "path", "filled", "sections"]
        writer.writerow([*columns, "updated", "errors"])
        for rec in records:
            cells = [rec[c] for c in columns]
            cells[3] = "; ".join(rec["authors"])
            writer.writerow([*cells, rec["updated"] or "", _blank(rec["errors"])])
        print(buffer.getvalue(), end="")
        return
    table = [
        [
            str(rec["number"]),
            rec["title"],
            rec["state"],
            ", ".join(rec["authors"]),
            f"{rec['filled']}/{rec['sections']}",
            (rec["updated"] or "")[:10],
            _blank(rec["errors"]),
        ]
        for rec in records
    ]
    headers = ["RFC", "Title", "State", "Authors", "Filled", "Updated", "Errors"]
    _print_table(f"{len(table)} RFCs in {ws.shown(ws.config.rfc_dir)}", headers, table)


def _blank(value: Any) -> str:
    return "" if value is None else str(value)


def _sort_key(key: SortKey, lifecycle: Sequence[str]) -> Callable[[dict[str, Any]], Any]:
    order = {s: i for i, s in enumerate(lifecycle)}
    if key is SortKey.TITLE:
        return lambda r: (r["title"].lower(), r["number"])
    if key is SortKey.STATE:
        return lambda r: (order.get(r["state"], len(order)), r["state"], r["number"])
    if key is SortKey.UPDATED:
        return lambda r: (r["updated"] or "", -r["number"])
    if key is SortKey.COMPLETENESS:
        return lambda r: (r["filled"] / r["sections"] if r["sections"] else 0.0, r["number"])
    return lambda r: (r["number"], r["path"])


# --- docket show -------------------------------------------------------------------------


@app.command(
    epilog="Examples:\n\n"
    "  docket show 12\n\n"
    "  docket show rfcs/0012-webhook-retries.md --format json"
)
def show(
    rfc: Annotated[str, typer.Argument(metavar="RFC", help="RFC number or file path.")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ShowFormat.TEXT
    ),
) -> None:
    """Show an RFC's metadata and a checklist of its sections.

    Each unfilled section is listed with the template's guiding questions for it.
    """
    ws = _workspace()
    with _handled():
        file = ws.resolve(rfc)
        rows, problems = ws.summaries([file])
        if problems:
            raise problems[0]
        row = rows[0]
        changed = last_changes(ws.config.rfc_dir, [file.path]).get(file.path.resolve())
        errors = _error_counts(ws, [file.path]).get(file.path.resolve())
        record = _record(ws, RfcRow.of(row), changed, errors)
        record["metadata"] = {k: _jsonable(v) for k, v in row.document.front_matter.data.items()}
        record["checklist"] = [
            {
                "title": item.spec.title,
                "line": item.section.line if item.section else None,
                "filled": item.filled,
                "questions": [] if item.filled else list(item.spec.guidance),
            }
            for item in row.completeness.kept
        ]
        record["removed"] = [i.spec.title for i in row.completeness.items if not i.kept]
    if format is ShowFormat.JSON:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    _print_show(record)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _print_show(record: dict[str, Any]) -> None:
    out.print(f"[bold]RFC {record['number']}: {escape(record['title'])}[/bold]")
    facts = [
        ("Path", record["path"]),
        ("State", record["state"] or "(none)"),
        ("Authors", ", ".join(record["authors"]) or "(none)"),
        ("Updated", record["updated"] or "(unknown)"),
        ("Filled", f"{record['filled']} of {record['sections']} sections"),
        ("Errors", _blank(record["errors"])),
    ]
    shown = {"state", "status", "authors", "author"}
    facts += [(k, _fact(v)) for k, v in record["metadata"].items() if k.lower() not in shown]
    width = max(len(k) for k, _ in facts)
    for key, value in facts:
        out.print(f"  {escape(key.ljust(width))}  {escape(str(value))}")
    out.print()
    for section in record["checklist"]:
        if section["filled"]:
            out.print(f"  [green]\\[x][/green] {escape(section['title'])}")
            continue
        out.print(f"  [red]\\[ ][/red] {escape(section['title'])}")
        for question in section["questions"]:
            out.print(f"        [dim]- {escape(question)}[/dim]")
    if record["removed"]:
        out.print()
        out.print(f"  Removed: {escape(', '.join(record['removed']))}")


def _fact(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


# --- docket state ------------------------------------------------------------------------


@app.command(
    epilog="Examples:\n\n"
    "  docket state 12 in-progress\n\n"
    "  docket state 12 complete --force   # move even though sections are missing"
)
def state(
    rfc: Annotated[str, typer.Argument(metavar="RFC", help="RFC number or file path.")],
    new_state: Annotated[str, typer.Argument(metavar="STATE", help="The state to move to.")],
    force: Annotated[
        bool, typer.Option("--force", help="Move even when the rules or readiness checks say no.")
    ] = False,
) -> None:
    """Move an RFC to another state, if the lifecycle allows it and the RFC is ready.

    By default an RFC moves to the next state or back to any earlier one; a transitions
    table in docket.toml overrides that. Only the state value (and an `updated` date, where the
    file or template has one) changes; the file is rewritten atomically.
    """
    ws = _workspace()
    lifecycle = ws.config.lifecycle()
    with _handled():
        file = ws.resolve(rfc)
        text = ws.read(file)
        doc = ws.document(file, text)
    current = doc.state
    if new_state not in lifecycle:
        _fail(
            f"unknown state {new_state!r}",
            f"the states are: {', '.join(lifecycle) or '(none: the template defines no states)'}",
        )
    allowed = ws.config.allowed_transitions(current) if current else tuple(lifecycle)
    problem = transition_problem(lifecycle, allowed, current, new_state)
    if problem and current == new_state:
        err.print(f"RFC {file.number} is already {new_state}; nothing to do")
        return
    if problem:
        if not force:
            _fail(problem, "use --force to move it anyway.", EXIT_CHECK_FAILED)
        _warn(f"{problem}; moving anyway (--force)")
    with _handled():
        blocking = readiness(text, ws.schema, new_state, config=ws.config)
    if blocking:
        header = f"RFC {file.number} is not ready for {new_state}: {len(blocking)} problem(s)"
        stream = err
        stream.print(f"[red]{'Forced' if force else 'Error'}:[/red] {escape(header)}")
        for finding in blocking:
            stream.print(
                f"  {escape(ws.shown(file.path))}:{finding.line}: "
                f"[bold]{finding.code}[/bold] {escape(finding.message)}"
            )
        if not force:
            err.print("  [dim]hint:[/dim] fix these, or use --force to move it anyway.")
            raise typer.Exit(EXIT_CHECK_FAILED)
    with _handled():
        ws.write_state(file, new_state)
    out.print(f"RFC {file.number}: {current or '(no state)'} -> {new_state}")


# --- docket index ------------------------------------------------------------------------


@app.command(
    epilog="Examples:\n\n"
    "  docket index            # write the table into rfcs/README.md\n\n"
    "  docket index --check    # in CI: exit 1 when the table is out of date"
)
def index(
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 when the index is out of date.")
    ] = False,
) -> None:
    """Write a table of all RFCs into the index file, between docket:index markers.

    The file is `index-file` in docket.toml (default rfcs/README.md); it is created, with a
    heading, when missing. Text outside the markers is left alone.
    """
    ws = _workspace()
    target = ws.config.index_file
    with _handled():
        rows = _rows(ws)
        existing = target.read_text(encoding="utf-8") if target.exists() else None
        text = update_index(existing, index_table(rows, target))
        if check:
            if text != existing:
                _fail(
                    f"the index {ws.shown(target)} is out of date",
                    "run `docket index` and commit the result.",
                    EXIT_CHECK_FAILED,
                )
            out.print(f"{ws.shown(target)} is up to date ({len(rows)} RFCs)")
            return
        if text == existing:
            out.print(f"{ws.shown(target)} is up to date ({len(rows)} RFCs)")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    out.print(f"Wrote {ws.shown(target)} ({len(rows)} RFCs)")


# --- docket renumber ---------------------------------------------------------------------


@app.command(
    epilog="Examples:\n\n"
    "  docket renumber 12 13\n\n"
    "  docket renumber 12 14 --file rfcs/0012-webhook-retries.md   # two files share 12"
)
def renumber(
    old: Annotated[int, typer.Argument(metavar="OLD", help="The RFC's current number.")],
    new: Annotated[int, typer.Argument(metavar="NEW", help="The number to give it.")],
    file: Annotated[
        Path | None, typer.Option("--file", help="Which file, when two share the number OLD.")
    ] = None,
) -> None:
    """Give an RFC a new number: rename its file, fix its title, rewrite references.

    References in the other RFCs (RFC 12, RFC-12, RFC-0012, links to 0012-slug.md) follow;
    RFC 120 or RFC 1 are left alone. When two files share OLD (two branches took the same
    number), pick one with --file; references by number are then ambiguous and left alone,
    and only links to the file name are rewritten.
    """
    ws = _workspace()
    with _handled():
        files = ws.files()
        if file is not None:
            source = ws.file_at(file, files)
            if source.number != old:
                _fail(
                    f"{file} is RFC {source.number}, not RFC {old}",
                    f"use: docket renumber {source.number} {new} --file {file}",
                )
        else:
            sharing = [f for f in files if f.number == old]
            if len(sharing) > 1:
                names = ", ".join(f.relative for f in sharing)
                _fail(
                    f"{len(sharing)} files are numbered {old}: {names}",
                    f"say which one to renumber: docket renumber {old} {new} --file PATH",
                )
            source = ws.resolve(str(old), files)
        if new == old:
            _fail(f"RFC {old} already has number {new}", "give a different NEW number.")
        plan = ws.plan_renumber(source, new)
        ws.apply_renumber(plan)
    out.print(f"Renamed {ws.shown(source.path)} -> {ws.shown(plan.target)}")
    for path in plan.texts:
        shown = plan.target if path == source.path else path
        out.print(f"  updated {ws.shown(shown)}")
    if len([f for f in files if f.number == old]) > 1:
        _warn(f"references like 'RFC {old}' were left alone: they may mean the other RFC {old}")
    _refresh_index(ws)


def _refresh_index(ws: Workspace) -> None:
    """Rewrite the index after a renumber, when there is one with markers to keep current."""
    target = ws.config.index_file
    if not target.exists():
        return
    with _handled():
        existing = target.read_text(encoding="utf-8")
        if "docket:index:start" not in existing:
            return
        text = update_index(existing, index_table(_rows(ws), target))
        if text != existing:
            write_atomic(target, text)
            out.print(f"  updated {ws.shown(target)}")


# --- docket migrate-template -------------------------------------------------------------


def _new_in_template(ws: Workspace) -> list[str]:
    """Sections the template gained: against its earlier version in git, else the ones no
    RFC has yet."""
    template = ws.config.template
    earlier = earlier_template(template) if template is not None else None
    if template is not None and earlier is not None:
        err.print(f"Comparing {ws.shown(template)} with its version at {earlier.where}")
        old = parse_schema(earlier.text, f"{template}@{earlier.where}")
        return [s.key for s in added_sections(old, ws.schema)]
    err.print("No earlier template in git: adding the template sections no RFC has yet")
    docs = (r.document for r in _summaries(ws))
    return [s.key for s in sections_no_rfc_has(ws.schema, docs)]


@app.command(
    "migrate-template",
    epilog="Examples:\n\n"
    "  docket migrate-template --dry-run              # show the diff, change nothing\n\n"
    "  docket migrate-template --from old-template.md # add what the template gained\n\n"
    '  docket migrate-template --section "Rollout Plan"',
)
def migrate_template(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print a unified diff; change nothing.")
    ] = False,
    from_: Annotated[
        Path | None,
        typer.Option("--from", help="The template as it was: add exactly the sections it lacked."),
    ] = None,
    section: Annotated[
        list[str] | None, typer.Option("--section", help="Add this template section; repeatable.")
    ] = None,
) -> None:
    """Add sections the template gained to every existing RFC, each in its place.

    A section goes in after the nearest earlier sibling the RFC kept (else before the next
    one), as the template writes it: heading and guidance comments. Nothing else changes.
    Without --from or --section, the template is compared with its earlier version in git
    (uncommitted edits against HEAD, else before the last commit that changed it); with no
    such version, the sections added are those no RFC has yet.
    """
    ws = _workspace()
    schema = ws.schema
    with _handled():
        if section:
            keys = [heading_key(s) for s in section]
            unknown = [s for s, k in zip(section, keys, strict=True) if schema.section(k) is None]
            if unknown:
                _fail(
                    f"the template has no section {unknown[0]!r}",
                    f"its sections: {', '.join(s.title for s in schema.sections)}",
                )
        elif from_ is not None:
            keys = [s.key for s in added_sections(load_schema(from_), schema)]
        else:
            keys = _new_in_template(ws)
        if not keys:
            out.print("Nothing to add: the RFCs already have the template's sections")
            return
        titles = [s.title for s in schema.sections if s.key in keys]
        err.print(f"Adding: {escape(', '.join(titles))}")
        changes = ws.migrations(keys)
        for file, old, new in changes:
            if dry_run:
                print(unified_diff(old, new, ws.shown(file.path)), end="")
            else:
                write_atomic(file.path, new)
                out.print(f"Updated {ws.shown(file.path)}")
    verb = "would change" if dry_run else "changed"
    err.print(f"{len(changes)} RFC(s) {verb}")
