"""The RFC page's per-process fragment cache: bounded, keyed, and off when asked."""

from __future__ import annotations

from functools import partial

from django.test import override_settings
from markupsafe import Markup

from docket.web.proposals.fragments import FragmentCache, page_cache


def test_a_kept_fragment_is_not_rendered_again() -> None:
    cache = FragmentCache(max_chars=100)
    calls: list[int] = []

    def render() -> Markup:
        calls.append(1)
        return Markup("<p>doc</p>")

    assert cache.get((1, 1, "t"), render) == "<p>doc</p>"
    assert cache.get((1, 1, "t"), render) == "<p>doc</p>"
    assert len(calls) == 1
    cache.get((1, 2, "t"), render)  # a new current revision is a new key
    assert len(calls) == 2


def test_the_least_recently_used_fragments_go_first_when_full() -> None:
    cache = FragmentCache(max_chars=25)
    renders: list[int] = []

    def render(n: int) -> Markup:
        renders.append(n)
        return Markup("x" * 10)

    for n in range(3):
        cache.get((n, n, "t"), partial(render, n))
    assert len(cache) == 2  # 30 characters do not fit in 25
    cache.get((2, 2, "t"), lambda: render(2))
    cache.get((0, 0, "t"), lambda: render(0))
    assert renders == [0, 1, 2, 0]  # the newest was kept, the oldest dropped


def test_a_fragment_larger_than_the_cache_is_served_but_not_kept() -> None:
    cache = FragmentCache(max_chars=5)
    assert cache.get((1, 1, "t"), lambda: Markup("x" * 10)) == "x" * 10
    assert len(cache) == 0


def test_the_setting_sizes_the_cache_and_zero_turns_it_off() -> None:
    with override_settings(DOCKET_PAGE_CACHE_CHARS=0):
        cache = page_cache()
        cache.get((1, 1, "t"), lambda: Markup("doc"))
        assert len(cache) == 0
    with override_settings(DOCKET_PAGE_CACHE_CHARS=1000):
        assert page_cache().max_chars == 1000
