"""Who is calling: an API client with `Authorization: Token <key>`, or a browser session.

`Principal` answers the questions every API view asks (may it use this scope, which OPDs may it
see) the same way for both; for a session user the answers come from opd.access, the one place of
role rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import services
from api.models import ApiClient, Scope
from opd import access
from opd.models import Employee, Opd


class ClientUser:
    """request.user for a token client: authenticated, but no person and no role."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    is_hr = False
    pk = None
    id = None

    def __init__(self, client: ApiClient):
        self.client = client

    def __str__(self) -> str:
        return f"api:{self.client.name}"

    @property
    def replica_identity(self) -> str:
        """Whose writes make reads sticky to the primary (common/replica.py): this client's."""
        return f"api-client:{self.client.pk}"


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`; a missing header leaves the session authentication to try."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization harus berbentuk 'Token <kunci>' tanpa spasi lain.")
            )
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                _("Token berisi karakter yang tidak sah.")
            ) from None
        client = services.api_client_for_token(token=token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("Token tidak dikenal atau sudah dicabut."))
        return ClientUser(client), client

    def authenticate_header(self, request) -> str:
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """Browser sessions (CSRF checked on writes), answering 401 rather than 403 when absent."""

    def authenticate_header(self, request) -> str:
        return TokenAuthentication.keyword


# Session users: which scopes each role may use. The rows they then see follow opd.access.
def _session_may(scope_name: str, scope: access.Scope) -> bool:
    if scope_name == Scope.SCHEDULE_READ:
        return True  # everyone may read schedules they can see (their own, their team's, ...)
    if scope_name == Scope.ROSTER_WRITE:
        return scope.is_hr or scope.is_opd_admin
    if scope_name == Scope.METERS_WRITE:
        return scope.sees_registry  # HR all buildings, an OPD admin those of their OPDs
    if scope_name == Scope.EVALUATION_WRITE:
        return scope.is_hr  # the evaluation's inputs are HR's, as on the input pages
    return scope.sees_registry  # org, attendance and summaries: HR and OPD admins


@dataclass
class Principal:
    """The caller of one request."""

    client: ApiClient | None
    user: object | None

    @classmethod
    def of(cls, request) -> Principal:
        if isinstance(request.auth, ApiClient):
            return cls(client=request.auth, user=None)
        return cls(client=None, user=request.user)

    def may(self, scope_name: str) -> bool:
        if self.client is not None:
            return self.client.has_scope(scope_name)
        if self.user is None or not self.user.is_authenticated:
            return False
        return _session_may(scope_name, access.scope_for(self.user))

    @cached_property
    def opd_ids(self) -> frozenset[int] | None:
        """The OPDs this caller is restricted to; None when it may see all of them."""
        if self.client is not None:
            ids = frozenset(o.pk for o in self.client.opds.all())
            return ids or None
        scope = access.scope_for(self.user)
        return None if scope.is_hr else scope.opd_ids

    @property
    def sender(self) -> str:
        """Whose external ids the caller's events carry: each client, each session user."""
        if self.client is not None:
            return f"client:{self.client.pk}"
        return f"user:{getattr(self.user, 'pk', '')}"

    @property
    def anonymous(self) -> bool:
        return self.client is None and not (self.user and self.user.is_authenticated)

    def opds(self) -> QuerySet[Opd]:
        if self.anonymous:  # never reached by a request (HasScope refuses it); schema generation
            return Opd.objects.none()
        if self.client is not None:
            ids = self.opd_ids
            return Opd.objects.all() if ids is None else Opd.objects.filter(id__in=ids)
        return access.visible_opds(self.user)

    def employees(self) -> QuerySet[Employee]:
        """Employees whose rows the caller may read (a session user: opd.access's rule)."""
        if self.anonymous:
            return Employee.objects.none()
        if self.client is not None:
            ids = self.opd_ids
            return (
                Employee.objects.all() if ids is None else Employee.objects.filter(opd_id__in=ids)
            )
        return access.visible_employees(self.user)

    def schedule_opds(self) -> QuerySet[Opd]:
        """OPDs whose published schedule the caller may ask about: a client its OPDs (`opds`), a
        session user opd.access.schedule_opds (a supervisor: their team's OPDs)."""
        if self.anonymous or self.client is not None:
            return self.opds()
        return access.schedule_opds(self.user)

    def schedule_employees(self) -> QuerySet[Employee]:
        """Employees whose published schedule the caller may read: a client those of its OPDs,
        a session user opd.access.schedule_employees (the team calendar's rule)."""
        if self.anonymous or self.client is not None:
            return self.employees()
        return access.schedule_employees(self.user)

    def schedule_days(self) -> Q | None:
        """Of the published days (ScheduleDay), those the caller may read; None: all. A client
        the days published in its OPDs, a session user opd.access.schedule_day_filter."""
        if self.anonymous:
            return Q(pk__in=[])
        if self.client is not None:
            return None if self.opd_ids is None else Q(opd_id__in=self.opd_ids)
        return access.schedule_day_filter(self.user)

    @property
    def throttle_key(self) -> str:
        if self.client is not None:
            return f"client:{self.client.pk}"
        return f"user:{self.user.pk}"
