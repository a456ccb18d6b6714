"""Linting one document: run every selected rule, resolve severities, collect folder facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docket.lint._context import Context, file_number
from docket.lint._finding import Finding, Severity
from docket.lint._policy import (
    ignored_for_file,
    matches,
    selected,
    severity_for,
    state_overrides,
    strictness,
)
from docket.lint._rule import Issue, Rule, document_rules, get_rule

if TYPE_CHECKING:
    from docket.document import Document
    from docket.template import Schema
    from docket.workspace.config import Config

_INLINE_CODE_RE = re.compile(r"(`+)[^`]*?\1")
# Two patterns with literal prefixes rather than one alternation: the regex engine then
# jumps between occurrences of "RFC" and "](" instead of trying both at every character.
_RFC_RE = re.compile(r"RFC[- ]?#?(\d{1,5})\b")
_LINK_RE = re.compile(r"\]\((?:[^)\s]*/)?(\d{3,5})-[^)/\s]*\.md(?:#[^)\s]*)?\)")


class LintError(Exception):
    """A request the linter cannot carry out (an unknown ``--state``, a missing path)."""


@dataclass
class Reference:
    number: int
    line: int
    column: int


@dataclass
class FileResult:
    """One file's findings plus the facts folder-level rules need, all cacheable as JSON."""

    path: str
    findings: list[Finding]
    number: int | None = None
    line: int = 1
    """Where folder-level findings about this file point: the title, else line 1."""
    state: str | None = None
    level: int = 1
    """The strictness the file was checked at (``docket.lint._policy``)."""
    references: list[Reference] = field(default_factory=list)
    ignores: list[tuple[tuple[str, ...], int, int]] = field(default_factory=list)
    """Inline ``docket: ignore`` spans, so folder-level findings honour them too."""
    readable: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "findings": [f.to_dict() for f in self.findings],
            "number": self.number,
            "line": self.line,
            "state": self.state,
            "level": self.level,
            "references": [[r.number, r.line, r.column] for r in self.references],
            "ignores": [[list(codes), start, end] for codes, start, end in self.ignores],
            "readable": self.readable,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str) -> FileResult:
        return cls(
            path=path,
            findings=[Finding.from_dict({**f, "path": path}) for f in data["findings"]],
            number=data["number"],
            line=data["line"],
            state=data["state"],
            level=data["level"],
            references=[Reference(*r) for r in data["references"]],
            ignores=[(tuple(c), s, e) for c, s, e in data["ignores"]],
            readable=data["readable"],
        )


def lifecycle_of(schema: Schema, config: Config | None) -> tuple[str, ...]:
    if config is not None and config.states:
        return config.states
    return schema.states


def check_state(state: str | None, schema: Schema, config: Config | None) -> None:
    """Refuse a ``--state`` the lifecycle does not know."""
    lifecycle = lifecycle_of(schema, config)
    if state is not None and lifecycle and state not in lifecycle:
        raise LintError(f"unknown state {state!r}; the lifecycle is {', '.join(lifecycle)}")
    if state is not None and not lifecycle:
        raise LintError(f"cannot check readiness for {state!r}: the template defines no states")


def lint_document(
    text: str,
    schema: Schema,
    *,
    path: str = "<text>",
    config: Config | None = None,
    state: str | None = None,
    strict: bool = False,
    relative: str | None = None,
) -> FileResult:
    """Lint ``text``; ``relative`` is the root-relative path ``per-file-ignores`` match."""
    from docket.document import parse_document

    doc = parse_document(text, path, schema=schema)
    lifecycle = lifecycle_of(schema, config)
    effective = state if state is not None else doc.state
    ctx = Context(doc, schema, config, path, lifecycle, effective)
    level = strictness(effective, schema.states, lifecycle)
    overrides = state_overrides(config, effective)
    findings: list[Finding] = []
    for rule in document_rules():
        if not selected(rule.code, config) or ignored_for_file(rule.code, relative or path, config):
            continue
        severity = severity_for(rule, level, overrides)
        if severity is None:
            continue
        for issue in _run(rule, ctx):
            if _inline_ignored(doc, rule.code, issue.line):
                continue
            findings.append(_finding(rule, issue, path, _escalate(severity, strict)))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return FileResult(
        path=path,
        findings=findings,
        number=doc.title.number
        if doc.title and doc.title.number is not None
        else file_number(path),
        line=doc.title.line if doc.title else 1,
        state=effective,
        level=level,
        references=_references(ctx),
        ignores=[(tuple(sorted(ig.codes)), ig.start, ig.end) for ig in doc.ignores],
    )


def _run(rule: Rule, ctx: Context) -> list[Issue]:
    assert rule.check is not None
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # a rule bug must not hide every other finding
        return [
            Issue(1, f"internal error in rule {rule.code} ({rule.slug}): {exc!r}; please report it")
        ]


def _inline_ignored(doc: Document, code: str, line: int) -> bool:
    return any(ig.start <= line <= ig.end and matches(code, ig.codes) for ig in doc.ignores)


def _escalate(severity: Severity, strict: bool) -> Severity:
    return "error" if strict and severity == "warning" else severity


def _finding(rule: Rule, issue: Issue, path: str, severity: Severity) -> Finding:
    return Finding(
        path=path,
        line=max(1, issue.line),
        column=max(1, issue.column),
        code=rule.code,
        slug=rule.slug,
        severity=severity,
        message=issue.message,
        doc_url=rule.doc_url,
        fix=issue.fix,
    )


def _references(ctx: Context) -> list[Reference]:
    """``RFC 12``-style references and ``0012-*.md`` links outside code and front matter."""
    text = "\n".join(ctx.doc.lines)
    if "RFC" not in text and ".md" not in text:
        return []
    own = ctx.doc.title.number if ctx.doc.title else None
    own = own if own is not None else ctx.file_number
    skip = ctx.code_lines()
    front_end = ctx.doc.front_matter.end if ctx.doc.front_matter.style == "yaml" else 0
    found: list[Reference] = []
    line, line_start, scanned = 1, 0, 0
    for offset, number in _reference_offsets(text):
        newlines = text.count("\n", scanned, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, offset) + 1
        scanned = offset
        if number == own or line in skip or line <= front_end:
            continue
        if _in_inline_code(ctx.doc.lines[line - 1], offset - line_start):
            continue
        found.append(Reference(number, line, offset - line_start + 1))
    return found


def _reference_offsets(text: str) -> list[tuple[int, int]]:
    """(offset, number) of each reference, in text order; ``RFC`` must start a word."""
    found = [
        (m.start(), int(m.group(1)))
        for m in _RFC_RE.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")
    ]
    found += [(m.start(1), int(m.group(1))) for m in _LINK_RE.finditer(text)]
    return sorted(found)


def _in_inline_code(line: str, column: int) -> bool:
    return any(m.start() <= column < m.end() for m in _INLINE_CODE_RE.finditer(line))


def file_finding(path: str, line: int | None, message: str) -> FileResult:
    """A file that could not be read: one DK001 finding, and no facts."""
    rule = get_rule("DK001")
    issue = Issue(line or 1, message, fix="save the file as UTF-8 Markdown, or exclude it")
    return FileResult(path, [_finding(rule, issue, path, "error")], readable=False)
