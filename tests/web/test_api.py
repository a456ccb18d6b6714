"""The JSON API: each endpoint, ETag/If-Match, token and session auth, roles, error shape."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from docket.web.accounts import tokens
from docket.web.proposals import services
from docket.web.proposals.models import Revision, Rfc

pytestmark = pytest.mark.django_db

API = "/api/v1"

# Summary filled; Goals and Failure Modes empty, so lint has something to say.
DRAFT = """---
authors: Alice (alice@example.com)
state: draft
---

# RFC {number} - Message queue

## Summary

We add a message queue between the order service and billing.

### Goals

## Failure Modes

| Failure Scenario | Likely Cause | User Impact | System Impact | Mitigation |
|---|---|---|---|---|
"""


def persona(name: str, role: str | None) -> User:
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice() -> User:
    return persona("alice", "author")


@pytest.fixture
def bob() -> User:
    return persona("bob", "author")


@pytest.fixture
def reader() -> User:
    return persona("rita", "reader")


@pytest.fixture
def admin() -> User:
    return persona("ada", "admin")


class Api:
    """A client that sends a bearer token and JSON, and reads JSON back."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            _token, raw = tokens.issue(user, "tests")
            self.headers["Authorization"] = f"Bearer {raw}"

    def call(
        self, method: str, path: str, body: Any = None, **headers: str
    ) -> tuple[int, Any, Any]:
        kwargs: dict[str, Any] = {"headers": {**self.headers, **headers}}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        response = getattr(self.client, method)(API + path, **kwargs)
        payload = json.loads(response.content) if response.content else None
        return response.status_code, payload, response


def make_rfc(user: User, title: str = "Message queue") -> Rfc:
    text = DRAFT.format(number=services.next_number())
    return services.create_rfc(user, title, text)


def assert_error(payload: Any, code: str) -> None:
    assert set(payload) == {"error"}
    assert payload["error"]["code"] == code
    assert isinstance(payload["error"]["message"], str) and payload["error"]["message"]


# --- reading -----------------------------------------------------------------------------


def test_list_paginates_with_a_count_and_filters(alice: User, bob: User, reader: User) -> None:
    for _ in range(3):
        make_rfc(alice)
    make_rfc(bob)
    status, page, _ = Api(reader).call("get", "/rfcs?limit=2&offset=1")
    assert status == 200
    assert page["count"] == 4 and page["limit"] == 2 and page["offset"] == 1
    assert [item["number"] for item in page["items"]] == [3, 2]
    status, page, _ = Api(reader).call("get", "/rfcs?author=bob")
    assert [item["number"] for item in page["items"]] == [4]
    assert page["items"][0]["authors"] == ["bob"]
    status, page, _ = Api(reader).call("get", "/rfcs?state=complete")
    assert page["count"] == 0


def test_list_rejects_a_bad_limit_with_the_error_shape(reader: User) -> None:
    status, payload, _ = Api(reader).call("get", "/rfcs?limit=0")
    assert status == 422
    assert_error(payload, "validation_error")
    assert "limit" in payload["error"]["message"]
    status, payload, _ = Api(reader).call("get", "/rfcs?limit=abc")
    assert status == 422
    assert_error(payload, "validation_error")
    assert "query.limit" in payload["error"]["message"]


def test_search_ranks_and_highlights(alice: User, reader: User) -> None:
    make_rfc(alice, "Message queue")
    other = DRAFT.format(number=2).replace("Message queue", "Billing")
    services.create_rfc(alice, "Billing", other.replace("message queue", "invoice run"))
    status, page, _ = Api(reader).call("get", "/search?q=queue")
    assert status == 200
    assert page["count"] == 1
    [hit] = page["items"]
    assert hit["rfc"]["number"] == 1
    assert "<mark>" in hit["snippet"]
    status, page, _ = Api(reader).call("get", '/search?q="unbalanced')
    assert status == 200 and page["count"] == 0


def test_search_requires_a_query(reader: User) -> None:
    status, payload, _ = Api(reader).call("get", "/search")
    assert status == 422
    assert_error(payload, "validation_error")
    assert "q" in payload["error"]["message"]


