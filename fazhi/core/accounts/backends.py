"""Authentication with lockout: a locked account is refused even with the right password."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import User
from .services import is_locked, register_failure, register_success


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR")


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            User().set_password(
                password
            )  # same cost as a real check: no user enumeration by timing
            return None
        if is_locked(user):
            if request is not None:
                request.fazhi_locked = user.locked_until
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            register_success(user)
            return user
        register_failure(user, ip=client_ip(request))
        return None
