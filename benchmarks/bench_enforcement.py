"""行政处罚 cases at scale: the case list with filters and the indicator computation.

For each database (a temporary SQLite file, and PostgreSQL when ``DATABASE_URL`` names one or
127.0.0.1:5432 answers — in a throwaway database ``fazhi_bench_enf``), a child process migrates an
empty database, inserts ``FAZHI_BENCH_ROWS`` cases (default 1,000,000) with raw batched inserts
(plus their payments, hearings and legal reviews), and measures:

(a) the p95 latency of the case list page ``/enforcement/cases/`` and of the API list (Django's
    test client, ~50 requests over different filters and cursors) against the p95 of the plain
    ORM query of the same page (``list(qs.order_by(...)[:50])``);
(b) computing every registered ``enforcement.*`` indicator for a year over the whole county,
    against the plain ORM baseline of one ``count()`` of the year's decided cases, and against the
    naive per-row loop (iterating the year's cases in Python) — both measured in the same run.

Run: ``python -m benchmarks.bench_enforcement`` (``FAZHI_BENCH_ROWS=100000`` for a quick run,
``FAZHI_BENCH_DATABASES=sqlite`` or ``=postgresql`` for one database, ``FAZHI_BENCH_PG_DB`` to
name the throwaway PostgreSQL database when several runs share a server).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from benchmarks import bench_deadlines as shared
from benchmarks.databases import in_children

DEFAULT_ROWS = 1_000_000
REQUESTS = 50
PG_DB = os.environ.get("FAZHI_BENCH_PG_DB", "fazhi_bench_enf")  # one per concurrent run
MARK = shared.MARK


def run() -> list[str]:
    """Run the benchmark on each available database, each in its own process."""
    rows = int(os.environ.get("FAZHI_BENCH_ROWS", DEFAULT_ROWS))
    return in_children(
        "benchmarks.bench_enforcement",
        shared._backends(),
        lambda backend: f"[{backend}] {rows:,} 行政处罚案件",
        str(rows),
        mark=MARK,
    )


def _world(n_agencies: int = 20) -> dict[str, Any]:
    """Departments with penalty matters, an officer, a head and a supervisor."""
    from fazhi.core.accounts.models import RoleAssignment
    from fazhi.systems.matters.models import Matter

    world = shared._world(n_agencies=n_agencies, n_users=10)
    head = world["users"][2]
    RoleAssignment.objects.create(user=head, role="agency_head", agency=world["depts"][0])
    matters = []
    for i, agency in enumerate(world["depts"]):
        for j in range(4):
            matters.append(
                Matter.objects.create(
                    agency=agency,
                    code=f"M{i:02d}{j}",
                    name=f"第{i}局处罚事项{j}",
                    kind="penalty",
                    field="综合",
                    fine_min=Decimal(1000),
                    fine_max=Decimal(50000),
                    in_review_catalogue=(j == 0),
                )
            )
    world["matters"] = matters
    return world


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if not f.primary_key]


def _encoder(model, sqlite: bool) -> Callable[[dict[str, Any]], tuple]:
    """A row builder for ``model``: defaults computed once, values in column order."""
    plan = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        plan.append((f.attname, f.get_default(), f.get_internal_type() == "JSONField"))

    def encode(values: dict[str, Any]) -> tuple:
        out = []
        for name, default, is_json in plan:
            v = values.get(name, default)
            if is_json:
                v = json.dumps(v, ensure_ascii=False)
            elif sqlite and isinstance(v, Decimal | date | datetime):
                v = v.isoformat() if not isinstance(v, Decimal) else str(v)
            out.append(v)
        return tuple(out)

    return encode


def _without_indexes(model, cur, vendor: str) -> list[str]:
    """Drop the table's secondary indexes for the load; returns the statements that rebuild them."""
    table = model._meta.db_table
    if vendor == "sqlite":
        cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=%s AND sql IS NOT NULL",
            [table],
        )
    else:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename=%s AND indexname NOT LIKE %s",
            [table, "%_pkey"],
        )
    found = cur.fetchall()
    for name, _ in found:
        cur.execute(f'DROP INDEX "{name}"')
    return [ddl for _, ddl in found]


