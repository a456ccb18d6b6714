"""The title line: a pattern read from the template, matched against documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Placeholders that stand for the RFC number, and for free text, in a template's title.
_NUMBER_PLACEHOLDER_RE = re.compile(
    r"<(?:NUM|NUMBER|N|ID)>|\{(?:num|number|id|NUM|NUMBER)\}|\bN{3,5}\b|\bX{3,5}\b",
)
_PLACEHOLDER_RE = re.compile(r"<[^<>\n]{1,80}>|\{[^{}\n]{1,120}\}|\bN{3,5}\b|\bX{3,5}\b")
_DASHES = "-–—:"
# "KEP-NNNN: Your short, descriptive title": plain words after the number stand for the title.
_EXAMPLE_TAIL_RE = re.compile(
    r"^(?P<head>.*?(?:" + _NUMBER_PLACEHOLDER_RE.pattern + r"))\s*[-–—:]\s*(?P<tail>\w.*)$"
)


@dataclass(frozen=True)
class TitleMatch:
    number: int | None
    text: str
    matched: bool


@dataclass(frozen=True)
class TitlePattern:
    """How a title heading is written: its level and the template text with placeholders."""

    level: int
    template: str
    has_number: bool
    has_text: bool
    example_text: str = ""
    """Plain example words standing for the title (KEP's "Your short, descriptive title")."""

    @classmethod
    def from_heading(cls, level: int, text: str) -> TitlePattern:
        has_number = bool(_NUMBER_PLACEHOLDER_RE.search(text))
        has_text = bool(_PLACEHOLDER_RE.search(_NUMBER_PLACEHOLDER_RE.sub("", text)))
        example = ""
        if has_number and not has_text:
            tail = _EXAMPLE_TAIL_RE.match(text)
            if tail is not None:
                example = tail["tail"].strip()
        return cls(level, text, has_number, has_text or bool(example), example)

    @property
    def regex(self) -> re.Pattern[str]:
        if self.example_text and self.template.endswith(self.example_text):
            head = self.template[: len(self.template) - len(self.example_text)]
            return re.compile(_compile(head).pattern.rstrip("$") + r"(?P<title>.+?)$", re.I)
        return _compile(self.template)

    def parse(self, text: str) -> TitleMatch:
        if not self.has_number and not self.has_text:
            return TitleMatch(None, text.strip(), True)
        match = self.regex.match(text.strip())
        if not match:
            return TitleMatch(None, text.strip(), False)
        groups = match.groupdict()
        number = int(groups["num"]) if groups.get("num") else None
        return TitleMatch(number, (groups.get("title") or "").strip(), True)

    def format(self, number: int | None, title: str) -> str:
        """The title heading's text for ``number`` and ``title``."""
        out = self.template
        if number is not None:
            out = _NUMBER_PLACEHOLDER_RE.sub(str(number), out, count=1)
        if self.example_text and out.endswith(self.example_text):
            return out[: len(out) - len(self.example_text)] + title
        return _PLACEHOLDER_RE.sub(lambda _m: title, out, count=1) if self.has_text else out


def _compile(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    pos = 0
    seen_title = False
    for match in _PLACEHOLDER_RE.finditer(template):
        parts.append(_literal(template[pos : match.start()]))
        if _NUMBER_PLACEHOLDER_RE.fullmatch(match.group()):
            parts.append(r"(?P<num>\d+)")
        elif not seen_title:
            parts.append(r"(?P<title>.+?)")
            seen_title = True
        else:
            parts.append(r".+?")
        pos = match.end()
    parts.append(_literal(template[pos:]))
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def _literal(text: str) -> str:
    out = []
    for ch in text:
        if ch.isspace():
            out.append(r"\s*")
        elif ch in _DASHES:
            out.append(f"[{re.escape(_DASHES)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out).replace(r"\s*\s*", r"\s*")


def placeholders_in(text: str) -> list[str]:
    """The placeholders (``<TITLE>``, ``{title}``, ``NNNN``) written in ``text``."""
    return _PLACEHOLDER_RE.findall(text)
