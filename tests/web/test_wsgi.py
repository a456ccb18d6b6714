"""The WSGI entry point gunicorn workers load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc, json
import docket.web.wsgi
from django.urls import get_resolver
resolver = get_resolver()
tracked = {id(o) for o in gc.get_objects()}
print(json.dumps({"frozen": gc.get_freeze_count(), "walked": len(tracked),
                  "resolver_walked": id(resolver.url_patterns) in tracked}))
"""


def test_a_worker_freezes_what_it_loaded_so_full_collections_skip_it(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "docket.web.settings",
        "DOCKET_DATA_DIR": str(tmp_path),
        "DOCKET_SECRET_KEY": "test-only-" + "k" * 50,
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["frozen"] > 10 * seen["walked"]
    assert not seen["resolver_walked"]
