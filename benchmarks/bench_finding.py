"""Finding a case among a million: the case list's 搜索 box and its pages.

For each database (SQLite, and PostgreSQL when one answers — in a throwaway database
``fazhi_bench_find``), a child process migrates an empty database, inserts ``FAZHI_BENCH_ROWS``
cases (default 1,000,000) as ``bench_enforcement`` does (with company names and 统一社会信用代码),
and measures the median and p95 of the list page (Django's test client, as the 司法局 who sees the
whole county) reached in every way the pager offers — the first page, numbered pages up to the
deepest one counted, a keyset page in the middle of the table, the last page and the page before
it, 100 rows a page — and of the searches the issue asks for (a part of a 案号, a part of a company
name, a whole 统一社会信用代码, a whole 决定书文号) and the 我承办的/我机关的 boxes, each against the
plain ORM query of the first page (``list(qs.order_by(...)[:50])``) measured in the same run.

Run: ``python -m benchmarks.bench_finding`` (``FAZHI_BENCH_ROWS=100000`` for a quick run,
``FAZHI_BENCH_DATABASES=sqlite`` or ``=postgresql`` for one database).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from typing import Any

from benchmarks import bench_deadlines as shared
from benchmarks import bench_enforcement as enforcement
from benchmarks.databases import in_children

DEFAULT_ROWS = 1_000_000
REPEAT = 7
PG_DB = os.environ.get("FAZHI_BENCH_PG_DB", "fazhi_bench_find")
MARK = shared.MARK


def run() -> list[str]:
    rows = int(os.environ.get("FAZHI_BENCH_ROWS", DEFAULT_ROWS))
    return in_children(
        "benchmarks.bench_finding",
        shared._backends(),
        lambda backend: f"[{backend}] {rows:,} 行政处罚案件",
        str(rows),
        mark=MARK,
    )


def _named(i: int, rng: Any, world: dict[str, Any], now: Any) -> dict[str, Any]:
    """A case as ``bench_enforcement`` makes it, with a company's name and 统一社会信用代码."""
    values = _plain_case(i, rng, world, now)
    if i % 3:
        values["party_name"] = f"示范县{i}号贸易有限公司"
        values["party_uscc"] = f"9132068{i:011d}"
    return values


_plain_case = enforcement._case_values


def _link(body: str, rel: str) -> dict[str, str] | None:
    found = re.search(rf'href="\?([^"]*)" rel="{rel}"', body)
    if not found:
        return None
    from urllib.parse import unquote_plus

    pairs = [p.split("=", 1) for p in found.group(1).replace("&amp;", "&").split("&") if p]
    return {k: unquote_plus(v) for k, v in pairs}


def _measure(world: dict[str, Any], n: int) -> list[str]:
    from django.test import Client

    from fazhi.core.ui.pagination import _encode
    from fazhi.systems.enforcement import selectors
    from fazhi.systems.enforcement.models import Case

    sup = world["supervisor"]
    client = Client()
    client.force_login(sup)
    url = "/enforcement/cases/"
    client.get(url)
    middle = (
        Case.objects.order_by("-registered_on", "-id")
        .values_list("registered_on", "id")[n // 2 : n // 2 + 1]
        .get()
    )
    token = _encode([middle[0].isoformat(), middle[1], 10_000, True, None])
    last = client.get(url, {"last": "1"}).content.decode()
    before = _link(last, "prev") or {}
    target = n - 7 if (n - 7) % 3 else n - 8  # an organisation
    wanted = Case.objects.only("number", "decision_number", "party_uscc").get(
        source_number__endswith=f"〕{target}号"
    )
    assert wanted.party_uscc, wanted
    cases = [
        ("第 1 页", {}),
        ("第 2 页", {"page": "2"}),
        ("第 100 页", {"page": "100"}),
        ("第 200 页（计数范围内最深的编号页，OFFSET 9,950）", {"page": "200"}),
        ("表中间的一页（键集游标，第 50 万行）", {"cursor": token}),
        ("末页", {"last": "1"}),
        ("末页的上一页（反向键集）", before),
        ("第 1 页，每页 100 条", {"size": "100"}),
        ("搜索 案号的一部分“435”", {"q": "435"}),
        (f"搜索 完整案号“{wanted.number}”", {"q": wanted.number}),
        (f"搜索 公司名称的一部分“{target}号贸易”", {"q": f"{target}号贸易"}),
        (f"搜索 统一社会信用代码“{wanted.party_uscc}”", {"q": wanted.party_uscc}),
        (f"搜索 决定书文号“{wanted.decision_number}”", {"q": wanted.decision_number}),
        ("搜索 没有的“不存在的名称”", {"q": "不存在的名称"}),
        ("我承办的", {"mine": "on"}),
        ("我机关的", {"ours": "on"}),
    ]
    qs = selectors.list_rows(sup)
    base = [_t(lambda: list(qs.order_by("-registered_on", "-id")[:50])) for _ in range(REPEAT)]
    base_med = statistics.median(base)
    lines = [f"plain ORM first page: median {base_med * 1000:.1f} ms"]
    for label, params in cases:
        times = []
        body = ""
        for _ in range(REPEAT):
            t = time.perf_counter()
            response = client.get(url, params)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200, (label, response.status_code)
            body = response.content.decode()
        rows = body.count("<tr class=")
        total = re.search(r"(共|超过) ([\d,]+) 条", body)
        med, p95 = statistics.median(times), shared._p95(times)
        lines.append(
            f"{label}: median {med * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
            f"(×{med / base_med:.1f} the plain page; {rows} rows, "
            f"{total.group(0) if total else '?'})"
        )
    lines += _plans(sup, [p["q"] for _, p in cases if "q" in p])
    return lines


def _plans(user: Any, searches: list[str]) -> list[str]:
    """On PostgreSQL, how each search's first page is read (the plan's scan nodes)."""
    from django.db import connection

    from fazhi.core.ui.filters import search
    from fazhi.systems.enforcement import selectors
    from fazhi.systems.enforcement.filters import SEARCH_FIELDS

    if connection.vendor != "postgresql":
        return []
    out = []
    for text in searches:
        qs = search(selectors.list_rows(user), text, SEARCH_FIELDS)
        sql, params = qs.order_by("-registered_on", "-id")[:51].query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN " + sql, params)
            plan = [r[0].strip() for r in cur.fetchall()]
        nodes = [n.split("  (")[0].lstrip("-> ") for n in plan if "Scan" in n or "Bitmap" in n]
        out.append(f"plan of “{text}”: " + " / ".join(dict.fromkeys(nodes)))
    return out


def _t(fn: Any) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _child(backend: str, rows: int) -> int:
    shared.PG_DB = PG_DB
    cleanup = shared._setup(backend)
    try:
        world = enforcement._world()
        enforcement._case_values = _named  # type: ignore[assignment]
        seconds = enforcement._insert(world, rows)
        shared._say(f"inserted {rows:,} cases in {seconds:.1f} s")
        for line in _measure(world, rows):
            shared._say(line)
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    for out in run():
        print(out, flush=True)