def test_get_returns_metadata_sections_findings_text_and_an_etag(alice: User, reader: User) -> None:
    rfc = make_rfc(alice)
    status, body, response = Api(reader).call("get", f"/rfcs/{rfc.number}")
    assert status == 200
    assert response["ETag"] == body["etag"] == f'"rev-{rfc.current_id}"'
    assert body["title"] == "Message queue" and body["state"] == "draft"
    assert body["current_revision"]["text"].startswith("---\nauthors: Alice")
    summary = next(s for s in body["sections"] if s["key"] == "summary")
    assert summary["filled"] is True
    goals = next(s for s in body["sections"] if s["key"] == "goals")
    assert goals["kept"] is True and goals["filled"] is False
    assert body["findings"] and {"code", "line", "severity", "message"} <= set(body["findings"][0])


def test_an_unknown_rfc_is_a_json_404(reader: User) -> None:
    status, payload, _ = Api(reader).call("get", "/rfcs/999")
    assert status == 404
    assert_error(payload, "not_found")
    assert "999" in payload["error"]["message"]


def test_an_unknown_endpoint_is_a_json_404(reader: User) -> None:
    status, payload, _ = Api(reader).call("get", "/nothing/here")
    assert status == 404
    assert_error(payload, "not_found")


def test_revisions_are_listed_newest_first_and_readable(alice: User, reader: User) -> None:
    rfc = make_rfc(alice)
    assert rfc.current is not None
    services.save_revision(rfc, alice, rfc.current.text + "\nMore.\n", rfc.current_id)
    status, page, _ = Api(reader).call("get", f"/rfcs/{rfc.number}/revisions")
    assert status == 200
    assert page["count"] == 2
    assert [r["seq"] for r in page["items"]] == [2, 1]
    assert page["items"][0]["author"] == "alice"
    status, revision, _ = Api(reader).call("get", f"/rfcs/{rfc.number}/revisions/1")
    assert status == 200 and "More." not in revision["text"]
    status, payload, _ = Api(reader).call("get", f"/rfcs/{rfc.number}/revisions/9")
    assert status == 404
    assert_error(payload, "not_found")


# --- writing -----------------------------------------------------------------------------


def test_an_author_creates_an_rfc(alice: User) -> None:
    status, body, response = Api(alice).call("post", "/rfcs", {"title": "Rate limits"})
    assert status == 201
    assert body["number"] == 1 and body["title"] == "Rate limits"
    assert response["Location"].endswith("/api/v1/rfcs/1")
    assert response["ETag"] == body["etag"]
    assert "# RFC 1 - Rate limits" in body["current_revision"]["text"]
    assert body["authors"] == ["alice"]


def test_create_validates_the_body(alice: User) -> None:
    status, payload, _ = Api(alice).call("post", "/rfcs", {"text": "no title"})
    assert status == 422
    assert_error(payload, "validation_error")
    assert "body.title" in payload["error"]["message"]
    status, payload, _ = Api(alice).call("post", "/rfcs", {"title": "   "})
    assert status == 422
    assert_error(payload, "invalid_input")


def test_a_reader_cannot_create(reader: User) -> None:
    status, payload, _ = Api(reader).call("post", "/rfcs", {"title": "Nope"})
    assert status == 403
    assert_error(payload, "permission_denied")
    assert not Rfc.objects.exists()


def test_update_needs_if_match_and_refuses_a_stale_etag(alice: User) -> None:
    rfc = make_rfc(alice)
    api = Api(alice)
    _, body, response = api.call("get", f"/rfcs/{rfc.number}")
    etag = response["ETag"]
    new_text = body["current_revision"]["text"] + "\nAn addition.\n"

    status, payload, _ = api.call("put", f"/rfcs/{rfc.number}", {"text": new_text})
    assert status == 428
    assert_error(payload, "precondition_required")

    status, updated, response = api.call(
        "put", f"/rfcs/{rfc.number}", {"text": new_text}, **{"If-Match": etag}
    )
    assert status == 200
    assert updated["current_revision"]["text"] == new_text
    assert response["ETag"] != etag and response["ETag"] == updated["etag"]

    status, payload, _ = api.call(
        "put", f"/rfcs/{rfc.number}", {"text": "lost edit"}, **{"If-Match": etag}
    )
    assert status == 412
    assert_error(payload, "stale_revision")
    assert payload["error"]["details"]["current_etag"] == updated["etag"]
    assert Revision.objects.filter(rfc=rfc).count() == 2


