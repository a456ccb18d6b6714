"""The rule registry: each rule's identity is declared next to its check.

A rule has a stable code (never reused once retired), a slug, a one-line summary, tags and
a severity class. The class names how strict the rule gets as a document moves through its
lifecycle; ``docket.lint._policy`` turns it into a severity for one document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from docket.lint._context import Context

DOCS_URL = "https://github.com/docket-rfcs/docket/blob/main/docs/rules.md"

SeverityClass = Literal["error", "gap", "closing", "warning"]
Scope = Literal["file", "document", "folder"]


@dataclass(frozen=True)
class Issue:
    """What a check reports; the runner turns it into a ``Finding`` with a severity."""

    line: int
    message: str
    column: int = 1
    fix: str | None = None


Check = Callable[["Context"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    summary: str
    tags: tuple[str, ...]
    severity_class: SeverityClass
    scope: Scope
    check: Check | None = None

    @property
    def doc_url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}-{self.slug}"


_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    existing = _REGISTRY.get(rule.code)
    if existing is not None and existing.slug != rule.slug:
        raise ValueError(f"rule code {rule.code} is already used by {existing.slug}")
    _REGISTRY[rule.code] = rule
    return rule


def rule(
    code: str,
    slug: str,
    summary: str,
    *,
    tags: tuple[str, ...],
    severity: SeverityClass,
    scope: Scope = "document",
) -> Callable[[Check], Check]:
    """Declare a document rule on its check function."""

    def wrap(check: Check) -> Check:
        register(Rule(code, slug, summary, tags, severity, scope, check))
        return check

    return wrap


def all_rules() -> list[Rule]:
    import docket.lint.rules  # noqa: F401  (registers every rule)

    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    import docket.lint.rules  # noqa: F401

    return _REGISTRY[code]


def document_rules() -> Iterator[Rule]:
    return (r for r in all_rules() if r.scope == "document" and r.check is not None)
