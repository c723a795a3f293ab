"""Keyset pagination: walking every page in either direction yields each row exactly once, in
the database's own order, with ties on the sort key and NULL keys (PostgreSQL and SQLite put
NULLs at opposite ends), and a tampered cursor starts over instead of failing."""

from __future__ import annotations

import pytest

from fazhi.core.orgs.models import Agency
from fazhi.core.ui.pagination import seek
from tests import factories


@pytest.fixture
def agencies(db):
    _, government = factories.county()
    made = []
    for i in range(23):
        a = factories.agency(f"第{i:02d}局", government=government)
        a.order = i % 4  # many ties on the sort key
        a.government = None if i % 5 == 0 else government  # some NULL keys
        a.save()
        made.append(a)
    return made


def _walk(qs, key: str, descending: bool, size: int = 4) -> list[int]:
    seen, cursor, pages = [], None, 0
    while True:
        page = seek(qs, key=key, descending=descending, cursor=cursor, size=size)
        seen += [r.pk for r in page.rows]
        pages += 1
        assert pages < 50
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("key", ["order", "government", "pk"])
def test_every_row_once_in_database_order(agencies, key, descending):
    qs = Agency.objects.all()
    expected = list(
        qs.order_by(*([f"-{key}", "-pk"] if descending else [key, "pk"])).values_list(
            "pk", flat=True
        )
    )
    assert _walk(qs, key, descending) == expected
    assert len(expected) == len(set(expected)) == Agency.objects.count()


def test_filtered_walk_and_bounded_count(agencies):
    qs = Agency.objects.filter(order__in=(1, 2))
    assert _walk(qs, "order", True, size=3) == list(
        qs.order_by("-order", "-pk").values_list("pk", flat=True)
    )
    page = seek(qs, key="order", descending=True, cursor=None, size=3, count_cap=5)
    assert page.total_capped and page.approx_total == 5 and not page.has_previous


def test_tampered_cursor_starts_over(agencies):
    qs = Agency.objects.all()
    first = seek(qs, key="order", descending=True, cursor=None, size=5)
    from fazhi.core.ui.pagination import _encode

    for bad in ("!!!", _encode(["not-a-number", 1]), _encode([1, "x"])):
        again = seek(qs, key="order", descending=True, cursor=bad, size=5)
        assert [r.pk for r in again.rows] == [r.pk for r in first.rows]


def test_total_is_counted_once_and_carried_by_the_cursor(agencies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.ui.pagination import _encode

    qs = Agency.objects.all()
    with CaptureQueriesContext(connection) as first_queries:
        first = seek(qs, key="order", descending=True, cursor=None, size=5)
    assert any("COUNT" in q["sql"] for q in first_queries.captured_queries)
    assert first.approx_total == Agency.objects.count() and not first.total_capped
    with CaptureQueriesContext(connection) as next_queries:
        second = seek(qs, key="order", descending=True, cursor=first.next_cursor, size=5)
    assert not any("COUNT" in q["sql"] for q in next_queries.captured_queries)
    assert len(next_queries.captured_queries) == 1  # the page itself, nothing else
    assert (second.approx_total, second.total_capped) == (first.approx_total, False)
    # A cursor without a total (or with a nonsensical one) is recounted, not trusted.
    tail = first.rows[-1]
    for token in (_encode([tail.order, tail.pk]), _encode([tail.order, tail.pk, -4, False])):
        again = seek(qs, key="order", descending=True, cursor=token, size=5)
        assert [r.pk for r in again.rows] == [r.pk for r in second.rows]
        assert again.approx_total == first.approx_total
    # count_cap=0: no count query at all.
    with CaptureQueriesContext(connection) as none:
        seek(qs, key="order", descending=True, cursor=None, size=5, count_cap=0)
    assert len(none.captured_queries) == 1


@pytest.mark.parametrize("key", ["order", "government", "pk"])
@pytest.mark.parametrize("descending", [True, False])
def test_numbered_last_and_backward_pages_agree_with_the_order(agencies, key, descending):
    """Numbered pages (OFFSET within the counted rows), the last page and walking back from it
    by keyset give the same pages as the database's own order, ties and NULL keys included."""
    qs = Agency.objects.all()
    order = [f"-{key}", "-pk"] if descending else [key, "pk"]
    expected = [a.pk for a in qs.order_by(*order)]
    size = 4
    chunks = [expected[i : i + size] for i in range(0, len(expected), size)]
    for n, chunk in enumerate(chunks, start=1):
        page = seek(qs, key=key, descending=descending, cursor=None, size=size, page=n)
        assert [r.pk for r in page.rows] == chunk and page.number == n
    # A page past the end is the last page; the last page knows its number.
    past = seek(qs, key=key, descending=descending, cursor=None, size=size, page=99)
    assert past.number == len(chunks) and past.is_last
    last = seek(qs, key=key, descending=descending, cursor=None, size=size, last=True)
    assert [r.pk for r in last.rows] == chunks[-1] and last.number == len(chunks)
    # Past the counted rows (count_cap=5): the last page is the reverse order's first page, and
    # "previous" walks back by keyset to the first row.
    capped = seek(
        qs, key=key, descending=descending, cursor=None, size=size, last=True, count_cap=5
    )
    assert capped.total_capped and capped.number is None
    assert [r.pk for r in capped.rows] == expected[-size:]
    back = [capped.rows]
    while back[-1] and capped.previous:
        kind, value = capped.previous
        if kind == "before":
            capped = seek(
                qs,
                key=key,
                descending=descending,
                cursor=None,
                before=value,
                size=size,
                count_cap=5,
            )
        else:
            capped = seek(
                qs, key=key, descending=descending, cursor=None, page=value, size=size, count_cap=5
            )
        back.append(capped.rows)
    walked = [r.pk for rows in reversed(back) for r in rows]
    assert sorted(walked) == sorted(expected) and len(walked) == len(set(walked))
    assert walked[:size] == expected[:size]
