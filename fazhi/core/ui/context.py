from __future__ import annotations

from .nav import visible


def navigation(request) -> dict:
    """The side navigation, built once per request for the user (a page that renders twice, or
    renders a form and a partial, asks the policies once)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    cached = getattr(request, "_fazhi_nav", None)
    if cached is None or cached[0] is not user:
        cached = (user, visible(user))
        request._fazhi_nav = cached
    return {"nav_sections": cached[1]}
