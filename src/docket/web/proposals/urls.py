from __future__ import annotations

from django.urls import URLPattern, path

from docket.web.proposals import assets, editor, views

app_name = "proposals"

urlpatterns: list[URLPattern] = [
    path("", views.rfc_list, name="list"),
    path("rfcs/new/", views.rfc_create, name="create"),
    path("rfcs/<int:number>/", views.rfc_detail, name="detail"),
    path("rfcs/<int:number>/source.md", views.rfc_source, name="source"),
    path("rfcs/<int:number>/edit/", views.rfc_edit, name="edit"),
    path("rfcs/<int:number>/state/", views.rfc_state, name="state"),
    path("rfcs/<int:number>/diff/", views.rfc_diff, name="diff"),
    path("editor/preview/", editor.preview, name="preview"),
    path("editor/lint/", editor.lint, name="lint"),
    path("assets/pygments.css", assets.pygments_stylesheet, name="pygments-css"),
    path("favicon.ico", assets.favicon, name="favicon"),
]
