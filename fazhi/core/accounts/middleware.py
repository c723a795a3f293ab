"""Forces a password change when the password has expired (等保: 定期更换)."""

from __future__ import annotations

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
