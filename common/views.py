"""Helpers of the thin views: htmx requests, a page of a list, a service's errors on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def page_of(request, queryset, size: int) -> Page:
    """The page the request asks for (?page=), of `size` rows."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: each field's own errors by it, the rest on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
