"""Registry pages: OPD list, one OPD with its units and staff, employees, one employee."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from common.views import page_of
from opd import access, selectors
from opd.eligibility_records import describe, employee_eligibility
from opd.models import Employee, Opd

PAGE_SIZE = 50


@login_required
def opd_list(request):
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry)
    q = request.GET.get("q", "").strip()
    opds = selectors.opds_with_counts(access.visible_opds(request.user), search=q)
    return render(request, "opd/opd_list.html", {"page": page_of(request, opds, PAGE_SIZE), "q": q})


@login_required
def opd_detail(request, code):
    opd = get_object_or_404(Opd.objects.select_related("parent"), code=code)
    access.require(access.can_view_opd(request.user, opd))
    q = request.GET.get("q", "").strip()
    unit_code = request.GET.get("unit", "").strip()
    staff = selectors.search_employees(opd.employees.all(), query=q).select_related("supervisor")
    if unit_code:
        staff = staff.filter(unit__code=unit_code)
    context = {
        "opd": opd,
        "units": selectors.units_with_counts(opd),
        "children": opd.children.order_by("code"),
        "page": _with_fields(request.user, page_of(request, staff, PAGE_SIZE)),
        "q": q,
        "unit_code": unit_code,
    }
    return render(request, "opd/opd_detail.html", context)


def _employee_url(employee: Employee, fields) -> str:
    """A person's page by NIP where the reader may see it, else by id (a link must not leak it)."""
    if "nip" in fields:
        return reverse("opd:employee", args=[employee.nip])
    return reverse("opd:employee_by_id", args=[employee.pk])


def _with_fields(user, page):
    """Each row of the page carries what `user` may see of it (opd.access) and its link."""
    page.object_list = list(page.object_list)
    for employee in page.object_list:
        employee.fields = access.employee_fields(user, employee)
        employee.page_url = _employee_url(employee, employee.fields)
    page.columns = frozenset().union(*(e.fields for e in page.object_list))
    return page


@login_required
def employee_list(request):
    q = request.GET.get("q", "").strip()
    employees = selectors.search_employees(
        access.visible_employees(request.user),
        query=q,
        nip_within=access.nip_searchable_employees(request.user),
    )
    page = _with_fields(request.user, page_of(request, employees, PAGE_SIZE))
    return render(request, "opd/employee_list.html", {"page": page, "q": q})


@login_required
def my_profile(request):
    scope = access.scope_for(request.user)
    if not scope.employee_id:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return redirect("opd:employee", nip=Employee.objects.get(pk=scope.employee_id).nip)


def _employee_page(request, **lookup):
    employee = get_object_or_404(
        Employee.objects.select_related("opd", "unit", "supervisor"), **lookup
    )
    access.require(access.can_view_employee(request.user, employee))
    fields = access.employee_fields(request.user, employee)
    personal = access.can_see_personal_data(request.user, employee)
    eligibility = employee_eligibility(employee)
    subordinates = list(employee.subordinates.select_related("unit").order_by("name"))
    for s in subordinates:
        s.page_url = _employee_url(s, access.employee_fields(request.user, s))
    context = {
        "employee": employee,
        "fields": fields,
        "personal": personal,
        "home_coordinates": access.can_see_home_coordinates(request.user, employee),
        "eligibility": eligibility,
        "eligibility_text": describe(eligibility),
        "sanctions": employee.sanctions.all() if personal else [],
        "placements": employee.placements.select_related("opd", "unit"),
        "subordinates": subordinates,
    }
    return render(request, "opd/employee_detail.html", context)


@login_required
def employee_detail(request, nip):
    return _employee_page(request, nip=nip)


@login_required
def employee_detail_by_id(request, pk):
    """The same page for one who may not see the NIP (a supervisor's team member)."""
    return _employee_page(request, pk=pk)
