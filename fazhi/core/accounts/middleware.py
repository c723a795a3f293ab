"""Forces a password change when the password has expired (等保: 定期更换), and restarts the idle
session clock on activity (等保: 会话超时) without a database write on every request."""

from __future__ import annotations

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .services import password_expired

_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/public/", "/healthz", "/api/")


class SecurityPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and password_expired(user)
        ):
            return redirect(reverse("accounts:password_change") + "?expired=1")
        return self.get_response(request)


TOUCHED = "_fazhi_touched"


class IdleSessionMiddleware:
    """Restart the idle clock of an active session, at most once every
    ``FAZHI_SECURITY["IDLE_TOUCH_SECONDS"]``.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) is a write transaction
    per page view. Saving it only when the last save is older than the touch interval keeps the
    rule — a session idle for ``IDLE_MINUTES`` is gone — and can only end a session earlier (by
    less than the interval), never later. Listed after ``SessionMiddleware``, so that the session
    it marks modified is saved on the way out.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.accessed:
            return response
        now = int(time.time())
        interval = settings.FAZHI_SECURITY.get("IDLE_TOUCH_SECONDS", 60)
        touched = session.get(TOUCHED)
        if session.modified or not isinstance(touched, int) or now - touched >= interval:
            session[TOUCHED] = now
        return response