def _case_values(
    i: int, rng: random.Random, world: dict[str, Any], now: datetime
) -> dict[str, Any]:
    matter = world["matters"][rng.randrange(len(world["matters"]))]
    registered = date(2024, 1, 2) + timedelta(days=rng.randrange(1050))
    opened = registered + timedelta(days=rng.randrange(10))
    decided = opened + timedelta(days=rng.randrange(20, 110))
    r = rng.random()
    state = (
        "archived"
        if r < 0.55
        else "closed"
        if r < 0.75
        else rng.choice(
            (
                "source",
                "investigating",
                "examining",
                "notified",
                "hearing",
                "in_review",
                "ready",
                "decided",
                "executing",
            )
        )
    )
    done = state in ("closed", "archived", "decided", "executing")
    o = rng.random()
    outcome = ("penalty" if o < 0.82 else "no_penalty" if o < 0.94 else "dropped") if done else ""
    fine = Decimal(rng.randrange(10, 500) * 100) if outcome == "penalty" else None
    lenient = (
        rng.choice(("", "", "", "", "lighter", "mitigated", "no_penalty", "other"))
        if outcome
        else ""
    )
    return {
        "agency_id": matter.agency_id,
        "matter_id": matter.pk,
        "procedure": "ordinary" if i % 5 else "summary",
        "state": state,
        "source_number": f"案源〔{registered.year}〕{i}号",
        "number": f"罚立〔{registered.year}〕{i}号",
        "source_kind": "inspection",
        "source_summary": "基准测试",
        "registered_on": registered,
        "party_kind": "organisation" if i % 3 else "person",
        "party_name": f"当事人{i}",
        "party_key": f"K{i}",
        "violation_date": registered - timedelta(days=5),
        "discovered_on": registered,
        "opened_on": opened,
        "outcome": outcome,
        "decided_on": decided if done else None,
        "decision_number": f"罚决〔{decided.year}〕{i}号" if done else "",
        "decided_types": ["fine"] if fine else [],
        "decided_fine": fine,
        "lenient_kind": lenient if outcome in ("penalty", "no_penalty") else "",
        "decision_on_time": (rng.random() < 0.96) if done else None,
        "publication_on_time": (rng.random() < 0.9) if outcome == "penalty" else None,
        "paid_amount": fine or Decimal(0),
        "created": now,
        "updated": now,
    }


def _insert(world: dict[str, Any], n: int, seed: int = 11) -> float:
    """``n`` cases (and payments, reviews, hearings) with raw batched inserts."""
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.systems.enforcement.models import Case, Hearing, LegalReview, Payment

    started = time.perf_counter()
    rng = random.Random(seed)
    sqlite = connection.vendor == "sqlite"
    q = connection.ops.quote_name
    now = timezone.now()

    def sql(model) -> str:
        cols = _columns(model)
        return (
            f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(c) for c in cols)}) "
            f"VALUES ({', '.join(['%s'] * len(cols))})"
        )

    batch = 20_000
    if sqlite:
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size = -524288")
    encode = {m: _encoder(m, sqlite) for m in (Case, Payment, LegalReview, Hearing)}
    with transaction.atomic(), connection.cursor() as cur:
        rebuild = _without_indexes(Case, cur, connection.vendor)
        for lo in range(0, n, batch):
            rows = [
                encode[Case](_case_values(i, rng, world, now))
                for i in range(lo, min(n, lo + batch))
            ]
            _write(cur, Case, rows, sql(Case), q)
        paid, reviews, hearings = [], [], []
        for case_id, decided, fine, matter_id in (
            Case.objects.filter(decided_fine__isnull=False)
            .values_list("id", "decided_on", "decided_fine", "matter_id")
            .iterator(chunk_size=20_000)
        ):
            paid.append(
                {"case_id": case_id, "paid_on": decided + timedelta(days=20), "amount": fine}
            )
            if matter_id % 4 == 0:
                reviews.append(
                    {
                        "case_id": case_id,
                        "round": 1,
                        "submitted_on": decided,
                        "result": "passed",
                        "completed_on": decided,
                        "checklist": {},
                    }
                )
            if case_id % 50 == 0:
                hearings.append(
                    {
                        "case_id": case_id,
                        "requested_on": decided,
                        "held_on": decided,
                        "outcome": "held",
                    }
                )
        for model, rows in ((Payment, paid), (LegalReview, reviews), (Hearing, hearings)):
            for lo in range(0, len(rows), batch):
                _write(cur, model, [encode[model](r) for r in rows[lo : lo + batch]], sql(model), q)
    with connection.cursor() as cur:  # after commit: PostgreSQL defers the FK checks until then
        for ddl in rebuild:
            cur.execute(ddl)
        cur.execute("ANALYZE")
        if sqlite:
            cur.execute("PRAGMA cache_size = -2000")
    return time.perf_counter() - started


