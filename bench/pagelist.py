"""Every page of the app, from the URL conf: what bench/pages.py times and
tests/test_page_queries.py counts queries of.

`page_routes()` walks the resolvers (so a new page is covered without editing a list) and leaves
out what is not a page a person opens: the admin, the JSON API (bench/api.py), the health check,
set-language and logout. A route's parameters are filled from SAMPLES, keyed "url-name:param" or,
failing that, "param"; each sample is a function of the requesting user that returns a value from
the database (None when this database has no such object: the page is then listed as unreachable,
not silently dropped). A parameter without any sample is an error naming the route, so whoever adds
a page with a new parameter adds its sample here.

Whether a route is a page for a role is decided by asking it: a GET answering 200 is a page of
that role; 403, 404, a redirect or 405 (a POST-only action) is not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("admin/", "api/", "i18n/", "healthz", "keluar/")
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rx>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name
    pattern: str
    params: tuple[str, ...]


def _walk(resolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name


def page_routes() -> list[Route]:
    routes = []
    for pattern, name in _walk(get_resolver()):
        plain = pattern.lstrip("^")
        if plain.startswith(SKIP_PREFIXES):
            continue
        params = tuple(m.group("name") or m.group("rx") for m in PARAM.finditer(pattern))
        routes.append(Route(name=name, pattern=pattern, params=params))
    return routes


# -- samples --------------------------------------------------------------------------------------


def _employee(user):
    from opd.models import Employee

    own = Employee.objects.filter(user=user).first()
    return own or Employee.objects.order_by("pk").first()


def _opd_code(user):
    from opd.models import Opd

    admin_of = Opd.objects.filter(admins=user).order_by("code").first()
    if admin_of:
        return admin_of.code
    own = _employee(user)
    return own.opd.code if own else None


def _building_code(user):
    from buildings.models import Building

    building = Building.objects.order_by("code").first()
    return building.code if building else None


def _first(model_path: str, **filters):
    def sample(user):
        from django.apps import apps

        model = apps.get_model(model_path)
        row = model.objects.filter(**filters).order_by("-pk").first()
        return row.pk if row else None

    return sample


def _phase_slug(user):
    from wfh.models import Phase

    phase = Phase.objects.order_by("-start").first()
    return phase.slug if phase else None


def _roster(user):
    from wfh.models import Roster

    code = _opd_code(user)
    row = (
        Roster.objects.filter(opd__code=code).order_by("-pk").first()
        or Roster.objects.order_by("-pk").first()
    )
    return row.pk if row else None


def _report_day(user):
    from attendance.models import WorkReport

    row = WorkReport.objects.filter(employee__user=user).order_by("-day").first()
    return (row.day if row else dt.date.today() - dt.timedelta(days=1)).isoformat()


def _month(user):
    from evaluation.models import EvaluationPlan

    plan = EvaluationPlan.objects.order_by("-pk").first()
    if plan is None:
        return None
    from evaluation.report.periods import plan_periods

    return f"{plan_periods(plan)[0].start:%Y-%m}"


SAMPLES: dict[str, Callable] = {
    "code": _opd_code,
    "nip": lambda user: e.nip if (e := _employee(user)) else None,
    "slug": _phase_slug,
    "month": _month,
    "day": _report_day,
    "key": lambda user: "saving",
    "opd:employee_by_id:pk": lambda user: e.pk if (e := _employee(user)) else None,
    "opd:import_template:name": lambda user: "org.xlsx",
    "opd:import_batch:pk": _first("opd.ImportBatch"),
    "opd:import_progress:pk": _first("opd.ImportBatch"),
    "opd:import_confirm:pk": _first("opd.ImportBatch"),
    "opd:import_errors:pk": _first("opd.ImportBatch"),
    "wfh:day_off_delete:pk": _first("wfh.LocalDayOff"),
    "wfh:roster:pk": _roster,
    "wfh:roster_progress:pk": _roster,
    "wfh:cell_edit:pk": _roster,
    "wfh:roster_submit:pk": _roster,
    "wfh:roster_return:pk": _roster,
    "wfh:roster_publish:pk": _roster,
    "wfh:roster_regenerate:pk": _roster,
    "wfh:roster_download:pk": _roster,
    "wfh:roster_download:fmt": lambda user: "xlsx",
    "wfh:declared_revoke:pk": _first("wfh.DeclaredDay"),
    "wfh:order_revoke:pk": _first("wfh.WfhOrder"),
    "attendance:review_decide:pk": _first("attendance.AttendanceEvent", status="flagged"),
    "attendance:leave_decide:pk": _first("leave.LeaveRecord"),
    "attendance:leave_cancel:pk": _first("leave.LeaveRecord"),
    "selfservice:ical:token": lambda user: None,  # only its hash is stored: no sample exists
    "selfservice:swap_cancel:pk": _first("selfservice.SwapRequest"),
    "selfservice:swap_answer:pk": _first("selfservice.SwapRequest"),
    "selfservice:swap_decide:pk": _first("selfservice.SwapRequest"),
    "selfservice:leave_cancel:pk": _first("leave.LeaveRecord"),
    "selfservice:leave_attachment:pk": _first("leave.LeaveRecord"),
    "selfservice:leave_decide:pk": _first("leave.LeaveRecord"),
    "evaluation:plan_edit:pk": _first("evaluation.EvaluationPlan"),
    "evaluation:import_template:kind": lambda user: "costs",
    "evaluation:import_template:ext": lambda user: "csv",
    "api_pages:revoke:pk": _first("api.ApiClient"),
    "api_pages:rotate:pk": _first("api.ApiClient"),
    "api_pages:webhook-resend:pk": _first("api.WebhookDelivery"),
    "api_pages:webhook-toggle:pk": _first("api.WebhookSubscription"),
    "inbox:open:pk": lambda user: n.pk if (n := user.notifications.first()) else None,
    "selfservice:home_location_decide:pk": _first("opd.HomeLocationRequest"),
    "buildings_plans:detail:pk": _first("buildings.ConsolidationPlan"),
    "buildings_plans:withdraw:pk": _first("buildings.ConsolidationPlan"),
    "buildings:template:sheet": lambda user: "buildings",
    "buildings:detail:code": _building_code,
    "buildings:occupancy:code": _building_code,
}


class MissingSample(LookupError):
    pass


def sample_for(route: Route, param: str) -> Callable:
    sample = SAMPLES.get(f"{route.name}:{param}") or SAMPLES.get(param)
    if sample is None:
        raise MissingSample(
            f"{route.name} ({route.pattern}): no sample for <{param}>; add "
            f'"{route.name}:{param}" to bench/pagelist.py SAMPLES'
        )
    return sample


def url_for(route: Route, user) -> str | None:
    """The route's URL with sample parameters for `user`, or None when a sample has no object."""
    from django.urls import reverse

    kwargs = {}
    for param in route.params:
        value = sample_for(route, param)(user)
        if value is None:
            return None
        kwargs[param] = value
    return reverse(route.name, kwargs=kwargs)
