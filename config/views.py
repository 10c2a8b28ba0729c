from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from opd.access import scope_for


@login_required
def home(request):
    """Send each role to the page where its work starts."""
    scope = scope_for(request.user)
    if scope.sees_registry:
        return redirect("dashboard:today")
    if scope.is_supervisor:
        return redirect("opd:employees")
    if scope.employee_id:
        return redirect("attendance:checkin")
    return redirect("opd:employees")
