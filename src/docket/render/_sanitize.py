"""The one gate every rendered page passes: nh3 with an explicit allow-list.

Raw HTML is allowed through the Markdown parser, so this allow-list, not the parser, is what
keeps scripts, event handlers, frames, forms and ``javascript:`` URLs out of Docket's pages.
"""

from __future__ import annotations

import secrets

import nh3

# Ids Docket generates (headings, footnotes) carry this per-process secret until sanitising,
# which strips it; any other id came from an author's raw HTML and is prefixed instead, so an
# author cannot shadow or hijack a section anchor.
OWN_ID_MARK = f"dkt{secrets.token_hex(8)}x"
USER_ID_PREFIX = "user-content-"

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

ALLOWED_TAGS = frozenset(
    {
        *_HEADINGS,
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "input", "ins",
        "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip

# Removed together with everything inside them, rather than leaving their text behind.
CLEAN_CONTENT_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "noscript", "noembed", "noframes", "template", "textarea", "select", "xmp",
        "svg", "math", "title", "head", "form",
    }
)  # fmt: skip

_CELL = {"class", "colspan", "rowspan"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "class", "aria-label", "aria-hidden"},
    "abbr": {"title"},
    "code": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "div": {"class"},
    "section": {"class"},
    "sup": {"class"},
    "hr": {"class"},
    "ol": {"start", "class"},
    "ul": {"class"},
    "li": {"class", "value"},
    "img": {"src", "alt", "width", "height"},
    "input": {"checked", "disabled", "class"},
    "details": {"open"},
    "td": _CELL,
    "th": _CELL,
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite"},
    "ins": {"cite"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Must never raise: nh3 reports exceptions through sys.unraisablehook, not to the caller.
    if name == "id":
        if OWN_ID_MARK in value:
            return value.replace(OWN_ID_MARK, "")
        return USER_ID_PREFIX + value
    if name == "href" and OWN_ID_MARK in value:
        return value.replace(OWN_ID_MARK, "")
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute,
    strip_comments=True,
    link_rel="noopener noreferrer",
    url_schemes=set(URL_SCHEMES),
    # Task-list checkboxes are the only inputs worth keeping, and they must stay inert.
    tag_attribute_values={"input": {"type": {"checkbox"}}},
    set_tag_attribute_values={"input": {"disabled": "disabled", "type": "checkbox"}},
)


def sanitize(html: str) -> str:
    """HTML reduced to the allow-list above; safe to insert into a Docket page as is."""
    return _CLEANER.clean(html)
