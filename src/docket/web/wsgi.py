"""WSGI entry point for gunicorn (``docket serve``)."""

from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docket.web.settings")

application = get_wsgi_application()

# Django, the apps and their modules are loaded now and live as long as the worker. Left
# to the collector, its full collections walk all of them: about every 500 requests one
# took 84 ms, a stall every queued request shared (bench/web.py's p99). Frozen, they are
# never walked again; what requests allocate is collected as before.
gc.freeze()
