"""Sign-in (throttled) and the API token page; the rest of the account pages are Django's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from docket.web.accounts import tokens
from docket.web.accounts.forms import THROTTLED, ThrottledAuthenticationForm, TokenForm
from docket.web.accounts.models import ApiToken


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: ThrottledAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        throttled = any(e.code == THROTTLED for e in form.non_field_errors().as_data())
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429 if throttled else 400
        return response


def _signed_in_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; a POST creates one and shows its secret this once."""
    user = _signed_in_user(request)
    form = TokenForm(request.POST or None)
    new_secret = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_secret = tokens.issue(user, form.cleaned_data["name"])
            form = TokenForm()
            status = 201
        else:
            status = 400
    response = render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": ApiToken.objects.filter(user=user),
        },
        status=status,
    )
    # The secret is in this page only: never let a cache or the back button keep it.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if not tokens.revoke(_signed_in_user(request), token_id):
        return render(
            request,
            "error.html",
            {
                "status": 404,
                "title": "No such token",
                "detail": "You have no active token with that id; it may be revoked already.",
            },
            status=404,
        )
    messages.success(request, "Token revoked. Anything using it can no longer sign in.")
    return redirect("accounts:tokens")
