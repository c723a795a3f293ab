"""Deadlines at scale: list pages and API on a million rows, and a calendar change.

For each database (a temporary SQLite file, and PostgreSQL when ``DATABASE_URL`` names one or
127.0.0.1:5432 answers — in a throwaway database ``fazhi_bench``), a child process migrates an
empty database, inserts ``FAZHI_BENCH_ROWS`` deadlines (default 1,000,000) with raw batched
inserts, and measures:

(a) the p95 latency of the to-do page, the full list, the risk page and the API (through
    Django's test client, ~50 requests each with different filters and cursors) against the
    p95 of the plain ORM query of the same page (``list(qs.order_by(...)[:50])``);
(b) entering a year's holiday notice, which recomputes every running deadline (goal < 30 s),
    against the naive per-row ``compute_due`` + ``save()`` measured on a sample and scaled up;
    and the daily flag scan.

Run: ``python -m benchmarks.bench_deadlines`` (``FAZHI_BENCH_ROWS=100000`` for a quick run,
``FAZHI_BENCH_DATABASES=sqlite`` or ``=postgresql`` for one database).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEFAULT_ROWS = 1_000_000
GOAL_SECONDS = 30.0
REQUESTS = 50
PG_DB = "fazhi_bench"
MARK = "@@"


def run() -> list[str]:
    """Run the benchmark on each available database, each in its own process."""
    rows = int(os.environ.get("FAZHI_BENCH_ROWS", DEFAULT_ROWS))
    lines: list[str] = []
    for backend in _backends():
        lines.append(f"[{backend}] {rows:,} deadlines")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_deadlines", "--child", backend, str(rows)],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
        )
        got = [line[len(MARK) :] for line in proc.stdout.splitlines() if line.startswith(MARK)]
        lines += [f"  {line}" for line in got]
        if proc.returncode != 0:
            lines.append(f"  FAILED (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return lines


def _pg_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + f"/{PG_DB}"
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    except OSError:
        return None


def _backends() -> list[str]:
    """SQLite, and PostgreSQL when one answers; ``FAZHI_BENCH_DATABASES=sqlite`` limits them."""
    found = ["sqlite"] + (["postgresql"] if _pg_url() else [])
    wanted = os.environ.get("FAZHI_BENCH_DATABASES")
    return [b for b in found if not wanted or b in wanted.split(",")]


# -- the child process -------------------------------------------------------------------------


def _say(line: str) -> None:
    print(MARK + line, flush=True)


def _setup(backend: str) -> Callable[[], None]:
    """Point Django at a fresh database, migrate it; return the clean-up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings.test"
    tmp = tempfile.mkdtemp(prefix="fazhi-bench-deadlines-")

    def cleanup() -> None:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)

    if backend == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["FAZHI_DATA_DIR"] = tmp  # base settings: WAL SQLite file under the data dir
    else:
        import psycopg

        url = _pg_url()
        assert url is not None
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            c.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = url

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(tmp, ignore_errors=True)
            with psycopg.connect(
                admin.replace("postgres://", "postgresql://"), autocommit=True
            ) as c:
                c.execute(f"DROP DATABASE IF EXISTS {PG_DB}")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0, interactive=False)
    return cleanup


RULES_USED = [
    "penalty.service",
    "penalty.decision",
    "penalty.publication",
    "penalty.legal_review",
    "disclosure.answer",
    "disclosure.correction_notice",
    "reconsideration.decision",
    "reconsideration.answer",
    "litigation.defence",
    "petition.resolution",
    "petition.routing",
    "licence.decision",
    "normdoc.filing",
    "inspection.publication",
    "penalty.hearing_notice",
]


