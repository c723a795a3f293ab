"""``fazhi ledger verify`` with the record cross-check over a million stored entries, against a
raw scan with one SM3 per row (part of ``python -m benchmarks ledger``).

A fresh migrated database (a temporary SQLite file; PostgreSQL in a throwaway database
``fazhi_bench_crosscheck`` when ``DATABASE_URL`` names one) receives N ledger entries shaped
like the platform's: records of 8 entries each, 4 of them ``record.saved`` states of the
record (written through :func:`fazhi.core.ledger.tracking.snapshot_many`, the bulk path) and 4
other entries, over N/8 tracked rows (security audit rows: a real tracked model).

Measured in the same run on the same rows, best of three, interleaved: (a) the raw scan, a raw
cursor reading every ledger row with all its columns and hashing them once with SM3 (the floor
any verifier of the stored ledger pays), (b) everything ``fazhi ledger verify`` checks
(:func:`fazhi.core.ledger.verification.verify_all`: the chain, payload digests and Merkle root
compared with a signed checkpoint, stored files, the record cross-check and the workflow
history rows), and (c) the record cross-check alone. Goal: (b) ≤ 2 × (a). The memory the check
grew to is printed too (it holds one digest per tracked record, never a payload).

Each is timed in wall seconds and in CPU seconds: those of this process plus, on PostgreSQL,
those of its server backend (read from ``/proc`` when this user may; else wall time only). On a
machine other work shares, wall-time ratios move with the load; the CPU-time ratio does not, so
both are printed, and the goal is judged on CPU time when it is known.

Run: ``python -m benchmarks.ledger_records [N]`` (default 1,000,000 entries;
``FAZHI_BENCH_LEDGER_ROWS`` under ``make bench``; ``FAZHI_BENCH_DATABASES=sqlite`` limits the
databases).
"""

from __future__ import annotations

import math
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import databases

DEFAULT_N = 1_000_000
GOAL = 2.0
PG_DB = "fazhi_bench_records"
MARK = "@@"
ROOT = Path(__file__).resolve().parent.parent
PER_RECORD = 8
SAVED_PER_RECORD = 4


def _say(line: str) -> None:
    print(MARK + line, flush=True)


