"""The five demo logins (hr.demo, opd.demo, atasan.demo, pegawai.demo, rekan.demo), the names of
the demo supervisor and employee, and the logins' documented password."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from demo.data.names import EMAIL_DOMAIN
from demo.errors import DemoError

DEFAULT_PASSWORD = "demo12345"  # noqa: S105 - the documented password of the demo logins

HR_USERNAME = "hr.demo"
OPD_ADMIN_USERNAME = "opd.demo"
SUPERVISOR_USERNAME = "atasan.demo"
EMPLOYEE_USERNAME = "pegawai.demo"
COLLEAGUE_USERNAME = "rekan.demo"  # a colleague of pegawai.demo: answers their swap requests
DEMO_SUPERVISOR_NAME = "Rudi Hartono (Atasan Demo), S.Kom., M.T."
DEMO_EMPLOYEE_NAME = "Sari Wulandari (Pegawai Demo), S.Kom."


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


DEMO_USERS = (
    (HR_USERNAME, Role.HR, "Hana", "Rahmawati (HR Demo)"),
    (OPD_ADMIN_USERNAME, Role.OPD_ADMIN, "Dimas", "Pratama (Admin OPD Demo)"),
    (SUPERVISOR_USERNAME, Role.SUPERVISOR, "Rudi", "Hartono (Atasan Demo)"),
    (EMPLOYEE_USERNAME, Role.EMPLOYEE, "Sari", "Wulandari (Pegawai Demo)"),
    (COLLEAGUE_USERNAME, Role.EMPLOYEE, "Rekan", "(Rekan Demo)"),
)


def logins_ensure(*, password: str) -> dict[str, User]:
    """The five demo logins, created or brought back to their demo role and password."""
    usernames = [username for username, *_ in DEMO_USERS]
    taken = User.objects.filter(username__in=usernames, is_superuser=True)
    if taken.exists():
        raise DemoError(
            f"Superuser {', '.join(u.username for u in taken)} memakai nama akun demo; "
            "ganti namanya dulu."
        )
    hashed = make_password(password)  # hashed once, shared by the five
    users = {}
    for username, role, first, last in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@{EMAIL_DOMAIN}",
                "password": hashed,
                "is_active": True,
                "is_staff": role == Role.HR,  # HR are the admin power users
                "is_superuser": False,
            },
        )
        users[username] = user
    return users