def _world(n_agencies: int = 20, n_users: int = 200) -> dict[str, Any]:
    """A county: government, 司法局 and departments; users; the bench officer and supervisor."""
    from django.utils import timezone

    from fazhi.core.accounts.models import RoleAssignment, User
    from fazhi.core.accounts.roles import Role
    from fazhi.core.orgs.models import Agency, Division
    from fazhi.kernel.ids import uscc_check_character

    def code(serial: int) -> str:
        body = f"11330782{serial:09d}"
        return body + uscc_check_character(body)

    div = Division.objects.create(code="330782", name="义乌市", level="county")
    gov = Agency.objects.create(
        name="义乌市人民政府", uscc=code(1), kind="government", division=div
    )
    justice = Agency.objects.create(
        name="义乌市司法局",
        uscc=code(2),
        kind="justice",
        division=div,
        government=gov,
        is_supervisor=True,
    )
    depts = [
        Agency.objects.create(
            name=f"义乌市第{i}局", uscc=code(10 + i), division=div, government=gov
        )
        for i in range(n_agencies)
    ]
    now = timezone.now()
    users = [
        User(username=f"u{i}", display_name=f"用户{i}", password_changed_at=now)
        for i in range(n_users)
    ]
    User.objects.bulk_create(users)
    users = list(User.objects.order_by("id"))
    officer, sup = users[0], users[1]
    RoleAssignment.objects.create(user=officer, role=Role.OFFICER, agency=depts[0])
    RoleAssignment.objects.create(user=sup, role=Role.SUPERVISOR, agency=justice)
    return {"depts": depts, "users": users, "officer": officer, "supervisor": sup, "gov": gov}


