"""The navigation's view of who is asking: the user's scope (opd/access.py) for every template."""

from opd.access import scope_for


def access(request):
    """Expose the user's scope (role flags, OPDs) to every template for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_for(user)}