def test_authors_edit_only_their_own_and_admins_edit_all(
    alice: User, bob: User, admin: User
) -> None:
    rfc = make_rfc(alice)
    etag = f'"rev-{rfc.current_id}"'
    assert rfc.current is not None
    text = rfc.current.text + "\nBob was here.\n"
    status, payload, _ = Api(bob).call(
        "put", f"/rfcs/{rfc.number}", {"text": text}, **{"If-Match": etag}
    )
    assert status == 403
    assert_error(payload, "permission_denied")
    status, _, _ = Api(admin).call(
        "put", f"/rfcs/{rfc.number}", {"text": text}, **{"If-Match": etag}
    )
    assert status == 200


def test_state_change_is_readiness_checked(alice: User) -> None:
    rfc = make_rfc(alice)
    api = Api(alice)
    status, payload, _ = api.call("post", f"/rfcs/{rfc.number}/state", {"state": "in-progress"})
    assert status == 422
    assert_error(payload, "not_ready")
    assert payload["error"]["details"], "the missing items are listed"
    assert {"code", "message", "line"} <= set(payload["error"]["details"][0])
    assert Rfc.objects.get(pk=rfc.pk).state == "draft"

    status, payload, _ = api.call("post", f"/rfcs/{rfc.number}/state", {"state": "complete"})
    assert status in (409, 422)
    assert payload["error"]["code"] in {"transition_not_allowed", "not_ready"}

    status, payload, _ = api.call("post", f"/rfcs/{rfc.number}/state", {"state": "bogus"})
    assert status == 409
    assert_error(payload, "transition_not_allowed")


def test_an_admin_may_force_a_state_change(alice: User, admin: User) -> None:
    rfc = make_rfc(alice)
    status, body, _ = Api(admin).call(
        "post", f"/rfcs/{rfc.number}/state", {"state": "in-progress", "force": True}
    )
    assert status == 200
    assert body["state"] == "in-progress"
    assert "state: in-progress" in body["current_revision"]["text"]
    status, payload, _ = Api(alice).call(
        "post", f"/rfcs/{rfc.number}/state", {"state": "complete", "force": True}
    )
    assert status == 403
    assert_error(payload, "permission_denied")


# --- lint --------------------------------------------------------------------------------


def test_lint_accepts_markdown_or_json(reader: User) -> None:
    api = Api(reader)
    text = DRAFT.format(number=7)
    response = api.client.post(
        f"{API}/lint", data=text, content_type="text/markdown", headers=api.headers
    )
    assert response.status_code == 200
    as_markdown = response.json()
    assert as_markdown["count"] == len(as_markdown["findings"]) > 0
    status, as_json, _ = api.call("post", "/lint", {"text": text})
    assert status == 200
    assert as_json == as_markdown
    assert {f["severity"] for f in as_json["findings"]} == {"warning"}
    assert {f["line"] for f in as_json["findings"]} == {12, 14}
    status, stricter, _ = api.call("post", "/lint", {"text": text, "state": "complete"})
    assert status == 200
    assert {f["severity"] for f in stricter["findings"]} == {"error"}
    response = api.client.post(
        f"{API}/lint?state=complete", data=text, content_type="text/markdown", headers=api.headers
    )
    assert response.json() == stricter


