"""``normalise`` keeps its regex definition while being computed with str methods."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.document import normalise

_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_MARKUP_RE = re.compile(r"[*_`>#|\[\]()!~\\-]+")
_SPACE_RE = re.compile(r"\s+")


def by_regex(text: str) -> str:
    """The definition: list markers dropped, markup runs and then blank runs to one space."""
    text = _LIST_MARKER_RE.sub("", text)
    text = _MARKUP_RE.sub(" ", text.lower())
    return _SPACE_RE.sub(" ", text).strip()


# Markup, list markers, ASCII and Unicode blanks (NBSP, em space, the separators str.split
# and \s both count), letters whose lower case differs.
TEXT = st.text(alphabet=list("*_`>#|[]()!~\\-+.)19 \t\n\r\f\v\x1c\x85\xa0\u2003aZÉ"), max_size=60)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_normalise_matches_its_regex_definition(text: str) -> None:
    assert normalise(text) == by_regex(text)


def test_normalise_reduces_markup_to_words() -> None:
    assert normalise("- **Bold**  `code`\n2. [link](x)\u00a0end") == "bold code link x end"
