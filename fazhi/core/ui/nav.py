"""Navigation by system. Apps register their entries in ``AppConfig.ready``; what a user sees is
decided by the entry's policy function, never by the template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)


@dataclass(frozen=True)
class NavItem:
    section: str  # Chinese section heading, e.g. "行政执法"
    label: str
    url_name: str
    allowed: Callable[[object], bool] = field(default=lambda user: True)
    order: int = 100
    #: What a user whose entry is hidden reads on the 403 page when typing the address (Chinese);
    #: blank: a general sentence.
    refused: str = ""


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


REFUSED = "您的角色不能打开此页面。"


def page_allowed(user, view_name: str) -> bool:
    """Whether ``user`` may open the page registered as a navigation entry under ``view_name``
    (True for pages that are not entries: their views decide alone). The entry's policy is the
    page's policy, so an address typed by hand answers as the navigation does."""
    return page_refusal(user, view_name) is None


def page_refusal(user, view_name: str) -> str | None:
    """Why ``user`` may not open the entry's page (its ``refused``, else :data:`REFUSED`), or
    None when they may."""
    item = _ITEMS.get(view_name)
    if item is None or item.allowed(user):
        return None
    return item.refused or REFUSED


def url_allowed(user, url: str) -> bool:
    """Whether a link to ``url`` (an address on this site) passes the navigation's gate for
    ``user``: for a page that links to a record another system owns (a deadline's subject) and
    cannot know that system's policy. An address no route serves is not allowed."""
    path = urlsplit(url).path
    prefix = get_script_prefix()
    if prefix != "/" and path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return page_allowed(user, match.view_name)
