"""Faster block parsing for markdown-it-py, with exactly the stock results.

markdown-it-py tries every block rule, in order, on every line, and the paragraph, list and
blockquote rules try a chain of "terminator" rules on every line they continue over. Most
of those calls fail at once, on the first non-space character of the line (a fence needs
a backtick or tilde there, a heading a ``#``...), and each still costs a Python call and a
``LOGGER.debug``: two thirds of Docket's cold lint time was this parser.

``install`` puts one dispatching rule in front of each chain. It looks at the line's
first non-space character and calls only the stock rules that can match it, in their
original order, so the tokens and the parser state are exactly what stock markdown-it-py
produces (tests/document/test_dispatch.py compares the two). A rule this module does not
know (a plugin, a replaced function) is tried on every character. The parser's line table
is also built with string methods instead of a Python loop over lines.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING

from markdown_it import rules_block
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType

Rule = Callable[["StateBlock", int, int, bool], bool]

_STARTS: dict[Rule, frozenset[str]] = {
    rules_block.fence: frozenset("`~"),
    rules_block.blockquote: frozenset(">"),
    rules_block.hr: frozenset("*-_"),
    rules_block.list_block: frozenset("*-+0123456789"),
    rules_block.reference: frozenset("["),
    rules_block.html_block: frozenset("<"),
    rules_block.heading: frozenset("#"),
}
"""The first non-space characters a stock rule can match on (it fails on any other)."""


def _table(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """The table rule, tried only when its own first checks could pass: a next line that
    starts with ``|``, ``-`` or ``:`` and a ``|`` on this line."""
    following = line + 1
    if following >= end:
        return False
    src = state.src
    pos = state.bMarks[following] + state.tShift[following]
    if pos >= state.eMarks[following] or src[pos] not in "|-:":
        return False
    if src.find("|", state.bMarks[line] + state.tShift[line], state.eMarks[line]) < 0:
        return False
    return rules_block.table(state, line, end, silent)


def _code(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """The indented-code rule, tried only on a line indented as code."""
    if state.sCount[line] - state.blkIndent < 4:
        return False
    return rules_block.code(state, line, end, silent)


def _lheading(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """The setext-heading rule, tried only when a later line of the run could underline it
    (nothing but ``=`` or ``-`` and then blanks: a list item after a paragraph cannot).

    When it cannot, stock ``lheading`` fails after leaving ``state.parentType`` set to
    "paragraph" (unless the line is indented code); that is reproduced so that the state,
    not only the tokens, stays stock.
    """
    src, bMarks, tShift, eMarks = state.src, state.bMarks, state.tShift, state.eMarks
    following = line + 1
    while following < end:
        pos = bMarks[following] + tShift[following]
        if pos >= eMarks[following]:
            break
        marker = src[pos]
        if marker in "-=" and not src[pos : eMarks[following]].rstrip(" \t").lstrip(marker):
            return rules_block.lheading(state, line, end, silent)
        following += 1
    if not state.is_code_block(line):
        state.parentType = "paragraph"
    return False


_GUARDED: dict[Rule, Rule] = {
    rules_block.table: _table,
    rules_block.code: _code,
    rules_block.lheading: _lheading,
}
"""Stock rules that can match on any first character, behind a cheap exact pre-check."""


def _dispatcher(rules: list[Rule]) -> Rule:
    """One rule that tries ``rules`` in order, only those that can match the first
    character of the line."""
    chars = sorted({c for fn in rules for c in _STARTS.get(fn, ())})

    def candidates(ch: str | None) -> tuple[Rule, ...]:
        return tuple(_GUARDED.get(fn, fn) for fn in rules if fn not in _STARTS or ch in _STARTS[fn])

    by_char = {ch: candidates(ch) for ch in chars}
    other = candidates(None)
    every = tuple(rules)

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        try:
            tried = by_char.get(state.src[state.bMarks[line] + state.tShift[line]], other)
        except IndexError:  # an empty last line: leave it to the stock rules
            tried = every
        for rule in tried:  # noqa: SIM110 - any() adds a generator per call, on every line
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


def _state(src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> StateBlock:
    """A ``StateBlock`` for ``src``, its line table built with string methods rather than
    the stock per-line Python loop (the same marks, in about 60% of the time)."""
    state = StateBlock("", md, env, tokens)
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        lines.pop()  # no line for a trailing newline, nor for a last line of only blanks
    lengths = [len(line) for line in lines]
    begins = list(accumulate([n + 1 for n in lengths], initial=0))
    begins[-1] = len(src)
    ends = [b + n for b, n in zip(begins, lengths, strict=False)]
    ends.append(len(src))
    shifts = [n - len(line.lstrip(" \t")) for n, line in zip(lengths, lines, strict=True)]
    shifts.append(0)
    if "\t" in src:
        counts = [_indent(line[:shift]) for line, shift in zip(lines, shifts, strict=False)]
        counts.append(0)
    else:
        counts = shifts.copy()
    state.src = src
    state.bMarks, state.eMarks, state.tShift, state.sCount = begins, ends, shifts, counts
    state.bsCount = [0] * len(begins)
    state.lineMax = len(begins) - 1
    return state


def _indent(blanks: str) -> int:
    """The width of leading spaces and tabs, tabs to the next multiple of four."""
    width = 0
    for ch in blanks:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


class _BlockParser(ParserBlock):
    def parse(
        self, src: str, md: MarkdownIt, env: EnvType, outTokens: list[Token]
    ) -> list[Token] | None:
        if not src:
            return None
        state = _state(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


def install(md: MarkdownIt) -> bool:
    """Route ``md``'s block parsing through first-character dispatchers; ``False`` (and
    ``md`` left as it was) when its rules do not end with the paragraph rule, which the
    main dispatcher relies on to always match: the stock parser is then only slower.

    The stock rules stay enabled (``StateBlock`` asks whether "code" is active) but leave
    every terminator chain; the main dispatcher goes first and always matches, so the stock
    rules behind it are never reached.
    """
    ruler = md.block.ruler
    enabled = [r for r in ruler.__rules__ if r.enabled]
    if not enabled or enabled[-1].fn is not rules_block.paragraph:
        return False
    chains = sorted({name for r in enabled for name in r.alt})
    terminators = {name: [r.fn for r in enabled if name in r.alt] for name in chains}
    for r in enabled:
        ruler.at(r.name, r.fn, {"alt": []})
    ruler.before(enabled[0].name, "docket_dispatch", _dispatcher([r.fn for r in enabled]))
    for name in chains:
        ruler.push(f"docket_dispatch_{name}", _dispatcher(terminators[name]), {"alt": [name]})
    block = _BlockParser()
    block.ruler = ruler
    md.block = block
    return True
