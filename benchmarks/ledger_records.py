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

Run: ``python -m benchmarks.ledger_records [N]`` (default 1,000,000 entries;
``FAZHI_BENCH_LEDGER_ROWS`` under ``make bench``; ``FAZHI_BENCH_DATABASES=sqlite`` limits the
databases).
"""

from __future__ import annotations

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
        scans, verifies, checks = [], [], []
        grown = 0.0
        for _ in range(3):  # interleaved, best of three
            scans.append(_raw_scan())
            started = time.perf_counter()
            report = verification.verify_all()
            verifies.append(time.perf_counter() - started)
            assert report.ok, report.problems[:3]
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            found = crosscheck.problems()
            checks.append(time.perf_counter() - started)
            grown = max(grown, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
            assert found == [], found[:3]
        scan, verify, check = min(scans), min(verifies), min(checks)
        ratio = verify / scan
        _say(
            f"{backend}: (a) raw scan + one SM3 per row {scan:.2f} s; (b) fazhi ledger verify "
            f"(chain, checkpoint, files, records, history) {verify:.2f} s "
            f"({total / verify:,.0f} entries/s): (b)/(a) = {ratio:.2f}× "
            f"(goal ≤ {GOAL:.0f}×: {'met' if ratio <= GOAL else 'NOT met'})"
        )
        _say(
            f"{backend}: (c) the record cross-check alone {check:.2f} s = {check / scan:.2f}× (a); "
            f"peak RSS grew by {grown:,.0f} MiB during it"
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
