"""Login and logout go to the audit trail (failures are written by the backend, which knows
the account; a failure for an unknown user name is written here)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .backends import client_ip
from .models import SecurityEvent, User
from .services import log_event


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    log_event(SecurityEvent.Kind.LOGIN, user.username, ip=client_ip(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        log_event(SecurityEvent.Kind.LOGOUT, user.username, ip=client_ip(request))


@receiver(user_login_failed)
def _failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username", "")
    if username and not User.objects.filter(username=username).exists():
        log_event(SecurityEvent.Kind.FAILURE, username, ip=client_ip(request), unknown_user=True)
