"""Invite a user by e-mailing a link to set their first password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def invite(request: HttpRequest, user: User) -> None:
    """Send the set-password link; works for accounts made without a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(
        reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
    send_mail(
        subject="You are invited to Docket",
        message=(
            f"Hello {user.get_username()},\n\n"
            f"An administrator created a Docket account for you. Choose your password here:\n\n"
            f"{link}\n\nThe link works once and expires in a few days.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
