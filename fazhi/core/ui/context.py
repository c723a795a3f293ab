from __future__ import annotations

import html

from django.utils.safestring import SafeString, mark_safe

from .nav import visible


def navigation(request) -> dict:
    """The side navigation, built once per request for the user (a page that renders twice, or
    renders a form and a partial, asks the policies once) and drawn here rather than by a
    template loop on every page: ``nav_html``; ``nav_sections`` keeps the structure."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "nav_html": ""}
    cached = getattr(request, "_fazhi_nav", None)
    if cached is None or cached[0] is not user:
        sections = visible(user)
        cached = (user, sections, nav_html(sections, request.path))
        request._fazhi_nav = cached
    return {"nav_sections": cached[1], "nav_html": cached[2]}


def nav_html(sections, path: str) -> SafeString:
    """The sections as HTML, the current page's entry marked active (the entry whose address
    is the longest start of the page's, so a record page marks its list); every text escaped."""
    current = max(
        (url for _, items in sections for _, url in items if _within(path, url)),
        key=len,
        default=None,
    )
    out = []
    for section, items in sections:
        out.append(f"\n    <h4>{html.escape(str(section))}</h4>\n    ")
        for item, url in items:
            active = ' class="active"' if url == current else ""
            out.append(f'<a href="{html.escape(url)}"{active}>{html.escape(str(item.label))}</a>')
    return mark_safe("".join(out))  # noqa: S308 - every part escaped above


def _within(path: str, url: str) -> bool:
    """Whether the page at ``path`` is the entry at ``url`` or a page under it."""
    if url == path:
        return True
    return url != "/" and url.endswith("/") and path.startswith(url)
