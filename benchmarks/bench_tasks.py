"""待我处理 and the 工作台 counts at scale: one user with 10,000 open tasks among 1,000,000.

For each database (a temporary SQLite file, and PostgreSQL when ``DATABASE_URL`` names one or
127.0.0.1:5432 answers — in a throwaway database), a child process migrates an empty database,
inserts ``FAZHI_BENCH_TASKS`` task rows (default 1,000,000; about a fifth open, the rest done)
of which ``FAZHI_BENCH_MINE`` (default 10,000) are open for the measured officer — 8,000 named
to them and 2,000 in their role's queue at their agency — and measures the p95 latency of

- the queue's first pages and filtered pages (``tasks.selectors.page``, as 待我处理 draws them),
- the 工作台 counts (``tasks.selectors.counts``: 逾期, 临期, total and by kind),
- the 待我处理 page and the 工作台 through Django's test client,

each against the p95 of the plain indexed query of one page (``Task.objects.filter(assignee=me,
status="open").order_by("due", "id")[:50]``) in the same process.

Run: ``python -m benchmarks tasks`` (``FAZHI_BENCH_TASKS=100000`` for a quick run,
``FAZHI_BENCH_DATABASES=sqlite`` or ``=postgresql`` for one database).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "@@"
DB_NAME = "fazhi_bench_tasks"
REPEAT = 40


def run() -> list[str]:
    rows = int(os.environ.get("FAZHI_BENCH_TASKS", 1_000_000))
    mine = int(os.environ.get("FAZHI_BENCH_MINE", 10_000))
    from benchmarks.databases import in_children, pg_url

    backends = ["sqlite"] + (["postgresql"] if pg_url(DB_NAME) else [])
    wanted = os.environ.get("FAZHI_BENCH_DATABASES")
    chosen = [b for b in backends if not wanted or b in wanted.split(",")]
    return in_children(
        "benchmarks.bench_tasks",
        chosen,
        lambda backend: f"[{backend}] {rows:,} tasks, {mine:,} open for the measured user",
        str(rows),
        str(mine),
        mark=MARK,
    )


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def _time(fn, repeat: int = REPEAT) -> float:
    fn()  # warm
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return _p95(out)


def _fill(rows: int, mine: int) -> tuple[object, date]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.core.accounts.models import RoleAssignment, User
    from fazhi.core.orgs.models import Agency, Division
    from fazhi.core.tasks.models import Task

    division = Division.objects.create(code="320685", name="示范县", level="county")
    from fazhi.kernel.ids import uscc_check_character

    codes = [f"11320685MB{i:07d}" for i in range(50)]
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=f"机关{i}",
                kind="department",
                division=division,
                uscc=c + uscc_check_character(c),
            )
            for i, c in enumerate(codes)
        ]
    )
    me = User.objects.create_user(
        "me", password="x-Secret-123!", display_name="测量用户", password_changed_at=timezone.now()
    )
    RoleAssignment.objects.create(user=me, role="officer", agency=agencies[0])
    others = User.objects.bulk_create(
        [User(username=f"u{i}", display_name=f"用户{i}") for i in range(1000)]
    )
    ct = ContentType.objects.get_for_model(Agency).pk
    today = timezone.localdate()
    rnd = random.Random(7)
    titles = ["待调查终结", "待送达告知书", "待送达决定书", "待公示", "待执行完毕", "待法制审核"]
    table = Task._meta.db_table
    cols = (
        "subject_type_id, subject_id, subject_label, url, agency_id, workflow, kind, title, role, "
        "assignee_id, deadline_id, due, status, opened_at, closed_at, notified_level"
    )
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * 16)})"
    now = timezone.now()
    batch: list[tuple] = []
    with transaction.atomic(), connection.cursor() as cur:
        for i in range(rows):
            if i < mine:
                named = i < mine * 4 // 5
                assignee, agency, status = (me.pk if named else None), agencies[0].pk, "open"
            else:
                assignee = others[i % len(others)].pk
                agency = agencies[i % len(agencies)].pk
                status = "open" if i % 5 == 0 else "done"
            title = titles[i % len(titles)]
            due = today + timedelta(days=rnd.randint(-30, 120))
            batch.append(
                (
                    ct,
                    i,
                    f"案件{i}",
                    f"/enforcement/cases/{i}/",
                    agency,
                    "penalty",
                    title,
                    title,
                    "officer",
                    assignee,
                    None,
                    due,
                    status,
                    now,
                    None if status == "open" else now,
                    "",
                )
            )
            if len(batch) == 10_000:
                cur.executemany(sql, batch)
                batch.clear()
        if batch:
            cur.executemany(sql, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {table}")
    return me, today


def child(backend: str, rows: int, mine: int) -> None:
    from benchmarks.databases import fresh

    _, cleanup = fresh(backend, DB_NAME)
    try:
        started = time.perf_counter()
        me, today = _fill(rows, mine)
        print(f"{MARK}filled in {time.perf_counter() - started:.1f} s")
        from django.conf import settings
        from django.test import Client

        settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]

        from fazhi.core.deadlines.selectors import thresholds
        from fazhi.core.tasks import selectors
        from fazhi.core.tasks.models import Task

        th = thresholds(today)
        base = _time(
            lambda: list(Task.objects.filter(assignee=me, status="open").order_by("due", "id")[:50])
        )
        cursors = []
        p = selectors.page(me, size=50, th=th)
        for _ in range(10):
            cursors.append(p.next_cursor)
            p = selectors.page(me, size=50, cursor=p.next_cursor, th=th)
        k = iter(range(10**9))

        def pages() -> None:
            i = next(k)
            if i % 3 == 0:
                selectors.page(me, size=50, th=th)
            elif i % 3 == 1:
                selectors.page(me, size=50, cursor=cursors[i % len(cursors)], th=th)
            else:
                selectors.page(me, size=50, title="待公示", level="red", th=th)

        queue = _time(pages)
        counts = _time(lambda: selectors.counts(me, th))
        client = Client()
        client.force_login(me)
        r = client.get("/tasks/")
        assert r.status_code == 200, (r.status_code, r.get("Location"))
        page_http = _time(lambda: client.get("/tasks/"), repeat=20)
        home_http = _time(lambda: client.get("/"), repeat=20)
        c = selectors.counts(me, th)
        assert c.total == mine, (c.total, mine)
        ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
        print(f"{MARK}plain indexed query (one page of my tasks) p95 {ms(base)}")
        print(
            f"{MARK}queue page (all my queues, by clock)       p95 {ms(queue)} = {queue / base:.1f}× the plain query"
        )
        print(
            f"{MARK}工作台 counts (逾期, 临期, total, by kind)   p95 {ms(counts)} = {counts / base:.1f}×"
        )
        print(
            f"{MARK}GET /tasks/ (page + counts, rendered)       p95 {ms(page_http)} = {page_http / base:.1f}×"
        )
        print(
            f"{MARK}GET / (工作台)                              p95 {ms(home_http)} = {home_http / base:.1f}×"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        for line in run():
            print(line)
