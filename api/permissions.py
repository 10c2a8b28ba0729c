"""Scope checks: a view names the scope it needs in `required_scope` (or per method)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import permissions

from api.auth import Principal


def required_scope(view, method: str) -> str | tuple[str, ...] | None:
    per_method = getattr(view, "required_scopes", None)
    if per_method and method in per_method:
        return per_method[method]
    return getattr(view, "required_scope", None)


class HasScope(permissions.BasePermission):
    """Token clients need the view's scope; session users need the role rule for that scope."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        scope = required_scope(view, request.method)
        if scope is None:
            return True
        scopes = (scope,) if isinstance(scope, str) else tuple(scope)  # a tuple: any one of them
        principal = Principal.of(request)
        if any(principal.may(s) for s in scopes):
            return True
        scope = _(" atau ").join(str(s) for s in scopes)
        if request.auth is not None:
            self.message = _("Klien ini tidak memiliki cakupan %(scope)s.") % {"scope": scope}
        else:
            self.message = _("Peran Anda tidak boleh memakai %(scope)s.") % {"scope": scope}
        return False
