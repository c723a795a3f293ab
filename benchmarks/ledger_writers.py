"""Ledgered transitions per second with 1, 4 and 16 concurrent writers on PostgreSQL, against
the same transactions without the ledger, in the same run (part of ``python -m benchmarks
ledger``; alone: ``python -m benchmarks.ledger_writers``).

Each writer is its own process (as gunicorn workers are), started before the clock and
released together by a barrier. A transition is ``engine.perform`` of the test-suite's sample
system (grant a permit: lock the row, check guards, save, ledger, history row) — the path
every system's steps take. The baseline runs the very same transactions with every reference
to ``ledger.services.record`` replaced by a function that writes nothing, so the difference is
exactly what the ledger costs. After each ledgered run the chain is verified and must hold
every transition, with no leaf left unsealed.

Goal: at 16 writers, the ledgered rate ≥ 50 % of the unledgered rate.
``FAZHI_BENCH_WRITES`` sets the transitions per run (default 4,000).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks import databases

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "fazhi_bench_writers"
WRITERS = (1, 4, 16)
GOAL = 0.5


def _django(env: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _without_ledger() -> None:
    """Replace every module-level reference to ``record`` by one that writes nothing."""
    from fazhi.core.ledger import services

    real = services.record

    def unledgered(subject: str, action: str, payload: Any, *, actor: Any) -> Any:
        return SimpleNamespace(id=0, payload=services._jsonable(payload))

    for module in list(sys.modules.values()):
        if getattr(module, "record", None) is real:
            module.record = unledgered  # type: ignore[attr-defined]


def _writer(env: dict[str, str], pks: list[int], ledgered: bool, barrier: Any, out: Any) -> None:
    _django(env)
    if not ledgered:
        _without_ledger()
    from tests.sample_system.models import Permit
    from tests.sample_system.system import grant

    permits = list(Permit.objects.filter(pk__in=pks))
    barrier.wait()
    started = time.perf_counter()
    for permit in permits:
        grant(permit, actor="bench", decided_on=date(2026, 3, 2))
    out.put((len(permits), started, time.perf_counter()))


def _run(env: dict[str, str], writers: int, writes: int, ledgered: bool) -> float:
    from fazhi.core.orgs.models import Agency
    from tests.sample_system.models import Permit

    agency = Agency.objects.first()
    made = Permit.objects.bulk_create(
        Permit(agency=agency, applicant=f"申请人{i}") for i in range(writes)
    )
    pks = [p.pk for p in made]
    from django.db import connections

    connections.close_all()
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(writers), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(env, pks[i::writers], ledgered, barrier, out))
        for i in range(writers)
    ]
    for p in procs:
        p.start()
    results = []
    while len(results) < writers:
        try:
            results.append(out.get(timeout=5))
        except queue.Empty:
            if any(p.exitcode for p in procs):
                for p in procs:
                    p.kill()
                raise RuntimeError("a writer failed (its traceback is above)") from None
    for p in procs:
        p.join()
    done = sum(r[0] for r in results)
    assert done == writes, (done, writes)
    seconds = max(r[2] for r in results) - min(r[1] for r in results)
    return done / seconds


def _child(writes: int) -> list[str]:
    env, cleanup = databases.fresh("postgresql", PG_DB)
    sys.path.insert(0, str(ROOT))
    from fazhi.core.ledger import selectors
    from fazhi.core.ledger.models import LedgerLeaf
    from fazhi.core.orgs.models import Agency, Division
    from fazhi.core.workflow.models import TransitionLog

    lines: list[str] = []
    try:
        county = Division.objects.create(code="320685", name="海安市", level="county")
        Agency.objects.create(name="海安市行政审批局", kind="department", division=county)
        for writers in WRITERS:
            plain = _run(env, writers, writes, ledgered=False)
            before = TransitionLog.objects.count()
            ledgered = _run(env, writers, writes, ledgered=True)
            result = selectors.verify_database()
            assert result.ok, result.reason
            assert not LedgerLeaf.objects.exists()
            assert TransitionLog.objects.count() == before + writes
            lines.append(
                f"{writers:>2} writers: ledgered {ledgered:,.0f} transitions/s, without the "
                f"ledger {plain:,.0f}/s: {ledgered / plain:.0%}"
                + (
                    f" (goal ≥ {GOAL:.0%}: {'met' if ledgered >= GOAL * plain else 'NOT met'})"
                    if writers == 16
                    else ""
                )
            )
        lines.append(f"chain after all runs verifies: {result.count:,} entries")
    finally:
        cleanup()
    return lines


def run(writes: int | None = None) -> list[str]:
    """The figures, from a child process (this one may already have Django set up)."""
    import subprocess

    if databases.pg_url(PG_DB) is None:
        return ["concurrent writers: skipped (no PostgreSQL at DATABASE_URL or 127.0.0.1:5432)"]
    writes = writes or int(os.environ.get("FAZHI_BENCH_WRITES", 4000))
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.ledger_writers", "--child", str(writes)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = [f"concurrent writers on PostgreSQL, {writes:,} transitions per run:"]
    lines += [f"  {line[2:]}" for line in proc.stdout.splitlines() if line.startswith("@@")]
    if proc.returncode:
        lines.append(f"  FAILED (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        for line in _child(int(sys.argv[2])):
            print("@@" + line, flush=True)
    else:
        for line in run():
            print(line)
