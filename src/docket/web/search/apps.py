from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "docket.web.search"
    label = "docket_search"
    verbose_name = "Search"
