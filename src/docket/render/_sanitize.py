"""The one gate every rendered page passes: nh3 with an explicit allow-list.

Raw HTML is allowed through the Markdown parser, so this allow-list, not the parser, is what
keeps scripts, event handlers, frames, forms and ``javascript:`` URLs out of Docket's pages.
"""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

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

_OWN_ID_RE = re.compile(r'\sid="([^"]*' + OWN_ID_MARK + r'[^"]*)"')


@dataclass(frozen=True, slots=True)
class _Pass:
    """What the attribute filter must know about the document being cleaned."""

    own_ids: frozenset[str] = frozenset()
    drop_remote_images: bool = False


_PASS: ContextVar[_Pass] = ContextVar("docket_sanitize_pass")
_PLAIN = _Pass()


def is_remote(url: str) -> bool:
    """True for a URL on another origin (``https://...``, ``//host/...``), not a relative one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[oops": unparseable, so certainly not one of ours
        return True
    return bool(parts.scheme or parts.netloc)


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Must never raise: nh3 reports exceptions through sys.unraisablehook, not to the caller.
    if name == "id":
        if OWN_ID_MARK in value:
            return value.replace(OWN_ID_MARK, "")
        return USER_ID_PREFIX + value
    if name == "href":
        if OWN_ID_MARK in value:
            return value.replace(OWN_ID_MARK, "")
        return _in_page_link(value)
    if tag == "img" and name == "src" and _PASS.get(_PLAIN).drop_remote_images and is_remote(value):
        # The page's CSP would block it; without a source the browser shows the alt text.
        return None
    return value


def _in_page_link(href: str) -> str:
    """``#x`` reaches an author's ``id="x"`` (now ``user-content-x``) unless x is our own id."""
    if not href.startswith("#") or len(href) == 1 or href.startswith("#" + USER_ID_PREFIX):
        return href
    if unquote(href[1:]) in _PASS.get(_PLAIN).own_ids:
        return href
    return "#" + USER_ID_PREFIX + href[1:]


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


def sanitize(html: str, *, drop_remote_images: bool = False) -> str:
    """HTML reduced to the allow-list above; safe to insert into a Docket page as is.

    ``drop_remote_images`` removes the source of raw ``<img>`` tags on other origins, for
    pages whose Content-Security-Policy would block them anyway.
    """
    own_ids = frozenset(
        unescape(match.replace(OWN_ID_MARK, "")) for match in _OWN_ID_RE.findall(html)
    )
    token = _PASS.set(_Pass(own_ids, drop_remote_images))
    try:
        return _CLEANER.clean(html)
    finally:
        _PASS.reset(token)
