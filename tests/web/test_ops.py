"""Health probes, request ids, JSON logs without secrets, security headers."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from docket.web.ops.logging import JsonFormatter, RequestIdFilter, redact

ClientFor = Callable[[User | None], Client]


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Everything logged during the test, formatted exactly as production writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_healthz_answers_without_a_database(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_200_when_the_database_answers(db: None) -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_readyz_is_503_when_the_database_is_unreachable(db: None) -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")
    ):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_every_response_carries_a_request_id(db: None) -> None:
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_a_well_formed_incoming_request_id_is_kept_and_a_forged_one_replaced(db: None) -> None:
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="lb-123.abc")["X-Request-ID"] == "lb-123.abc"
    forged = Client().get("/healthz", HTTP_X_REQUEST_ID='x" injected\n{"level":"error"}')
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_log_lines_are_json_with_the_request_id(db: None, json_log: io.StringIO) -> None:
    response = Client().get("/healthz")
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    access = [entry for entry in lines if entry["logger"] == "docket.request"]
    assert access[-1]["request_id"] == response["X-Request-ID"]
    assert access[-1]["path"] == "/healthz" and access[-1]["status"] == 200


def test_logs_hold_no_password_token_or_cookie(
    alice: User, password: str, json_log: io.StringIO
) -> None:
    client = Client()
    client.post(reverse("login"), {"username": "alice", "password": "wrong-secret-pw"})
    client.post(reverse("login"), {"username": "alice", "password": password})
    created = client.post(reverse("accounts:tokens"), {"name": "ci"}).content.decode()
    secret = re.search(r'value="(dkt_[^"]+)"', created)
    assert secret is not None
    client.get(
        reverse("proposals:list") + f"?q={secret.group(1)}",
        HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}",
    )
    logged = json_log.getvalue()
    assert logged  # something was logged
    session = client.cookies["sessionid"].value
    for leaked in ("wrong-secret-pw", password, secret.group(1), session):
        assert leaked not in logged


def test_redaction_masks_secret_shaped_values() -> None:
    text = redact("token=abc123 password: hunter2 got dkt_0123abcd_SECRETSECRET ok")
    assert "abc123" not in text and "hunter2" not in text and "SECRETSECRET" not in text
    assert text.endswith("ok")


def test_pages_send_security_headers_and_load_only_from_this_server(
    alice: User, client_for: ClientFor
) -> None:
    response = client_for(alice).get(reverse("proposals:create"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "<script>" not in html  # scripts only from files, never inline
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js"', html)
    assert 'name="csrfmiddlewaretoken"' in html


def test_static_files_are_served(db: None) -> None:
    response = Client().get("/static/docket/docket.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert b"system-ui" in body
    htmx = Client().get("/static/django_htmx/htmx-2.min.js")
    assert htmx.status_code == 200


def test_a_form_without_its_csrf_token_is_refused(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("proposals:create"), {"title": "No token"})
    assert response.status_code == 403
    assert "security token" in response.content.decode()


def test_unknown_pages_get_a_plain_404_page(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).get("/rfcs/999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Not found" in html and "Traceback" not in html


def test_a_server_error_is_a_plain_500_page_with_the_request_id(
    alice: User, json_log: io.StringIO
) -> None:
    from docket.web.proposals import services

    rfc = services.create_rfc(alice, "Boom")
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with mock.patch.object(services, "allowed_states", side_effect=RuntimeError("kaboom")):
        response = client.get(reverse("proposals:detail", args=[rfc.number]))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and response["X-Request-ID"] in html
    assert "Traceback" not in html and "kaboom" not in html
    assert "kaboom" in json_log.getvalue()  # the operator still gets the cause


def test_a_request_for_another_host_gets_a_plain_400_page(db: None) -> None:
    # Refused before the session and user are attached: the error page must not need them.
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Traceback" not in html and "hx-headers" not in html
