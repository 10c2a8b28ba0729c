from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def normalise_login(login: str) -> str:
    """The login as typed, trimmed; a NIP in its printed form (19850330 200312 1 002) without
    its spaces."""
    login = login.strip()
    nip = "".join(login.split())
    return nip if nip.isascii() and nip.isdigit() else login


def find_user(login: str):
    """The user a login names: by user name (any case), else by the NIP of the linked employee;
    None when no account has it."""
    User = get_user_model()
    login = login.strip()
    user = User.objects.filter(username__iexact=login).first()
    nip = normalise_login(login)
    if user is None and nip.isascii() and nip.isdigit():
        user = User.objects.filter(employee__nip=nip).first()
    return user


class NipOrUsernameBackend(ModelBackend):
    """Log in with a username, or with the NIP of the employee linked to the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        user = find_user(username)
        if user is None:
            get_user_model()().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
