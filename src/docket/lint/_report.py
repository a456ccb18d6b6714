"""Reporters: findings as text, JSON, SARIF 2.1.0 or GitHub workflow commands. Strings only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from docket.lint._finding import Finding
from docket.lint._rule import Rule

FORMATS = ("text", "json", "sarif", "github")
INFORMATION_URI = "https://github.com/docket-rfcs/docket"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_ANSI = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def text(findings: Sequence[Finding], files: int, cached: int = 0, color: bool = False) -> str:
    """``path:line:col: CODE message`` lines, then a one-line summary."""

    def paint(code: str, value: str) -> str:
        return f"{code}{value}{_RESET}" if color else value

    lines = [
        f"{paint(_BOLD, f.path)}:{f.line}:{f.column}: "
        f"{paint(_ANSI[f.severity] + _BOLD, f.code)} {f.message}"
        + ("" if f.severity == "error" else paint(_DIM, f" [{f.severity}]"))
        for f in findings
    ]
    lines.append(summary(findings, files, cached))
    return "\n".join(lines) + "\n"


def summary(findings: Sequence[Finding], files: int, cached: int = 0) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    noun = "file" if files == 1 else "files"
    from_cache = f", {cached} from cache" if cached else ""
    if not findings:
        return f"All checks passed: {files} {noun} linted{from_cache}."
    parts = [
        f"{n} {kind}{'' if n == 1 else 's'}"
        for kind, n in (
            ("error", counts["error"]),
            ("warning", counts["warning"]),
            ("info", counts["info"]),
        )
        if n
    ]
    return f"Found {', '.join(parts)} in {files} {noun}{from_cache}."


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(findings: Sequence[Finding], rules: Sequence[Rule], version: str) -> str:
    """A SARIF 2.1.0 log GitHub code scanning accepts: relative URIs, 1-based regions."""
    from docket.lint._policy import default_severity

    index = {r.code: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "docket",
        "version": version,
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": r.code,
                "name": r.slug,
                "shortDescription": {"text": r.summary},
                "helpUri": r.doc_url,
                "properties": {"tags": list(r.tags)},
                "defaultConfiguration": {"level": _SARIF_LEVEL[default_severity(r)]},
            }
            for r in rules
        ],
    }
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" (fix: {f.fix})" if f.fix else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {"startLine": max(1, f.line), "startColumn": max(1, f.column)},
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """Forward slashes, relative to the checkout; ``file://`` only for paths outside it."""
    from urllib.parse import quote

    path = path.replace("\\", "/")
    if path.startswith("/"):
        return "file://" + quote(path)
    return quote(path)


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = [
        f"::{_GITHUB_LEVEL[f.severity]} file={_prop(f.path)},line={f.line},col={f.column},"
        f"title={_prop(f.code)}::{_data(f.message)}"
        for f in findings
    ]
    return "".join(line + "\n" for line in lines)


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
