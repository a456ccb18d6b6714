"""RFC file names: slugs from titles, and the configured ``file-pattern`` both ways."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import cached_property

MAX_SLUG = 60
_FIELDS = ("number", "slug")


class PatternError(ValueError):
    """A ``file-pattern`` Docket cannot use."""


def slugify(title: str) -> str:
    """A file-name-safe slug: ASCII, lowercase, words joined by hyphens, at most 60 characters."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or "rfc"


@dataclass(frozen=True)
class FilePattern:
    """``{number:04d}-{slug}.md`` and the like; the pattern may name sub-folders with ``/``."""

    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        parts: list[str] = []
        seen: set[str] = set()
        try:
            parsed = list(string.Formatter().parse(self.pattern))
        except ValueError as exc:
            raise PatternError(f"file-pattern {self.pattern!r}: {exc}") from None
        for literal, name, _spec, _conversion in parsed:
            parts.append(re.escape(literal))
            if name is None:
                continue
            if name not in _FIELDS:
                raise PatternError(
                    f"file-pattern {self.pattern!r}: unknown field {{{name}}}; "
                    "use {number} and {slug}"
                )
            if name in seen:
                parts.append(f"(?P={name})")
                continue
            seen.add(name)
            parts.append(r"(?P<number>\d+)" if name == "number" else r"(?P<slug>[^/]+?)")
        if "number" not in seen:
            raise PatternError(f"file-pattern {self.pattern!r} must contain {{number}}")
        return re.compile("^" + "".join(parts) + "$")

    def format(self, number: int, slug: str) -> str:
        try:
            return self.pattern.format(number=number, slug=slug)
        except (KeyError, ValueError, IndexError) as exc:
            raise PatternError(f"file-pattern {self.pattern!r}: {exc}") from None

    def match(self, relative: str) -> tuple[int, str] | None:
        """``(number, slug)`` for a path relative to the RFC folder, or ``None``."""
        found = self.regex.match(relative)
        if found is None:
            return None
        return int(found["number"]), found.groupdict().get("slug") or ""
