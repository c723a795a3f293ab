"""Finding a case on the case list (issue 15): one 搜索 box matching any part of the 案号, the
决定书文号, the party's name, 统一社会信用代码 or 公民身份号码; 我承办的 and 我机关的; page numbers,
previous/next and the page size."""

from __future__ import annotations

import re
from datetime import date as D

from django.test import Client

from fazhi.systems.enforcement.models import Case

URL = "/enforcement/cases/"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _found(client: Client, **params: str) -> set[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return set(
        re.findall(r'<a href="/enforcement/cases/\d+/">([^<]+)</a>', response.content.decode())
    )


def test_a_case_is_found_by_any_part_of_its_number_name_uscc_or_decision_number(world, flow):
    wanted = flow.decided(
        flow.notified(
            flow.examined(flow.opened(flow.source(party_name="海安蓝海食品贸易有限公司")))
        )
    )
    Case.objects.filter(pk=wanted.pk).update(number="海安市监罚立〔2025〕435号")
    wanted.refresh_from_db()
    other = flow.opened(flow.source(party_name="海安红星五金商店"))
    Case.objects.filter(pk=other.pk).update(number="海安市监罚立〔2025〕12号")
    officer = _client(world.officer)
    assert wanted.decision_number and wanted.party_uscc
    expected = {"海安市监罚立〔2025〕435号"}
    assert _found(officer, q="435") == expected
    assert _found(officer, q="蓝海食品") == expected  # part of the company's name
    assert _found(officer, q=wanted.party_uscc) == expected
    assert _found(officer, q=wanted.party_uscc[-8:].lower()) == expected  # any part, any case
    assert _found(officer, q=wanted.decision_number) == expected
    assert _found(officer, q="  435 ") == expected  # the spaces around it are ignored
    assert _found(officer, q="海安") == expected | {"海安市监罚立〔2025〕12号"}
    assert _found(officer, q="没有这个") == set()
    # The export holds the same rows as the filtered list.
    xlsx = officer.get(URL, {"q": "435", "export": "xlsx"})
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == ["海安市监罚立〔2025〕435号"]


def test_a_person_is_found_by_part_of_the_id_number(world, flow):
    number = world.id_number(D(1990, 4, 5), "357")
    case = flow.source(party_kind="person", party_name="钱某", party_id_number=number)
    officer = _client(world.officer)
    assert _found(officer, q=number[6:14]) == {case.source_number}


def test_the_search_is_a_filter_of_the_api_too(world, flow):
    case = flow.source(party_name="海安绿叶超市")
    flow.source(party_name="海安白云商行")
    body = _client(world.officer).get("/api/enforcement/cases/", {"q": "绿叶"}).json()
    assert [row["id"] for row in body["results"]] == [case.pk]


def test_mine_and_our_agency(world, flow):
    mine = flow.opened(flow.source(party_name="海安甲商店"), officers=world.officers)
    theirs = flow.opened(
        flow.source(party_name="海安乙商店"), officers=[world.officer2_staff, world.chair]
    )
    officer = _client(world.officer)
    assert _found(officer, mine="on") == {mine.number}
    assert _found(_client(world.officer2), mine="on") == {mine.number, theirs.number}
    # The supervisor sees every agency's cases; 我机关的 keeps those of its own agency (none).
    supervisor = _client(world.supervisor)
    assert _found(supervisor) == {mine.number, theirs.number}
    assert _found(supervisor, ours="on") == set()
    assert _found(officer, ours="on") == {mine.number, theirs.number}


def _pager(body: str) -> str:
    return body[body.index('<nav class="pager"') :]


def test_pages_are_numbered_with_previous_next_last_and_a_size(world, flow):
    for i in range(45):
        flow.source(
            party_name=f"海安{i:02d}号商店",
            registered_on=D(2025, 1, 1 + i % 28),
            violation_date=D(2024, 12, 1),
        )
    officer = _client(world.officer)
    first = officer.get(URL, {"size": "20"}).content.decode()
    pager = _pager(first)
    assert "共 45 条，第 1 页" in pager
    assert 'href="?size=20&amp;page=2"' in pager and 'href="?size=20&amp;page=3"' in pager
    assert 'href="?size=20&amp;last=1">末页' in pager and "上一页" not in pager
    assert first.count("<tr class=") == 20
    # The last page is reachable in one click and holds the remaining 5 rows.
    last = officer.get(URL, {"size": "20", "last": "1"}).content.decode()
    assert last.count("<tr class=") == 5 and "第 3 页" in last
    assert 'href="?size=20&amp;page=2" rel="prev"' in last and "下一页" not in last
    # Every row appears once across the numbered pages; the filters stay in the links.
    seen: list[str] = []
    for n in (1, 2, 3):
        body = officer.get(URL, {"size": "20", "page": str(n)}).content.decode()
        seen += re.findall(r'<a href="/enforcement/cases/(\d+)/">', body)
    assert len(seen) == len(set(seen)) == 45
    filtered = _pager(officer.get(URL, {"q": "号商店", "size": "20"}).content.decode())
    assert 'href="?q=%E5%8F%B7%E5%95%86%E5%BA%97&amp;size=20&amp;page=2"' in filtered
    # Size choices, and a page size nobody offered falls back to the default.
    assert 'href="?size=50">50</a>' in pager and 'href="?size=100">100</a>' in pager
    assert officer.get(URL, {"size": "7"}).content.decode().count("<tr class=") == 45


def _rows(body: str) -> list[str]:
    return re.findall(r'<a href="/enforcement/cases/(\d+)/">', body)


def _follow(client: Client, body: str, rel: str) -> str | None:
    link = re.search(rf'href="\?([^"]+)" rel="{rel}"', body)
    if not link:
        return None
    return client.get(URL + "?" + link.group(1).replace("&amp;", "&")).content.decode()


def test_past_the_counted_rows_the_list_goes_on_by_keyset(world, flow, monkeypatch):
    from fazhi.systems.enforcement.views import CaseListView

    for i in range(12):
        flow.source(
            party_name=f"海安{i:02d}号商行",
            registered_on=D(2025, 2, 1 + i),
            violation_date=D(2024, 12, 1),
        )
    # A million rows in miniature: only 5 rows are counted, pages of 2.
    monkeypatch.setattr(CaseListView, "count_cap", 5)
    monkeypatch.setattr(CaseListView, "size_choices", (2, 20))
    officer = _client(world.officer)
    body: str | None = officer.get(URL, {"size": "2"}).content.decode()
    assert "超过 5 条" in body and 'href="?size=2&amp;page=3"' in body
    pages = []
    while body is not None:
        pages.append(_rows(body))
        body = _follow(officer, body, "next")
    assert [len(p) for p in pages] == [2] * 6
    assert len({pk for p in pages for pk in p}) == 12
    # The last page in one click, then back by keyset: the same pages in reverse.
    body = officer.get(URL, {"size": "2", "last": "1"}).content.decode()
    back = []
    while body is not None:
        back.append(_rows(body))
        body = _follow(officer, body, "prev")
    assert back[::-1] == pages