def _write(cur, model, rows: list[tuple], insert_sql: str, q) -> None:
    """COPY on PostgreSQL, executemany elsewhere."""
    if hasattr(cur.cursor, "copy"):
        cols = ", ".join(q(c) for c in _columns(model))
        with cur.cursor.copy(f"COPY {q(model._meta.db_table)} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cur.executemany(insert_sql, rows)


def _pages(world: dict[str, Any]) -> list[str]:
    """(a): p95 of the list page and the API against the plain ORM query of the same page."""
    from django.test import Client

    from fazhi.systems.enforcement import selectors
    from fazhi.systems.enforcement.filters import CaseFilterSet

    depts, sup, officer = world["depts"], world["supervisor"], world["officer"]
    filters = [
        {},
        {"state": "investigating"},
        {"agency": str(depts[3].pk)},
        {"outcome": "no_penalty"},
        {"registered_from": "2025-03-01", "registered_to": "2025-03-31"},
        {"agency": str(depts[5].pk), "state": "closed"},
        {"procedure": "summary"},
        {"late": "on"},
        {"q": "罚立〔2025〕12号"},
        {"state": "hearing"},
    ]
    lines = []
    for label, user, url, key in (
        (
            "案件列表 /enforcement/cases/（司法局，全县）",
            sup,
            "/enforcement/cases/",
            "registered_on",
        ),
        (
            "案件列表 /enforcement/cases/（本局执法人员）",
            officer,
            "/enforcement/cases/",
            "registered_on",
        ),
        ("API /api/enforcement/cases/", sup, "/api/enforcement/cases/", "id"),
    ):
        client = Client()
        client.force_login(user)
        client.get(url)
        cases = []
        # The same queryset the page starts from (the list's columns only; the API's serializer).
        scope = selectors.visible if "/api/" in url else selectors.list_rows
        for params in filters:
            fs = CaseFilterSet(params or None, queryset=scope(user), request=shared._Req(user))
            cases.append((params, fs.qs if params else scope(user)))
        page_times, base_times, cursor_of = [], [], {}
        i = 0
        while len(page_times) < REQUESTS:
            idx = i % len(cases)
            params, qs = cases[idx]
            query = cursor_of.get(idx) or dict(params)
            t = time.perf_counter()
            response = client.get(url, query)
            page_times.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, query, response.status_code)
            cursor_of[idx] = _next_query(response)
            base_times.append(
                shared._timed(lambda qs=qs, key=key: list(qs.order_by(f"-{key}", "-id")[:50]))
            )
            i += 1
        page, base = shared._p95(page_times), shared._p95(base_times)
        lines.append(
            f"{label}: p95 {page * 1000:.1f} ms vs plain ORM page {base * 1000:.1f} ms "
            f"(×{page / base:.1f}, {REQUESTS} requests)"
        )
    export = Client()
    export.force_login(sup)
    t = time.perf_counter()
    r = export.get(
        "/enforcement/cases/",
        {
            "agency": str(depts[1].pk),
            "registered_from": "2025-01-01",
            "registered_to": "2025-06-30",
            "export": "xlsx",
        },
    )
    assert r.status_code == 200
    lines.append(
        f"导出 .xlsx（一个机关半年）: {time.perf_counter() - t:.2f} s, {len(r.content) / 1024:.0f} KiB"
    )
    return lines


