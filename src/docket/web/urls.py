"""URL map of the workspace."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from docket.web.accounts.urls import auth_urlpatterns
from docket.web.ops import views as ops_views

admin.site.site_header = "Docket administration"
admin.site.site_title = "Docket admin"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("docket.web.accounts.urls")),
    path("api/v1/", include("docket.web.api.urls")),
    path("", include("docket.web.proposals.urls")),
]

handler400 = "docket.web.ops.errors.bad_request"
handler403 = "docket.web.ops.errors.permission_denied"
handler404 = "docket.web.ops.errors.page_not_found"
handler500 = "docket.web.ops.errors.server_error"
