"""Fenced code coloured by Pygments with CSS classes, so pages need no inline styles."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from pygments import highlight as _pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

CSS_CLASS = "highlight"
_FORMATTER = HtmlFormatter(nowrap=True)


@lru_cache(maxsize=256)
def _lexer(language: str) -> Lexer | None:
    # Looking a lexer up by alias scans Pygments' registry; documents repeat a few languages.
    try:
        return get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        return None


def highlight(code: str, language: str, _attrs: str = "") -> str:
    """The markdown-it ``highlight`` hook: "" lets markdown-it escape unknown languages."""
    if not language:
        return ""
    lexer = _lexer(language.lower())
    if lexer is None:
        return ""
    body = _pygments_highlight(code, lexer, _FORMATTER)
    lang = escape(language, quote=True)
    return f'<pre class="{CSS_CLASS}"><code class="language-{lang}">{body}</code></pre>'


def pygments_css(style: str = "default") -> str:
    """Stylesheet for highlighted code, scoped to ``.highlight`` so it styles nothing else."""
    return str(HtmlFormatter(style=style).get_style_defs(f".{CSS_CLASS}"))