def test_lint_rejects_bad_bodies_clearly(reader: User) -> None:
    api = Api(reader)
    response = api.client.post(
        f"{API}/lint", data="{not json", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 400
    assert_error(response.json(), "bad_json")
    response = api.client.post(
        f"{API}/lint", data=b"\xff\xfe", content_type="text/markdown", headers=api.headers
    )
    assert response.status_code == 400
    assert_error(response.json(), "bad_encoding")
    response = api.client.post(
        f"{API}/lint", data="x", content_type="application/xml", headers=api.headers
    )
    assert response.status_code == 415
    assert_error(response.json(), "unsupported_media_type")
    status, payload, _ = api.call("post", "/lint", {"txt": "typo"})
    assert status == 422
    assert_error(payload, "validation_error")
    assert "text" in payload["error"]["message"]
    status, payload, _ = api.call("post", "/lint", {"text": "x", "state": "nope"})
    assert status == 422
    assert "nope" in payload["error"]["message"]


# --- authentication ----------------------------------------------------------------------


def test_anonymous_requests_are_refused_with_401() -> None:
    status, payload, _ = Api(None).call("get", "/rfcs")
    assert status == 401
    assert_error(payload, "not_authenticated")


def test_a_revoked_token_is_refused(reader: User) -> None:
    token, raw = tokens.issue(reader, "soon revoked")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get(f"{API}/rfcs").status_code == 200
    assert tokens.revoke(reader, token.pk)
    response = client.get(f"{API}/rfcs")
    assert response.status_code == 401
    assert_error(response.json(), "invalid_token")


@pytest.mark.parametrize(
    "header", ["Bearer dkt_nope_nope", "Bearer ", "Basic YWxpY2U6cHc=", "Bearer garbage"]
)
def test_malformed_or_unknown_tokens_are_401(header: str) -> None:
    response = Client().get(f"{API}/rfcs", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"invalid_token", "not_authenticated"}


def test_a_user_without_a_role_is_forbidden() -> None:
    nobody = persona("nobody", None)
    status, payload, _ = Api(nobody).call("get", "/rfcs")
    assert status == 403
    assert_error(payload, "permission_denied")


def test_session_auth_reads_and_needs_csrf_to_write(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(f"{API}/rfcs").status_code == 200
    response = client.post(
        f"{API}/rfcs", data=json.dumps({"title": "X"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert_error(response.json(), "csrf_failed")
    # The CSRF cookie, as any page of the site sets it, sent back in the header.
    client.get(f"{API}/docs")
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        f"{API}/rfcs",
        data=json.dumps({"title": "X"}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.content


def test_public_read_lets_anonymous_visitors_read_but_not_write(alice: User, settings: Any) -> None:
    settings.DOCKET_PUBLIC_READ = True
    make_rfc(alice)
    assert Client().get(f"{API}/rfcs/1").status_code == 200
    response = Client().post(
        f"{API}/rfcs", data=json.dumps({"title": "X"}), content_type="application/json"
    )
    assert response.status_code == 401


# --- OpenAPI and docs --------------------------------------------------------------------


def test_openapi_lists_every_endpoint() -> None:
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    expected = {
        "/api/v1/rfcs": {"get", "post"},
        "/api/v1/search": {"get"},
        "/api/v1/rfcs/{number}": {"get", "put"},
        "/api/v1/rfcs/{number}/revisions": {"get"},
        "/api/v1/rfcs/{number}/revisions/{seq}": {"get"},
        "/api/v1/rfcs/{number}/state": {"post"},
        "/api/v1/lint": {"post"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    lint_body = paths["/api/v1/lint"]["post"]["requestBody"]["content"]
    assert {"text/markdown", "application/json"} <= set(lint_body)
    assert "ErrorOut" in schema["components"]["schemas"]


def test_the_docs_page_loads_nothing_from_other_sites() -> None:
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert urls, "the page references its scripts and styles"
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert "cdn" not in html.lower()
    assert "https://" not in html and "http://" not in html
    for url in urls:
        asset = Client().get(url)
        assert asset.status_code == 200, url


def test_an_unexpected_error_is_a_json_500_without_a_traceback(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "create_rfc", explode)
    status, payload, _ = Api(alice).call("post", "/rfcs", {"title": "Boom"})
    assert status == 500
    assert_error(payload, "server_error")
    assert "secret internals" not in json.dumps(payload)


def test_a_conditional_get_is_304_until_the_rfc_changes(alice: User, reader: User) -> None:
    rfc = make_rfc(alice)
    api = Api(reader)
    _, _, response = api.call("get", f"/rfcs/{rfc.number}")
    etag = response["ETag"]
    status, body, response = api.call("get", f"/rfcs/{rfc.number}", **{"If-None-Match": etag})
    assert status == 304 and body is None and response["ETag"] == etag
    assert rfc.current is not None
    services.save_revision(rfc, alice, rfc.current.text + "\nMore.\n", rfc.current_id)
    status, body, response = api.call("get", f"/rfcs/{rfc.number}", **{"If-None-Match": etag})
    assert status == 200 and response["ETag"] != etag


def test_an_unsupported_method_is_a_json_405(reader: User) -> None:
    status, payload, response = Api(reader).call("delete", "/rfcs/1")
    assert status == 405
    assert_error(payload, "method_not_allowed")
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "PUT"}


def test_docs_api_md_lists_every_endpoint() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    paths = Client().get(f"{API}/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method in operations:
            entry = f"`{method.upper()} {path.removeprefix(API)}"
            assert entry in docs, f"docs/api.md does not document {entry}`"
