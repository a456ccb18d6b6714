"""The ``NinjaAPI`` instance: auth, error shape, routers and the locally served docs."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from docket.web.api import errors, lint, rfcs
from docket.web.api.auth import DocketAuth

api = NinjaAPI(
    title="Docket API",
    version="1",
    description=(
        "RFCs, revisions, search, state changes and lint. Authenticate with "
        "`Authorization: Bearer <token>` (create tokens on your account page) or the browser "
        "session (send `X-CSRFToken` on unsafe methods). Errors are "
        '`{"error": {"code": ..., "message": ...}}`.'
    ),
    auth=DocketAuth(),
    urls_namespace="api-v1",
    # Swagger UI from the copy django-ninja ships (``ninja`` is in INSTALLED_APPS): no CDN.
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", rfcs.router)
api.add_router("", lint.router)