def _insert(world: dict[str, Any], n: int, seed: int = 7) -> float:
    """Insert ``n`` deadlines with raw batched inserts; dates computed by the batch engine."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from fazhi.core.deadlines.models import Deadline
    from fazhi.kernel.calendar import WorkCalendar
    from fazhi.kernel.timelimits import RULES, DeadlineInput, compute_many

    started = time.perf_counter()
    rng = random.Random(seed)
    ct = ContentType.objects.get_for_model(type(world["gov"])).pk
    agencies = [a.pk for a in world["depts"]]
    user_ids = [u.pk for u in world["users"]]
    first = date(2026, 9, 1)  # open deadlines started in the last months, many crossing into 2027
    cal = WorkCalendar.default()
    created = "2026-01-01 00:00:00+00:00"
    q = connection.ops.quote_name
    cols = [
        "subject_type_id",
        "subject_id",
        "subject_label",
        "agency_id",
        "rule_id",
        "key",
        "title",
        "binds",
        "trigger",
        "restart",
        "suspensions",
        "suspended_since",
        "extended",
        "due",
        "provisional",
        "status",
        "level",
        "assignee_id",
        "role",
        "closed_on",
        "on_time",
        "created",
    ]
    sql = (
        f"INSERT INTO {q(Deadline._meta.db_table)} ({', '.join(q(c) for c in cols)}) "
        f"VALUES ({', '.join(['%s'] * len(cols))})"
    )
    batch = 50_000
    if connection.vendor == "sqlite":  # a bigger page cache for the load only
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size = -524288")
    with transaction.atomic(), connection.cursor() as cur:
        for lo in range(0, n, batch):
            inputs, meta = [], []
            for i in range(lo, min(n, lo + batch)):
                rule = RULES[RULES_USED[rng.randrange(len(RULES_USED))]]
                trigger = first + timedelta(days=rng.randrange(120))
                susp: tuple[tuple[date, date], ...] = ()
                restart = None
                r = rng.random()
                if rule.direction == "after" and r < 0.04:
                    a = trigger + timedelta(days=rng.randrange(1, 5))
                    susp = ((a, a + timedelta(days=rng.randrange(0, 10))),)
                elif rule.restart and r < 0.06:
                    restart = trigger + timedelta(days=rng.randrange(1, 10))
                extended = bool(rule.extension) and rng.random() < 0.1
                inputs.append(DeadlineInput(rule.id, trigger, susp, restart, extended))
                s = rng.random()
                status = (
                    "open" if s < 0.95 else "suspended"
                )  # every row running: (b) recomputes all
                assignee = user_ids[rng.randrange(len(user_ids))] if rng.random() < 0.5 else None
                meta.append((i, rule, status, assignee, "officer" if rng.random() < 0.3 else ""))
            results = compute_many(inputs, calendar=cal)
            params = []
            for inp, (i, rule, status, assignee, role), (due, prov) in zip(
                inputs, meta, results, strict=True
            ):
                params.append(
                    (
                        ct,
                        i,
                        f"事项{i}",
                        agencies[i % len(agencies)],
                        rule.id,
                        "",
                        rule.title,
                        rule.binds,
                        inp.trigger,
                        inp.restart,
                        json.dumps([[a.isoformat(), b.isoformat()] for a, b in inp.suspensions]),
                        None,
                        inp.extended,
                        due,
                        prov,
                        status,
                        "normal",
                        assignee,
                        role,
                        due if status == "met" else None,
                        True if status == "met" else None,
                        created,
                    )
                )
            if connection.vendor == "postgresql" and hasattr(cur.cursor, "copy"):
                with cur.cursor.copy(
                    f"COPY {q(Deadline._meta.db_table)} ({', '.join(q(c) for c in cols)}) FROM STDIN"
                ) as copy:
                    for row in params:
                        copy.write_row(row)
            else:
                if connection.vendor == "sqlite":
                    params = [
                        tuple(v.isoformat() if isinstance(v, date) else v for v in p)
                        for p in params
                    ]
                cur.executemany(sql, params)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA cache_size = -2000")  # back to SQLite's default for the pages
    return time.perf_counter() - started


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[max(0, int(round(0.95 * len(s))) - 1)]


def _timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _pages(world: dict[str, Any]) -> list[str]:
    """(a): p95 of pages and API versus the plain ORM query of the same page."""
    from django.test import Client

    from fazhi.core.deadlines import selectors
    from fazhi.core.deadlines.filters import DeadlineFilterSet

    officer, sup = world["officer"], world["supervisor"]
    depts = world["depts"]
    th = selectors.thresholds()
    lines = []

    def cases_for(user: Any, scope: Callable[[Any], Any], filters: list[dict[str, str]]):
        """(params, baseline queryset) pairs: each filter set, then a page further by cursor."""
        out = []
        for params in filters:
            fs = DeadlineFilterSet(params or None, queryset=scope(user), request=_Req(user))
            qs = fs.qs if params else scope(user)
            out.append((params, qs))
        return out

    lists = [
        {},
        {"status": "open"},
        {"level": "red"},
        {"level": "yellow"},
        {"agency": str(depts[3].pk)},
        {"rule_id": "disclosure.answer"},
        {
            "due_after": (th.today - timedelta(days=20)).isoformat(),
            "due_before": th.today.isoformat(),
        },
        {"agency": str(depts[5].pk), "status": "open"},
        {"provisional": "true"},
        {"rule_id": "penalty.decision", "level": "red"},
    ]
    todo_filters = [{}, {"level": "red"}, {"level": "yellow"}]
    scenarios = [
        ("我的待办 /deadlines/", officer, "/deadlines/", selectors.todo, todo_filters, "due"),
        ("全部期限 /deadlines/all/", sup, "/deadlines/all/", selectors.visible, lists, "due"),
        (
            "风险期限 /deadlines/risk/",
            sup,
            "/deadlines/risk/",
            lambda u: selectors.at_risk(u, th),
            [{}, {"level": "red"}, {"agency": str(depts[2].pk)}],
            "due",
        ),
        (
            "API /api/deadlines/mine/",
            officer,
            "/api/deadlines/mine/",
            selectors.todo,
            todo_filters,
            "due",
        ),
        ("API /api/deadlines/", sup, "/api/deadlines/", selectors.visible, lists, "due"),
    ]
    for label, user, url, scope, filters, key in scenarios:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm-up
        cases = cases_for(user, scope, filters)
        page_times, base_times = [], []
        i = 0
        cursor_of: dict[int, str | None] = {}
        while len(page_times) < REQUESTS:
            idx = i % len(cases)
            params, qs = cases[idx]
            query = dict(params)
            if cursor_of.get(idx):
                query["cursor"] = cursor_of[idx]
            t = time.perf_counter()
            response = client.get(
                url, query, HTTP_ACCEPT="application/json" if "/api/" in url else "text/html"
            )
            page_times.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, query, response.status_code)
            cursor_of[idx] = _next_cursor(response)
            base_times.append(_timed(lambda qs=qs, key=key: list(qs.order_by(key, "id")[:50])))
            i += 1
        page, base = _p95(page_times), _p95(base_times)
        lines.append(
            f"{label}: p95 {page * 1000:.1f} ms vs plain ORM page {base * 1000:.1f} ms "
            f"(×{page / base:.1f}, {REQUESTS} requests)"
        )
    return lines


class _Req:
    def __init__(self, user: Any) -> None:
        self.user = user


def _next_cursor(response: Any) -> str | None:
    import re
    from urllib.parse import parse_qs, urlparse

    if response["Content-Type"].startswith("application/json"):
        nxt = response.json().get("next")
        return parse_qs(urlparse(nxt).query).get("cursor", [None])[0] if nxt else None
    m = re.search(r"cursor=([A-Za-z0-9_\-]+)", response.content.decode())
    return m.group(1) if m else None


NOTICE = {
    "元旦": ("2027-01-01", "2027-01-03"),
    "春节": ("2027-02-05", "2027-02-13"),
    "清明节": ("2027-04-03", "2027-04-05"),
    "劳动节": ("2027-05-01", "2027-05-05"),
    "端午节": ("2027-06-09", "2027-06-09"),
    "中秋节": ("2027-09-15", "2027-09-15"),
    "国庆节": ("2027-10-01", "2027-10-07"),
}
WORKDAYS = ["2027-02-14", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09"]


def _holidays() -> list[tuple[date, str]]:
    out = []
    for name, (a, b) in NOTICE.items():
        d, end = date.fromisoformat(a), date.fromisoformat(b)
        while d <= end:
            out.append((d, name))
            d += timedelta(days=1)
    return out


def _calendar_change(world: dict[str, Any], sample: int = 2000) -> list[str]:
    """(b): entering the 2027 notice recomputes every running deadline."""
    from django.db import transaction

    from fazhi.core.deadlines import services
    from fazhi.core.deadlines.models import Deadline
    from fazhi.core.deadlines.recompute import update_levels
    from fazhi.kernel.timelimits import compute_due

    running = Deadline.objects.filter(status__in=["open", "suspended"])
    n_running = running.count()
    new_cal = services.calendar().with_notice(
        2027, [d for d, _ in _holidays()], [date.fromisoformat(d) for d in WORKDAYS]
    )
    # Baseline: the naive loop (compute_due + save per row) on a sample, rolled back, scaled up.
    ids = list(running.order_by("?").values_list("id", flat=True)[:sample])
    t = time.perf_counter()
    with transaction.atomic():
        for d in Deadline.objects.filter(pk__in=ids):
            due = compute_due(
                d.rule_id,
                d.trigger,
                restart=d.restart,
                extended=d.extended,
                calendar=new_cal,
                suspensions=[
                    (date.fromisoformat(a), date.fromisoformat(b)) for a, b in d.suspensions
                ],
            )
            d.due, d.provisional = due.due, due.provisional
            d.save()
        transaction.set_rollback(True)
    naive = (time.perf_counter() - t) / len(ids) * n_running
    t = time.perf_counter()
    _, changed = services.enter_notice(
        2027,
        title="国务院办公厅关于2027年部分节假日安排的通知",
        holidays=_holidays(),
        workdays=[date.fromisoformat(d) for d in WORKDAYS],
        document_number="国办发明电〔2026〕9号",
        published_on=date(2026, 11, 12),
        actor=world["supervisor"],
    )
    fast = time.perf_counter() - t
    verdict = "goal met" if fast < GOAL_SECONDS else "GOAL MISSED"
    lines = [
        f"calendar change (enter 2027 notice): {n_running:,} running deadlines recomputed, "
        f"{changed:,} changed, {fast:.1f} s ({verdict}: < {GOAL_SECONDS:.0f} s)",
        f"  vs naive compute_due + save() per row: ~{naive:.0f} s (scaled from {len(ids):,} rows) "
        f"→ ×{naive / fast:.0f} faster",
    ]
    t = time.perf_counter()
    first = update_levels(date.today())
    scan1 = time.perf_counter() - t
    t = time.perf_counter()
    second = update_levels(date.today())
    scan2 = time.perf_counter() - t
    lines.append(
        f"deadlines scan: {scan1:.2f} s ({first.changed:,} flags set: {first.red:,} red, "
        f"{first.yellow:,} yellow); second run {scan2:.2f} s, {second.changed} changed"
    )
    return lines


def _child(backend: str, rows: int) -> int:
    cleanup = _setup(backend)
    try:
        world = _world()
        seconds = _insert(world, rows)
        _say(f"inserted {rows:,} rows in {seconds:.1f} s")
        for line in _pages(world):
            _say(line)
        for line in _calendar_change(world):
            _say(line)
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    for out in run():
        print(out, flush=True)
