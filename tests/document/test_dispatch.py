"""The first-character dispatcher parses exactly like stock markdown-it-py.

Docket's block parser routes markdown-it-py's rules through ``docket.document._dispatch``
for speed; nothing it produces may differ: not a token field, not the references it
collects in ``env``, not the block parser's state at the end.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core.normalize import NEWLINES_RE, NULL_RE

from docket.document._blocks import _parser
from docket.document._dispatch import _state, install

CORPUS = Path("/work/shared/corpora/rust-rfcs/text")
FIXTURES = sorted(Path(__file__).resolve().parents[1].rglob("*.md"))


def _stock() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.disable(["inline"])
    return md


STOCK = _stock()


def _parsed(md: MarkdownIt, text: str) -> tuple[list[Any], dict[str, Any]]:
    env: dict[str, Any] = {}
    return [t.as_dict() for t in md.parse(text, env)], env


def _fields(state: StateBlock) -> dict[str, Any]:
    names = ("line", "lineMax", "level", "parentType", "blkIndent", "listIndent", "tight")
    marks = ("bMarks", "eMarks", "tShift", "sCount", "bsCount")
    return {name: getattr(state, name) for name in (*names, *marks)}


def _final_state(md: MarkdownIt, text: str, make: Any) -> dict[str, Any]:
    """The block parser's state after tokenizing ``text`` (normalised as ``md.parse`` does)."""
    src = NULL_RE.sub("\ufffd", NEWLINES_RE.sub("\n", text))
    state = make(src, md, {}, [])
    md.block.tokenize(state, state.line, state.lineMax)
    return _fields(state)


def assert_same_as_stock(text: str) -> None:
    ours = _parser()
    assert _parsed(ours, text) == _parsed(STOCK, text)
    assert _final_state(ours, text, _state) == _final_state(STOCK, text, StateBlock)


EDGE_CASES = [
    "",
    "\n",
    "   ",
    "a\n \t ",
    "a\n\n\n",
    " \t\ta\n\t  b\n  \t c",
    "a\n===\n",
    "a\n- b\n",
    "a\n-- -\n",
    "a\n--\t \n",
    "a\nb\n=  \n",
    "a\nb\n---\n",
    "a\n    ---\n",
    "    code\n  para\n---\n",
    "- a\n- b\n\n  c\n---\n",
    "> a|b\n> -|-\n>",
    "> a\n>",
    "a | b\n--|--\n1 | 2\n> q\n",
    "| a |\n|---|\n| 1 |\n- item\n",
    "a|b\n- | -\n",
    "a|b\n:-|-:\n",
    "a\n+ b\n",
    "a\n- b\n1. c\n2) d\n",
    "a\n2. not a list\n",
    "* * *\n- - -\n_ _ _\n",
    "[x]: /url 'title'\n[x]: /other\n\n[y]:\n<z>\n",
    "[a\n[b]: /c\n",
    "<div>\n*x*\n</div>\n<!-- c -->\n<?p ?>\n<!X>\n<![CDATA[ ]]>\n<a href=x>\n",
    "para\n<div>\n",
    "para\n<span>\n",
    "# h\n####### no\n#no\n##\n",
    "```\ncode\n```\n~~~ lang\n~~~\n``` a`b\n",
    "1. a\n   > b\n   c\n2. d\n",
    "-\n\n  foo\n",
    " - a\n  - b\n   - c\n    - d\n     - e\n",
    "\t- tab\n>\tquote\n\t\tcode\n",
    "a\r\nb\rc\0d\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_parse_like_stock(text: str) -> None:
    assert_same_as_stock(text)


def test_rust_corpus_parses_like_stock() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the Rust RFC corpus is not at {CORPUS}")
    files = sorted(CORPUS.glob("*.md"))
    assert len(files) > 600
    for path in files:
        assert_same_as_stock(path.read_text(encoding="utf-8"))


def test_markdown_fixtures_parse_like_stock() -> None:
    assert FIXTURES
    for path in FIXTURES:
        assert_same_as_stock(path.read_text(encoding="utf-8"))


# Characters every block rule looks at first, plus what makes lines, indents and text.
MARKDOWN = st.lists(
    st.one_of(
        st.sampled_from(list("#>*-+_=|`~<[]:!\\.)0129 \t\naZ")),
        st.sampled_from(
            ["\n\n", "    ", "```", "~~~", "<div>", "<!--", "-->", "</div>", "[a]: ", "| a |"]
        ),
    ),
    max_size=80,
).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_generated_markdown_parses_like_stock(text: str) -> None:
    assert_same_as_stock(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\na#", max_size=30))
def test_line_table_matches_stock(src: str) -> None:
    assert _fields(_state(src, STOCK, {}, [])) == _fields(StateBlock(src, STOCK, {}, []))


def test_dispatch_skips_rules_that_cannot_match(caplog: pytest.LogCaptureFixture) -> None:
    text = "# Title\n\nSome prose\nover three\nlines.\n\n- a\n- b\n"
    caplog.set_level(logging.DEBUG, logger="markdown_it")
    STOCK.parse(text)
    stock_calls = len(caplog.records)
    caplog.clear()
    _parser().parse(text)
    assert 0 < len(caplog.records) < stock_calls / 2


def test_install_leaves_a_parser_without_a_final_paragraph_rule_stock() -> None:
    md = _stock()
    md.block.ruler.disable("paragraph")
    before = md.block.ruler.get_active_rules()
    assert install(md) is False
    assert md.block.ruler.get_active_rules() == before
    assert type(md.block) is type(STOCK.block)
    assert install(_stock()) is True
