"""Forms for creating and editing RFCs; validation messages say what to fix."""

from __future__ import annotations

from django import forms
from django.conf import settings

from docket.web.proposals.services import MAX_TITLE_CHARS


class CreateForm(forms.Form):
    title = forms.CharField(max_length=MAX_TITLE_CHARS, strip=True)


class EditForm(forms.Form):
    text = forms.CharField(
        strip=False,
        max_length=settings.DOCKET_MAX_RFC_CHARS,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(max_length=200, required=False, strip=True)


class StateForm(forms.Form):
    state = forms.CharField(max_length=50)
    force = forms.BooleanField(required=False)


class PreviewForm(forms.Form):
    text = forms.CharField(strip=False, required=False, max_length=settings.DOCKET_MAX_RFC_CHARS)
