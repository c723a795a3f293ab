"""Navigation by system. Apps register their entries in ``AppConfig.ready``; what a user sees is
decided by the entry's policy function, never by the template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    section: str  # Chinese section heading, e.g. "行政执法"
    label: str
    url_name: str
    allowed: Callable[[object], bool] = field(default=lambda user: True)
    order: int = 100


_ITEMS: dict[str, NavItem] = {}
# The registered items in order with their URLs, per script prefix and URL configuration: the entries and the URL
# configuration are fixed once the apps are ready, so this is resolved once, not per page.
_RESOLVED: dict[tuple[str, str], list[tuple[NavItem, str]]] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.url_name] = item
    _RESOLVED.clear()


def _resolved() -> list[tuple[NavItem, str]]:
    key = (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    found = _RESOLVED.get(key)
    if found is None:
        found = []
        for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.label)):
            try:
                found.append((item, reverse(item.url_name)))
            except NoReverseMatch:
                continue
        _RESOLVED[key] = found
    return found


def visible(user) -> list[tuple[str, list[tuple[NavItem, str]]]]:
    """Sections with the items this user may open, in order, each with its resolved URL.

    Who may open what is asked afresh every time (roles change); only the URLs are cached.
    """
    sections: dict[str, list[tuple[NavItem, str]]] = {}
    for item, url in _resolved():
        if item.allowed(user):
            sections.setdefault(item.section, []).append((item, url))
    return list(sections.items())


def page_allowed(user, view_name: str) -> bool:
    """Whether ``user`` may open the page registered as a navigation entry under ``view_name``
    (True for pages that are not entries: their views decide alone). The entry's policy is the
    page's policy, so an address typed by hand answers as the navigation does."""
    item = _ITEMS.get(view_name)
    return item is None or item.allowed(user)
