"""The annual report's figures and its .docx: the demo county, and a county scaled to N cases.

For each database (a temporary SQLite file, and PostgreSQL when ``DATABASE_URL`` names one or
127.0.0.1:5432 answers — in a throwaway database ``fazhi_bench_rep``), a child process migrates an
empty database and measures, for 2025 (a full year of records, with 2024 for 同比):

(a) the demo county (``fazhi demo load``, every system's loader): composing the county
    government's annual report — every registered indicator over every agency beneath it, this
    year and the year before — and generating its .docx (GB/T 9704, with the 数据来源清单);
(b) a county scaled to ``FAZHI_BENCH_ROWS`` 行政处罚 cases (default 1,000,000; raw batched
    inserts, as in bench_enforcement): the same composition and .docx;

each against the plain ORM aggregation measured in the same run: one ``aggregate()`` over the
cases of the government's agencies giving the enforcement figures (立案, 决定, 九十日内决定,
四张清单, 罚没款) for both years — what a hand-written report query would do. The composer's
enforcement figures are checked against it before anything is printed.

Run: ``python -m benchmarks reports`` (``FAZHI_BENCH_ROWS=20000`` for a quick run,
``FAZHI_BENCH_DATABASES=sqlite`` for one database), or
``python -m benchmarks.bench_reports [ROWS]``.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from benchmarks import bench_deadlines as shared
from benchmarks.databases import in_children

DEFAULT_ROWS = 1_000_000
PG_DB = "fazhi_bench_rep"
MARK = shared.MARK
YEAR = 2025
FOUR_LISTS = ("no_penalty", "lighter", "mitigated", "no_coercion")


def run(rows: int | None = None) -> list[str]:
    """Run the benchmark on each available database, each in its own process."""
    rows = rows or int(os.environ.get("FAZHI_BENCH_ROWS", DEFAULT_ROWS))
    return in_children(
        "benchmarks.bench_reports",
        shared._backends(),
        lambda backend: f"[{backend}] 示范县 + {rows:,} 行政处罚案件的县",
        str(rows),
        mark=MARK,
    )


def _baseline(ids: frozenset[int]) -> dict[str, Any]:
    """The plain ORM aggregation: the enforcement figures of YEAR and YEAR-1 in one query."""
    from django.db.models import Count, Q, Sum

    from fazhi.systems.enforcement.models import Case

    out: dict[str, Any] = {}
    for year in (YEAR, YEAR - 1):
        span = (f"{year}-01-01", f"{year}-12-31")
        dec = Q(decided_on__range=span)
        out[year] = Case.objects.filter(agency_id__in=ids).aggregate(
            opened=Count("id", filter=Q(procedure="ordinary", opened_on__range=span)),
            decided=Count("id", filter=dec),
            on_time=Count("id", filter=dec & Q(decision_on_time=True)),
            four_lists=Count("id", filter=dec & Q(lenient_kind__in=FOUR_LISTS)),
            fines=Sum("decided_fine", filter=dec),
        )
    return out


def _measure(label: str, government: Any) -> list[str]:
    """Compose the government's report and write its .docx, against the baseline."""
    from fazhi.core.indicators import registry
    from fazhi.systems.reports.composer import compose
    from fazhi.systems.reports.docx import report_docx

    ids = registry.scope_for(government, None)
    base = min(shared._timed(lambda: _baseline(ids)) for _ in range(3))
    expected = _baseline(ids)[YEAR]
    t = time.perf_counter()
    composed = compose(government, YEAR)
    comp = time.perf_counter() - t
    fig = {f.code: f.value.value for f in composed.figures}
    assert fig["enforcement.cases_opened"] == expected["opened"], (fig, expected)
    assert fig["enforcement.four_lists"] == expected["four_lists"], (fig, expected)
    enforcement = [i for i in registry.all_indicators() if i.code.startswith("enforcement.")]
    period, before = registry.Period.year(YEAR), registry.Period.year(YEAR - 1)
    t = time.perf_counter()
    batched = registry.compute_many(enforcement, ids, (period, before))
    same = time.perf_counter() - t
    t = time.perf_counter()
    for ind in enforcement:
        assert registry.compute(ind.code, ids, period) == batched[(ind.code, period)], ind.code
        assert registry.compute(ind.code, ids, before) == batched[(ind.code, before)], ind.code
    each = time.perf_counter() - t
    n_shared = sum(1 for ind in enforcement if ind.shared is not None)
    t = time.perf_counter()
    content = report_docx(composed)
    docx = time.perf_counter() - t
    n = len(composed.figures)
    return [
        f"{label}（{len(ids)} 个机关，{expected['decided']:,} 件{YEAR}年决定）:",
        f"  plain ORM aggregate() of the enforcement figures, both years: {base * 1000:.1f} ms",
        f"  the registry's {len(enforcement)} enforcement figures, both years, as the composer"
        f" fetches them ({n_shared} sharing one query): {same * 1000:.1f} ms"
        f" (×{same / base:.1f} the baseline)",
        f"  the same figures one query each: {each * 1000:.1f} ms (×{each / base:.1f})",
        f"  composing the whole report ({n} figures × 2 years, every app): {comp * 1000:.0f} ms"
        f" (×{comp / base:.1f} the baseline)",
        f"  .docx (GB/T 9704 + 数据来源清单, {len(content) / 1024:.0f} KiB): {docx * 1000:.0f} ms"
        f" (×{docx / base:.1f} the baseline)",
    ]


def _child(backend: str, rows: int) -> int:
    from benchmarks import bench_enforcement

    shared.PG_DB = PG_DB  # a throwaway database of its own
    cleanup = shared._setup(backend)
    try:
        from fazhi.core.demo.generator import load

        t = time.perf_counter()
        demo = load()
        shared._say(f"demo county loaded in {time.perf_counter() - t:.1f} s")
        for line in _measure("示范县人民政府", demo.government):
            shared._say(line)
        world = bench_enforcement._world()
        seconds = bench_enforcement._insert(world, rows)
        shared._say(f"inserted {rows:,} cases (+ payments, reviews, hearings) in {seconds:.1f} s")
        for line in _measure(world["gov"].name, world["gov"]):
            shared._say(line)
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    for out in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(out, flush=True)
