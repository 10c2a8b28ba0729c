"""Start-up checks of the project's own settings (run by runserver, migrate and `manage.py
check`, so the web container's start prints them)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def insecure_http_is_explicit(app_configs, **kwargs):
    """WFH_INSECURE_HTTP=1 with DEBUG=0: a real deployment over plain HTTP, said at every start."""
    if settings.DEBUG or not getattr(settings, "INSECURE_HTTP", False):
        return []
    return [
        checks.Warning(
            "WFH_INSECURE_HTTP=1: HTTPS is off (no redirect to HTTPS, no HSTS, session and CSRF "
            "cookies sent over plain HTTP). Passwords and personal data cross the network "
            "readable by anyone on it.",
            hint="Serve the site over HTTPS (a TLS proxy in front: set WFH_BEHIND_TLS_PROXY=1) "
            "and unset WFH_INSECURE_HTTP; keep it only for a closed intranet.",
            id="wfh.W001",
        )
    ]