def _other(pks: list[int]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for pk in pks:
        for step in range(PER_RECORD - SAVED_PER_RECORD):
            yield (
                f"accounts.securityevent:{pk}",
                "security.login",
                {"event": pk, "step": step, "ip": "10.0.0.1"},
            )


def _fill(n: int) -> float:
    from django.db import transaction

    from fazhi.core.accounts.models import SecurityEvent
    from fazhi.core.ledger import tracking
    from fazhi.core.ledger.services import record_many

    started = time.perf_counter()
    records = n // PER_RECORD
    chunk = 5_000
    for low in range(0, records, chunk):
        with transaction.atomic():
            rows = SecurityEvent.objects.bulk_create(
                SecurityEvent(
                    kind="login", username=f"user{i % 997}", ip="10.0.0.1", detail={"n": i}
                )
                for i in range(low, min(records, low + chunk))
            )
            pks = [r.pk for r in rows]
            for _ in range(SAVED_PER_RECORD):
                tracking.snapshot_many(pks, model=SecurityEvent, actor="bench")
            record_many(_other(pks), actor="bench")
    return time.perf_counter() - started


def _raw_scan() -> float:
    """Baseline: every ledger row, all its columns, through a raw chunked cursor, each row
    hashed once with SM3."""
    import hashlib

    from django.db import connection

    from fazhi.core.ledger.models import LedgerEntry

    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    cols = "seq, subject, actor, action, time, body, payload_digest, prev_digest, digest"
    base = hashlib.new("sm3")
    started = time.perf_counter()
    n = 0
    with connection.chunked_cursor() as cur:
        cur.execute(f"SELECT {cols} FROM {table} ORDER BY seq")
        while rows := cur.fetchmany(5000):
            for row in rows:
                h = base.copy()
                h.update(f"{row[0]}{row[1]}{row[2]}{row[3]}{row[4]}{row[5]}".encode())
                h.digest()
            n += len(rows)
    assert n
    return time.perf_counter() - started


def _backend_cpu() -> Any:
    """A function giving the CPU seconds of this connection's PostgreSQL backend (from
    ``/proc/<pid>/stat``), or None on SQLite (in this process) or when /proc can't be read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    stat = Path(f"/proc/{pid}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

    try:
        cpu()
    except OSError:
        return None
    return cpu


def _timed(fn: Any, server: Any) -> tuple[float, float | None, Any]:
    """(wall seconds, CPU seconds or None, result) of one call."""
    s0 = server() if server else 0.0
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    if server:
        cpu += server() - s0
    return wall, cpu, out


def _child(backend: str, n: int) -> int:
    _env, cleanup = databases.fresh(backend, PG_DB)
    try:
        from fazhi.core.ledger import crosscheck
        from fazhi.core.ledger.models import LedgerEntry

        seconds = _fill(n)
        total = LedgerEntry.objects.count()
        _say(f"{backend}: wrote {total:,} entries over {n // PER_RECORD:,} rows in {seconds:.1f} s")
        from fazhi.core.ledger import checkpoints, verification

        checkpoints.issue()
        from django.db import connection

        connection.ensure_connection()
        server = _backend_cpu()
        cpu_known = backend == "sqlite" or server is not None
        best: dict[str, list[float]] = {k: [math.inf, math.inf] for k in "abc"}

        def keep(key: str, wall: float, cpu: float) -> None:
            best[key] = [min(best[key][0], wall), min(best[key][1], cpu)]

        grown = 0.0
        for _ in range(3):  # interleaved, best of three
            wall, cpu, _out = _timed(_raw_scan, server)
            keep("a", wall, cpu)
            wall, cpu, report = _timed(verification.verify_all, server)
            keep("b", wall, cpu)
            assert report.ok, report.problems[:3]
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            wall, cpu, found = _timed(crosscheck.problems, server)
            keep("c", wall, cpu)
            grown = max(grown, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
            assert found == [], found[:3]
        (scan, scan_cpu), (verify, verify_cpu), (check, check_cpu) = (best[k] for k in "abc")
        ratio = verify / scan
        cpu_ratio = verify_cpu / scan_cpu
        judged = cpu_ratio if cpu_known else ratio
        cpu_text = (
            f"; CPU {scan_cpu:.2f} s vs {verify_cpu:.2f} s: (b)/(a) = {cpu_ratio:.2f}×"
            + ("" if backend == "sqlite" else " (client + server backend)")
            if cpu_known
            else "; CPU time of the server unknown"
        )
        _say(
            f"{backend}: (a) raw scan + one SM3 per row {scan:.2f} s; (b) fazhi ledger verify "
            f"(chain, checkpoint, files, records, history) {verify:.2f} s "
            f"({total / verify:,.0f} entries/s): wall (b)/(a) = {ratio:.2f}×{cpu_text} "
            f"(goal ≤ {GOAL:.0f}×: {'met' if judged <= GOAL else 'NOT met'})"
        )
        _say(
            f"{backend}: (c) the record cross-check alone {check:.2f} s = {check / scan:.2f}× (a)"
            + (f", CPU {check_cpu / scan_cpu:.2f}× (a)" if cpu_known else "")
            + f"; peak RSS grew by {grown:,.0f} MiB during it"
        )
    finally:
        cleanup()
    return 0


def _backends() -> list[str]:
    wanted = os.environ.get("FAZHI_BENCH_DATABASES")
    out = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        out.append("postgresql")
    return [b for b in out if not wanted or b in wanted.split(",")]


def run(n: int | None = None) -> list[str]:
    n = n or int(os.environ.get("FAZHI_BENCH_LEDGER_ROWS", DEFAULT_N))
    lines: list[str] = []
    for backend in _backends():
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.ledger_records", "--child", backend, str(n)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            lines.append(f"{backend}: failed: {proc.stderr.strip()[-2000:]}")
            continue
        lines += [ln[len(MARK) :] for ln in proc.stdout.splitlines() if ln.startswith(MARK)]
    return lines


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    for line in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(line)
