"""How strict to be: a rule's severity for a document in a given state, and rule selection.

Strictness follows the lifecycle. The first state is lenient (content gaps are warnings),
the last is strict (open questions must be closed), every state between is in the middle.
A template without states gets the middle strictness. ``[severity.<state>]`` in the config
overrides any rule by code, code prefix, slug or tag; ``"off"`` drops it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from docket.lint._finding import Severity
from docket.lint._rule import Rule, SeverityClass

if TYPE_CHECKING:
    from docket.workspace.config import Config

LENIENT, MIDDLE, STRICT = 0, 1, 2

_CLASS_SEVERITY: dict[SeverityClass, tuple[Severity, Severity, Severity]] = {
    "error": ("error", "error", "error"),
    "gap": ("warning", "error", "error"),
    "closing": ("info", "warning", "error"),
    "warning": ("warning", "warning", "warning"),
}


def strictness(
    state: str | None, template_states: tuple[str, ...], lifecycle: tuple[str, ...]
) -> int:
    """0, 1 or 2 for ``state``; the template's own order wins over states the config adds."""
    for order in (template_states, lifecycle):
        if state is not None and state in order:
            index = order.index(state)
            if len(order) == 1:
                return MIDDLE
            if index == 0:
                return LENIENT
            return STRICT if index == len(order) - 1 else MIDDLE
    if lifecycle or template_states:
        return LENIENT  # no state, or an unknown one: reported by its own rule
    return MIDDLE


def default_severity(rule: Rule) -> Severity:
    """The severity at the middle strictness: what a template without states gets."""
    return _CLASS_SEVERITY[rule.severity_class][MIDDLE]


def severity_for(
    rule: Rule, level: int, overrides: Mapping[str, str] | None = None
) -> Severity | None:
    """The rule's severity at ``level``; ``None`` when the config turns it off."""
    if overrides:
        found = _override(rule, overrides)
        if found is not None:
            return None if found == "off" else found  # type: ignore[return-value]
    return _CLASS_SEVERITY[rule.severity_class][level]


def _override(rule: Rule, overrides: Mapping[str, str]) -> str | None:
    if rule.code in overrides:
        return overrides[rule.code]
    if rule.slug in overrides:
        return overrides[rule.slug]
    prefixes = [
        k for k in overrides if k.upper().startswith("DK") and rule.code.startswith(k.upper())
    ]
    if prefixes:
        return overrides[max(prefixes, key=len)]
    for tag in rule.tags:
        if tag in overrides:
            return overrides[tag]
    return overrides.get("ALL")


def state_overrides(config: Config | None, state: str | None) -> dict[str, str]:
    """``[severity."*"]`` then ``[severity.<state>]``, the latter winning."""
    if config is None:
        return {}
    merged = dict(config.severity.get("*", {}))
    if state is not None:
        merged.update(config.severity.get(state, {}))
    return merged


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is named by any code, prefix or ``ALL`` in ``patterns``."""
    code = code.upper()
    return any(p.upper() == "ALL" or code.startswith(p.upper()) for p in patterns if p)


def selected(code: str, config: Config | None) -> bool:
    if config is None:
        return True
    return matches(code, config.select) and not matches(code, config.ignore)


def ignored_for_file(code: str, relative: str, config: Config | None) -> bool:
    """``[per-file-ignores]``: globs relative to the workspace root, with ``**`` allowed."""
    if config is None or not config.per_file_ignores:
        return False
    relative = relative.replace("\\", "/")
    for pattern, codes in config.per_file_ignores.items():
        if _glob(relative, pattern) and matches(code, codes):
            return True
    return False


def _glob(path: str, pattern: str) -> bool:
    pattern = pattern.replace("\\", "/").removeprefix("./")
    if fnmatch.fnmatchcase(path, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pattern)
