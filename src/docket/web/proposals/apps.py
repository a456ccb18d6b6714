from __future__ import annotations

from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "docket.web.proposals"
    label = "proposals"
    verbose_name = "RFCs"
