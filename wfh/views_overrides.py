"""The pages of the overrides: HR's declared days (list, form with preview, confirm, revoke) and
the OPD's individual WFH orders (list, form, revoke).

Thin views: the rules are wfh.overrides' (inputs, declared, orders, revoking), the lists
wfh.overrides.selectors', who may do what opd.access' (declared days: HR; orders: the OPD's
admin or HR).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.views import errors_to_form, page_of
from opd import access
from wfh.forms_overrides import DeclaredDayForm, WfhOrderForm
from wfh.overrides import selectors
from wfh.overrides.declared import Terms, declaration_plan, declared_days_declare
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder
from wfh.overrides.orders import order_parse, wfh_order_issue
from wfh.overrides.revoking import declared_day_revoke, wfh_order_revoke
from wfh.schedule_pages import schedule_scope

PER_PAGE = 25


def _hr(request):
    scope = schedule_scope(request)
    access.require(scope.is_hr)
    return scope


@login_required
@require_http_methods(["GET", "POST"])
def declared_list(request):
    """The declarations and the form; POST previews (action=preview) or declares (confirm)."""
    _hr(request)
    form = DeclaredDayForm(request.POST or None)
    preview = None
    status = 200
    if request.method == "POST":
        spec = None
        if form.is_valid():
            try:
                spec = declaration_parse(form.as_data())
            except ValidationError as exc:
                errors_to_form(form, exc)
        if spec is None:
            status = 400
        elif request.POST.get("action") == "confirm":
            declared, plan = declared_days_declare(spec=spec, user=request.user)
            messages.success(
                request,
                _("%(ref)s ditetapkan: %(n)s pegawai di %(o)s OPD diberi tahu.")
                % {
                    "ref": declared.reference,
                    "n": plan.totals["employees"],
                    "o": plan.totals["opds"],
                },
            )
            return redirect("wfh:declared")
        else:
            preview = declaration_plan(Terms.of_spec(spec))
            preview.spec = spec
    page = page_of(request, selectors.declarations(), PER_PAGE)
    return render(
        request,
        "wfh/declared_list.html",
        {"form": form, "preview": preview, "page": page},
        status=status,
    )


@login_required
def _revoke_page(
    request, *, revoke, done: str, done_args: dict, inactive: str, back: str, context: dict
):
    """GET: the confirmation page (or back to the list when already revoked); POST: `revoke()`
    (the number of days given back to the phase) and back to the list with its message."""
    active = next(iter(context.values())).status == OverrideStatus.ACTIVE
    if request.method == "POST":
        try:
            changed = revoke()
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done % {**done_args, "n": changed})
        return redirect(back)
    if not active:
        messages.error(request, inactive)
        return redirect(back)
    return render(request, "wfh/override_revoke.html", context)


@require_http_methods(["GET", "POST"])
def declared_revoke(request, pk: int):
    _hr(request)
    declared = get_object_or_404(DeclaredDay, pk=pk)
    return _revoke_page(
        request,
        revoke=lambda: declared_day_revoke(declared=declared, user=request.user),
        done=_("%(ref)s dicabut: %(n)s hari terbit kembali mengikuti tahap."),
        done_args={"ref": declared.reference},
        inactive=_("Penetapan ini sudah dicabut."),
        back="wfh:declared",
        context={"declared": declared},
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_list(request):
    """The orders of the OPDs the user manages, and the form to issue one."""
    schedule_scope(request)
    opds = access.visible_opds(request.user).filter(active=True).order_by("code")
    form = WfhOrderForm(request.POST or None, opds=opds)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            opd = form.cleaned_data["opd"]
            access.require(access.can_manage_opd(request.user, opd))
            try:
                order = order_parse(opd=opd, data=form.cleaned_data, today=opd.local_today())
                row, _check = wfh_order_issue(order=order, user=request.user)
            except ValidationError as exc:
                errors_to_form(form, exc)
                status = 400
            else:
                messages.success(
                    request,
                    _("Perintah WFH %(number)s dikeluarkan untuk %(n)s pegawai.")
                    % {"number": row.number, "n": row.employees.count()},
                )
                return redirect("wfh:orders")
        else:
            status = 400
    page = page_of(request, selectors.orders_for(opds), PER_PAGE)
    return render(
        request,
        "wfh/order_list.html",
        {"form": form, "page": page, "has_opds": opds.exists()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_revoke(request, pk: int):
    schedule_scope(request)
    order = get_object_or_404(WfhOrder.objects.select_related("opd"), pk=pk)
    access.require(access.can_manage_opd(request.user, order.opd))
    return _revoke_page(
        request,
        revoke=lambda: wfh_order_revoke(order=order, user=request.user),
        done=_("Perintah WFH %(number)s dicabut: %(n)s hari terbit kembali mengikuti tahap."),
        done_args={"number": order.number},
        inactive=_("Perintah ini sudah dicabut."),
        back="wfh:orders",
        context={"order": order},
    )
