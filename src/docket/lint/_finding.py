"""The one finding type every rule, reporter, the CLI and the web app share."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    slug: str
    severity: Severity
    message: str
    doc_url: str | None = None
    fix: str | None = None
    """A sentence saying what to change, when the rule knows it."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(**data)


__all__ = ["SEVERITIES", "Finding", "Severity"]