def _next_query(response: Any) -> dict[str, str] | None:
    """The query of the next page: the HTML pager's ``rel="next"`` link (a page number or a
    keyset cursor), or the API's ``next``."""
    import re
    from urllib.parse import parse_qsl, urlparse

    if response["Content-Type"].startswith("application/json"):
        nxt = response.json().get("next")
        return dict(parse_qsl(urlparse(nxt).query)) if nxt else None
    found = re.search(r'href="\?([^"]*)" rel="next"', response.content.decode())
    return dict(parse_qsl(found.group(1).replace("&amp;", "&"))) if found else None


def _indicators(world: dict[str, Any]) -> list[str]:
    """(b): every enforcement indicator for 2025 over the county against the plain ORM baselines."""
    from fazhi.core.indicators.registry import Period, all_indicators, compute
    from fazhi.systems.enforcement.models import Case

    ids = frozenset(a.pk for a in world["depts"])
    year = Period.year(2025)
    codes = [i.code for i in all_indicators() if i.code.startswith("enforcement.")]
    t = time.perf_counter()
    values = {c: compute(c, ids, year) for c in codes}
    suite = time.perf_counter() - t
    year_qs = Case.objects.filter(
        agency_id__in=ids, decided_on__gte=year.start, decided_on__lte=year.end
    )
    base = shared._timed(lambda: year_qs.count())
    t = time.perf_counter()
    naive: dict[str, int] = {}
    for _outcome, lenient, on_time in year_qs.values_list(
        "outcome", "lenient_kind", "decision_on_time"
    ).iterator(chunk_size=20_000):
        naive[lenient] = naive.get(lenient, 0) + 1
        naive["late"] = naive.get("late", 0) + (on_time is False)
    loop = time.perf_counter() - t
    four = values["enforcement.four_lists"].value
    assert four == sum(
        naive.get(k, 0) for k in ("no_penalty", "lighter", "mitigated", "no_coercion")
    ), four
    return [
        f"指标计算（{len(codes)} 项，2025年，全县）: {suite:.2f} s = {suite / len(codes) * 1000:.0f} ms/项；"
        f"plain ORM count() of the year's decisions {base * 1000:.0f} ms (×{suite / len(codes) / base:.1f} per figure)；"
        f"naive per-row loop over {sum(v for k, v in naive.items() if k != 'late'):,} rows {loop:.2f} s",
        f"  四张清单 {four:,} 件 = 不予处罚 {values['enforcement.four_lists_no_penalty'].display} + "
        f"从轻 {values['enforcement.four_lists_lighter'].display} + 减轻 {values['enforcement.four_lists_mitigated'].display}"
        f" + 不予强制 {values['enforcement.four_lists_no_coercion'].display}；九十日内决定率 "
        f"{values['enforcement.decided_on_time_rate'].display}%",
    ]


def _child(backend: str, rows: int) -> int:
    shared.PG_DB = PG_DB  # a throwaway database of its own
    cleanup = shared._setup(backend)
    try:
        world = _world()
        seconds = _insert(world, rows)
        shared._say(f"inserted {rows:,} cases (+ payments, reviews, hearings) in {seconds:.1f} s")
        for line in _pages(world) + _indicators(world):
            shared._say(line)
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    for out in run():
        print(out, flush=True)
