"""The schema Docket derives from a template: fields, states, title, sections, guidance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from docket.document._title import TitlePattern

FieldKind = Literal["people", "choice", "date", "text"]
ExampleKind = Literal["code", "table-rows", "endpoints", "text"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldKind
    required: bool
    line: int
    choices: tuple[str, ...] = ()
    template_value: str = ""
    """The value as the template writes it: a placeholder a document must replace."""


@dataclass(frozen=True)
class Example:
    kind: ExampleKind
    text: str
    line: int
    language: str = ""


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[str, ...]
    line: int
    example_rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    level: int
    order: int
    line: int
    parent: str | None = None
    guidance: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    template_text: frozenset[str] = frozenset()
    """Normalised text the template itself puts under the heading: never counts as content."""
    optional: bool = False


@dataclass(frozen=True)
class Schema:
    source: str
    text: str
    fingerprint: str
    metadata_style: Literal["yaml", "list", "none"]
    fields: tuple[FieldSpec, ...]
    state_field: str | None
    states: tuple[str, ...]
    title: TitlePattern | None
    sections: tuple[SectionSpec, ...]
    preamble_guidance: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    """Literal placeholder strings the template uses (``<TITLE>``, ``{title}``)."""
    _by_key: dict[str, SectionSpec] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({s.key: s for s in reversed(self.sections)})

    def section(self, key: str) -> SectionSpec | None:
        return self._by_key.get(key)

    def children(self, key: str | None) -> list[SectionSpec]:
        return [s for s in self.sections if s.parent == key]

    def field(self, name: str) -> FieldSpec | None:
        from docket.document import field_key

        wanted = field_key(name)
        return next((f for f in self.fields if field_key(f.name) == wanted), None)

    @property
    def people_field(self) -> FieldSpec | None:
        return next((f for f in self.fields if f.kind == "people"), None)

    @property
    def first_state(self) -> str | None:
        return self.states[0] if self.states else None

    def state_index(self, state: str | None) -> int | None:
        if state is None:
            return None
        try:
            return self.states.index(state)
        except ValueError:
            return None
