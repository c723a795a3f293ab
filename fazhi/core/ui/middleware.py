"""One policy for a navigation entry and the page behind it.

A page registered as a navigation entry (``fazhi.core.ui.nav.register``) answers 403 to a signed-in
user whose entry is hidden: the 安全审计员 who types ``/enforcement/cases/`` is refused exactly as
the navigation refused to show it, and no view has to repeat the check (visibility is decided in
one place per app: ARCHITECTURE.md, "Policies decide visibility"). Anonymous users are left to the view, which sends them to the login page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from . import nav


class NavGateMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> Any:
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or match is None or not user.is_authenticated:
            return None
        refused = nav.page_refusal(user, match.view_name)
        if refused is not None:
            raise PermissionDenied(refused)
        return None
