"""Absolute links for mails: a mail is read outside the app, so its link names the site."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """SITE_URL followed by `path` (a path from `reverse`, starting with a slash)."""
    return f"{settings.SITE_URL}{path}"


def absolute_reverse(name: str, *args, fragment: str = "") -> str:
    """The absolute link of a named page (with an optional #fragment)."""
    url = absolute_url(reverse(name, args=args or None))
    return f"{url}#{fragment}" if fragment else url
