"""Workspace configuration: ``docket.toml`` or ``[tool.docket]`` in ``pyproject.toml``.

One table of settings (name, default, help) drives parsing, validation and the docs.
Precedence is defaults < file < command line (the CLI overrides fields with
``dataclasses.replace``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docket.document import DEFAULT_MAX_BYTES, heading_key

if TYPE_CHECKING:
    from docket.template import Schema

CONFIG_FILE = "docket.toml"
SEVERITIES = ("error", "warning", "info", "off")


class ConfigError(Exception):
    """A configuration Docket cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "template", None, "Path of the RFC template (default: the template shipped with Docket)."
    ),
    Setting("rfc-dir", "rfcs", "Folder holding the RFC files."),
    Setting(
        "file-pattern", "{number:04d}-{slug}.md", "File name of an RFC; `{number}` and `{slug}`."
    ),
    Setting("required-sections", [], "Sections (heading text) every RFC must keep."),
    Setting("states", [], "Lifecycle states in order, overriding the template's `<a || b>` list."),
    Setting(
        "transitions", {}, "Allowed moves: `state = [next states]`; default: next or any earlier."
    ),
    Setting("severity", {}, 'Per state: `[severity.draft] DK301 = "error"` (code, prefix or tag).'),
    Setting("select", ["ALL"], "Rule codes or prefixes to check."),
    Setting("ignore", [], "Rule codes or prefixes never reported."),
    Setting("per-file-ignores", {}, '`"glob" = [codes]`: codes not reported for matching files.'),
    Setting("max-file-size", DEFAULT_MAX_BYTES, "Largest file, in bytes, Docket will read."),
    Setting(
        "index-file", None, "Markdown file `docket index` writes (default: <rfc-dir>/README.md)."
    ),
    Setting("cache-dir", ".docket-cache", "Folder for the lint cache."),
)
_KNOWN = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    root: Path
    source: Path | None = None
    template: Path | None = None
    rfc_dir: Path = Path("rfcs")
    file_pattern: str = "{number:04d}-{slug}.md"
    required_sections: tuple[str, ...] = ()
    states: tuple[str, ...] | None = None
    transitions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, dict[str, str]] = field(default_factory=dict)
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_BYTES
    index_file: Path = Path("rfcs/README.md")
    cache_dir: Path = Path(".docket-cache")

    @cached_property
    def _schema(self) -> Schema:
        from docket.template import default_schema, load_schema

        return load_schema(self.template) if self.template else default_schema()

    def schema(self) -> Schema:
        """The template read as a schema; a ``TemplateError`` names the file when it fails."""
        return self._schema

    def lifecycle(self) -> tuple[str, ...]:
        return self.states if self.states else self.schema().states

    def allowed_transitions(self, state: str) -> tuple[str, ...]:
        """States reachable from ``state``: config first, else the next one or any earlier."""
        if state in self.transitions:
            return self.transitions[state]
        order = self.lifecycle()
        if state not in order:
            return order
        index = order.index(state)
        return tuple(order[index + 1 : index + 2]) + tuple(order[:index])

    def fingerprint(self) -> str:
        """A hash of every setting that changes lint results, for cache keys."""
        payload = {
            "template": self.schema().fingerprint,
            "file_pattern": self.file_pattern,
            "required": self.required_sections,
            "states": self.states,
            "severity": self.severity,
            "select": self.select,
            "ignore": self.ignore,
            "per_file_ignores": self.per_file_ignores,
            "max_file_size": self.max_file_size,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def find_config(start: Path) -> Path | None:
    """The nearest ``docket.toml`` (or pyproject with ``[tool.docket]``) at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_docket(pyproject):
            return pyproject
    return None


def load_config(start: Path | None = None, config_file: Path | None = None) -> Config:
    """The workspace configuration found from ``start`` (default: the current folder)."""
    start = Path(start or Path.cwd())
    path = config_file or find_config(start if start.is_dir() else start.parent)
    if path is None:
        root = (start if start.is_dir() else start.parent).resolve()
        return _build(root, None, {})
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table = _read_table(path)
    return _build(path.parent, path, table)


def _has_tool_docket(path: Path) -> bool:
    try:
        return "docket" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("docket", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.docket] must be a table")
        return table
    return data


def _build(root: Path, source: Path | None, table: dict[str, Any]) -> Config:
    where = str(source) if source else "defaults"
    unknown = sorted(set(table) - set(_KNOWN))
    if unknown:
        known = ", ".join(sorted(_KNOWN))
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r} (known settings: {known})")
    value = {name: table.get(name, setting.default) for name, setting in _KNOWN.items()}

    def path_of(name: str, raw: Any) -> Path:
        _expect(where, name, raw, str)
        p = Path(os.path.expanduser(raw))
        return p if p.is_absolute() else root / p

    template = path_of("template", value["template"]) if value["template"] is not None else None
    if template is not None and not template.is_file():
        raise ConfigError(
            f"{where}: template {str(template)!r} does not exist (setting 'template')"
        )
    rfc_dir = path_of("rfc-dir", value["rfc-dir"])
    pattern = value["file-pattern"]
    _expect(where, "file-pattern", pattern, str)
    if "{number" not in pattern:
        raise ConfigError(f"{where}: 'file-pattern' must contain {{number}}, got {pattern!r}")
    max_size = value["max-file-size"]
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size <= 0:
        raise ConfigError(f"{where}: 'max-file-size' must be a positive number of bytes")
    states = _strings(where, "states", value["states"])
    return Config(
        root=root,
        source=source,
        template=template,
        rfc_dir=rfc_dir,
        file_pattern=pattern,
        required_sections=tuple(
            heading_key(s) for s in _strings(where, "required-sections", value["required-sections"])
        ),
        states=states or None,
        transitions={
            str(k): _strings(where, f"transitions.{k}", v)
            for k, v in _table(where, "transitions", value["transitions"]).items()
        },
        severity=_severity(where, value["severity"]),
        select=_strings(where, "select", value["select"]),
        ignore=_strings(where, "ignore", value["ignore"]),
        per_file_ignores={
            str(k): _strings(where, f"per-file-ignores.{k}", v)
            for k, v in _table(where, "per-file-ignores", value["per-file-ignores"]).items()
        },
        max_file_size=max_size,
        index_file=path_of("index-file", value["index-file"])
        if value["index-file"]
        else rfc_dir / "README.md",
        cache_dir=path_of("cache-dir", value["cache-dir"]),
    )


def _expect(where: str, name: str, raw: Any, kind: type) -> None:
    if not isinstance(raw, kind):
        raise ConfigError(f"{where}: {name!r} must be a {kind.__name__}, got {raw!r}")


def _strings(where: str, name: str, raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ConfigError(f"{where}: {name!r} must be a list of strings, got {raw!r}")
    return tuple(raw)


def _table(where: str, name: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: {name!r} must be a table")
    return raw


def _severity(where: str, raw: Any) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for state, rules in _table(where, "severity", raw).items():
        table = _table(where, f"severity.{state}", rules)
        for code, level in table.items():
            if level not in SEVERITIES:
                raise ConfigError(
                    f"{where}: severity.{state}.{code} must be one of "
                    f"{', '.join(SEVERITIES)}, got {level!r}"
                )
        out[str(state)] = {str(k): str(v) for k, v in table.items()}
    return out


__all__ = [
    "CONFIG_FILE",
    "SETTINGS",
    "Config",
    "ConfigError",
    "Setting",
    "find_config",
    "load_config",
]
