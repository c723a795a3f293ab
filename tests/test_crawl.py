"""Every link a role is shown leads to a page that role may open: for each demo login, follow every
internal link from the 工作台 breadth-first and find no 403, 404 or 500 (one policy for the entry,
the button and the page).

The county is the demo county's organisations and logins with every system's demo loader run at
a small volume (a few records of each kind, not the thousands of ``fazhi demo load``), loaded once
for the module in a transaction rolled back at its end. Time is frozen at the demo's anchor day.

The crawl is bounded: at most :data:`PAGES` pages per role and :data:`PER_ROUTE` addresses per
route and set of query parameters (the 30th case page or sort order finds nothing the 3rd did not).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from datetime import datetime
from fnmatch import fnmatch
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from fazhi.core.demo import county as spec

PAGES = 200
PER_ROUTE = 2  # records of one kind; one address per route and set of query parameters
ANCHOR = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
#: Links not followed: signing out, and downloads whose cost is the converter's, not a policy's.
SKIP_PATHS = (
    "/accounts/logout/",
    "/static/",
    "/api/schema/",
    "/api/docs/",
    # 季度通报 computes every figure of every agency one agency at a time (about 4,000 figure
    # computations, 12 s even on this small county): a speed problem of its own, not a policy's.
    "/reports/bulletin/",
)
SKIP_SUFFIXES = ("/pdf/", "/docx/", "/archive/")
SKIP_QUERIES = ("format=pdf", "format=docx")
#: Failures found by this crawl whose fix lies in a file another change owns, each named exactly
#: (status, address, page linking to it); remove an entry once its fix is in.
KNOWN: dict[tuple[int, str, str], str] = {}


def _shrink(mp: pytest.MonkeyPatch) -> None:
    """Each loader's volume knobs turned down to a few records."""
    from fazhi.systems.disclosure import demo as disclosure
    from fazhi.systems.disputes import demo as disputes
    from fazhi.systems.enforcement import demo as enforcement
    from fazhi.systems.officers import demo as officers
    from fazhi.systems.petitions import demo as petitions
    from fazhi.systems.proposals import demo as proposals

    few = officers.officers_of
    mp.setattr(officers, "officers_of", lambda staff: few(staff)[:4])
    mp.setattr(enforcement, "VOLUME", {"market": 12, "eco": 4})
    mp.setattr(
        disclosure, "AGENCIES", {k: (2, t) for k, (_, t) in list(disclosure.AGENCIES.items())[:2]}
    )
    mp.setattr(disputes, "RESPONDENTS", {"market": (2, 2), "government": (1, 1)})
    mp.setattr(
        petitions,
        "DEPARTMENTS",
        {k: (2, v) for k, (_, v) in list(petitions.DEPARTMENTS.items())[:2]},
    )
    mp.setattr(petitions, "TOWN_VOLUME", 1)
    mp.setattr(petitions, "TICKETS_PER_YEAR", 4)
    mp.setattr(
        proposals, "YEARS", {y: (3, 2, *rest) for y, (_, _, *rest) in proposals.YEARS.items()}
    )


@pytest.fixture(scope="module")
def small_county(django_db_setup, django_db_blocker) -> Iterator[dict[str, float]]:
    from fazhi.core.deadlines.services import calendar_changed
    from fazhi.core.demo.generator import load

    started = time.perf_counter()
    with (
        pytest.MonkeyPatch.context() as mp,
        time_machine.travel(ANCHOR, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        _shrink(mp)
        calendar_changed()
        demo = load()
        seconds = {run.name: run.seconds for run in demo.loaded}
        seconds["total"] = time.perf_counter() - started
        yield seconds
        transaction.set_rollback(True)
    calendar_changed()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(page_url: str, body: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    found = []
    for href in parser.hrefs:
        url, _ = urldefrag(urljoin("http://testserver" + page_url, href))
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.netloc != "testserver":
            continue  # javascript:, mailto:, other sites
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(SKIP_PATHS) or parts.path.endswith(SKIP_SUFFIXES):
            continue
        if any(q in parts.query for q in SKIP_QUERIES):
            continue
        found.append(path)
    return found


def _route(url: str) -> tuple[str, frozenset[str]] | None:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None  # an address no route serves: fetched, and reported as the 404 it is
    return (f"{match.view_name}:{match.route}", frozenset(k for k, _ in parse_qsl(parts.query)))


def _known(status: int, url: str, source: str) -> bool:
    return any(status == s and url == u and fnmatch(source, f) for s, u, f in KNOWN)


def crawl(client: Client, start: str = "/") -> tuple[list[str], int]:
    """Breadth-first from ``start``: the failures ("status url ← the page linking to it") and how
    many pages were fetched."""
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen = {start}
    per_route: dict[object, int] = {}
    failures: list[str] = []
    fetched = 0
    while queue and fetched < PAGES:
        url, source = queue.popleft()
        route = _route(url)
        if route is not None:
            per_route[route] = per_route.get(route, 0) + 1
            if per_route[route] > (PER_ROUTE if not route[1] else 1):
                continue
        response = client.get(url)
        fetched += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            if not _known(response.status_code, url, source):
                failures.append(f"{response.status_code} {url} ← {source or '（起点）'}")
            continue
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in seen and not target.startswith("/accounts/login/"):
                seen.add(target)
                queue.append((target, url))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in _links(url, response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return failures, fetched


@pytest.mark.parametrize("login", [d.username for d in spec.LOGINS])
def test_every_link_a_role_is_shown_opens(small_county, db, login):
    from fazhi.core.accounts.models import User

    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=False), time_machine.travel(ANCHOR, tick=False):
        client.force_login(User.objects.get(username=login))
        failures, fetched = crawl(client)
    assert fetched > 5, f"{login}: the crawl found almost nothing ({fetched} pages)"
    assert not failures, f"{login} ({fetched} pages):\n" + "\n".join(failures)
