from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class NipOrUsernameBackend(ModelBackend):
    """Log in with a username, or with the NIP of the employee linked to the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        User = get_user_model()
        login = username.strip()
        user = User.objects.filter(username__iexact=login).first()
        nip = "".join(login.split())  # the printed form has spaces: 19850330 200312 1 002
        if user is None and nip.isascii() and nip.isdigit():
            user = User.objects.filter(employee__nip=nip).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
