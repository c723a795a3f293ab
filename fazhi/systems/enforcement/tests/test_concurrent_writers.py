"""Twenty officers writing at the same moment on PostgreSQL: every write succeeds and the
ledger stays one contiguous chain that verifies (行政处罚法 第四十七条: 全过程记录).

Before the ledger queued its leaves, two transactions read the same head and the second
insert hit the primary key: about half the writes of two concurrent writers failed.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection
from rest_framework.authtoken.models import Token

from fazhi.core.ledger import selectors
from fazhi.core.ledger.models import LedgerEntry, LedgerLeaf
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.models import Case

from .conftest import ACT

WRITERS = 20
PASSWORD = "x-Secret-123!"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises every writer)")


def _at_once(work: Callable[[int], Any], n: int = WRITERS) -> tuple[list[Any], list[BaseException]]:
    """Run ``work(i)`` in ``n`` threads released together; their results and errors."""
    start = threading.Barrier(n)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            start.wait()
            results.append(work(i))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def _chain_is_whole() -> None:
    result = selectors.verify_database()
    assert result.ok, result.reason
    assert not LedgerLeaf.objects.exists()  # nothing left unsealed
    seqs = list(LedgerEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    receipts = set(TransitionLog.objects.values_list("ledger_leaf", flat=True))
    assert receipts <= set(LedgerEntry.objects.values_list("leaf", flat=True))


def _opened(flow, label: str) -> list[Case]:
    """Twenty opened cases (opened one by one: 案号 take their own lock)."""
    return [flow.opened(flow.source(party_name=f"海安{label}{i}商行")) for i in range(WRITERS)]


FINDINGS = {"violation_date": ACT, "facts": "当事人销售掺杂掺假产品，货值三千元"}


def test_twenty_officers_recording_findings_at_once_through_the_services(flow, world):
    cases = _opened(flow, "并发")
    before = TransitionLog.objects.count()
    done, errors = _at_once(
        lambda i: services.record_findings(cases[i], actor=world.officer, **FINDINGS)
    )
    assert errors == []
    assert len(done) == WRITERS
    assert TransitionLog.objects.count() == before + WRITERS
    _chain_is_whole()


def _api(base: str, path: str, token: str, data: dict[str, Any]) -> tuple[int, str]:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(data).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_twenty_officers_recording_findings_at_once_through_http(flow, world, live_server):
    cases = _opened(flow, "接口")
    before = TransitionLog.objects.count()
    token = Token.objects.create(user=world.officer).key
    body = {"violation_date": ACT.isoformat(), "facts": FINDINGS["facts"]}

    def record_one(i: int) -> tuple[int, str]:
        path = f"/api/enforcement/cases/{cases[i].pk}/record_findings/"
        return _api(live_server.url, path, token, body)

    answers, errors = _at_once(record_one)
    assert errors == []
    assert [status for status, _ in answers] == [200] * WRITERS, answers
    assert TransitionLog.objects.count() == before + WRITERS
    _chain_is_whole()


def _login(base: str, username: str) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/", data=form, headers={"Referer": base + "/accounts/login/"}
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_twenty_people_logging_in_at_once_all_get_in(world, live_server):
    """Each login writes a ledgered security event; two of fifty concurrent logins failed."""
    users = [world.officer, world.officer2, world.chair_user, world.head, world.reviewer]
    statuses, errors = _at_once(lambda i: _login(live_server.url, users[i % len(users)].username))
    assert errors == []
    assert statuses == [200] * WRITERS  # redirected to the workbench, followed
    _chain_is_whole()
