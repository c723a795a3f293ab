"""Ledger verification throughput as a fraction of raw hashing throughput.

Builds a chain of entries in memory (as the platform does row by row), verifies it with
:func:`fazhi.kernel.ledger.verify_entries`, then hashes the same number of bytes with hashlib
in 1 MiB chunks. "Bytes hashed" counts what verification feeds the hash function per entry:
the entry encoding (with its 22-byte tag, which sits in the copied state and is compressed
again for every entry), the Merkle leaf input (0x00 || digest) and the interior node inputs
(0x01 || left || right). Goal: verification ≥ 25 % of raw SM3 throughput.

Both sides are timed in CPU seconds of this single-threaded process, interleaved, best of
three, so that other work on a shared machine skews neither; wall times are printed too.

Second part, the ledger as the platform stores it: a child process migrates a fresh database
(a temporary SQLite file, and PostgreSQL in a throwaway database ``fazhi_bench_ledger`` when
``DATABASE_URL`` names one or 127.0.0.1:5432 answers), appends N entries through
:func:`fazhi.core.ledger.services.record_many` (bulk, sealed in order), and measures the real
``fazhi ledger verify`` command on the live database: its wall time and its peak memory (RSS of
that process alone), once at N/10 entries and once at N, so that bounded (streaming) memory
shows as two near-equal figures. Same-run baselines on the same rows: (a) a plain scan that
reads every row with a raw cursor and hashes its columns once (the floor any verifier of stored
rows pays), (b) the kernel verifier over the same entries already held in memory.

Third part, the whole ``fazhi ledger verify`` with the record cross-check against a raw scan
with one SM3 per row: :mod:`benchmarks.ledger_records`. Fourth, concurrent writers:
:mod:`benchmarks.ledger_writers`.

Run: ``python -m benchmarks.bench_ledger [N] [kernel|stored|records|writers]`` (default 1,000,000 entries, both
parts; ``FAZHI_BENCH_LEDGER_ROWS`` sets N under ``make bench``, ``FAZHI_BENCH_DATABASES=sqlite``
limits the databases).
"""

from __future__ import annotations

import gc
import hashlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks import databases, ledger_records, ledger_writers
from fazhi.kernel import ledger
from fazhi.kernel.ledger.chain import _ENTRY_TAG

DEFAULT_N = 1_000_000
GOAL = 0.25
PG_DB = "fazhi_bench_ledger"
MARK = "@@"
ROOT = Path(__file__).resolve().parent.parent
_ACTIONS = (
    "case.open",
    "evidence.add",
    "notice.serve",
    "statement.record",
    "hearing.record",
    "review.pass",
    "decision.issue",
    "document.serve",
    "payment.record",
    "case.close",
)


def build(n: int, algorithm: str) -> list[ledger.Entry]:
    """``n`` entries shaped like the platform's: cases of ~8 steps, 500 officers."""
    chain = ledger.Chain(algorithm)
    entries = []
    append = entries.append
    for i in range(n):
        case = i // 8
        append(
            chain.append(
                f"penalty.case:{case}",
                f"officer:{i % 500}",
                _ACTIONS[i % len(_ACTIONS)],
                f"2024-{1 + case % 12:02d}-{1 + case % 28:02d}T09:{i % 60:02d}:{i % 60:02d}.{i % 1000000:06d}+08:00",
                {
                    "stage": _ACTIONS[i % len(_ACTIONS)],
                    "case": case,
                    "amount": "20000.00",
                    "note": "依法办理",
                },
            )
        )
    return entries


def reseal(entries: list[ledger.Entry], algorithm: str) -> list[ledger.Entry]:
    """The same fields chained again under another algorithm (payload digests reused as text)."""
    out = []
    prev = ledger.GENESIS
    for e in entries:
        d = ledger.entry_digest(
            e.seq, e.subject, e.actor, e.action, e.time, e.payload_digest, prev, algorithm
        )
        out.append(
            ledger.Entry(e.seq, e.subject, e.actor, e.action, e.time, e.payload_digest, prev, d)
        )
        prev = d
    return out


def bytes_hashed(entries: list[ledger.Entry]) -> int:
    """What verification feeds the hash function (see the module docstring)."""
    total = 0
    for e in entries:
        total += len(_ENTRY_TAG) + len(
            ledger.entry_message(
                e.seq, e.subject, e.actor, e.action, e.time, e.payload_digest, e.prev_digest
            )
        )
    n = len(entries)
    return total + n * 33 + max(n - 1, 0) * 65


def _raw(total: int, algorithm: str) -> None:
    chunk = b"\x5a" * (1 << 20)
    h = hashlib.new(algorithm)
    left = total
    while left >= len(chunk):
        h.update(chunk)
        left -= len(chunk)
    h.update(chunk[:left])
    h.digest()


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def floor_seconds_per_entry(
    entries: list[ledger.Entry], algorithm: str, sample: int = 200_000
) -> float:
    """CPU seconds per entry of the three hashlib calls alone (entry, leaf, node) on the same
    message sizes, with no other work: the ceiling hashlib itself puts on verification."""
    part = entries[:sample]
    messages = [
        ledger.entry_message(
            e.seq, e.subject, e.actor, e.action, e.time, e.payload_digest, e.prev_digest
        )
        for e in part
    ]
    digests = [bytes.fromhex(e.digest) for e in part]
    pairs = [d + d for d in digests]
    entry_copy = hashlib.new(algorithm, _ENTRY_TAG).copy
    leaf_copy = hashlib.new(algorithm, b"\x00").copy
    node_copy = hashlib.new(algorithm, b"\x01").copy

    def calls() -> None:
        for message, d, pair in zip(messages, digests, pairs, strict=True):
            h = entry_copy()
            h.update(message)
            h.digest()
            h = leaf_copy()
            h.update(d)
            h.digest()
            h = node_copy()
            h.update(pair)
            h.digest()

    return min(_timed(calls)[0] for _ in range(3)) / len(part)


def measure(entries: list[ledger.Entry], algorithm: str, repeats: int) -> tuple[list[str], float]:
    """Verification and raw hashing, interleaved, best of ``repeats`` each.

    The ratio uses CPU time of this (single-threaded) process, so that other work on a shared
    machine slows neither side; wall time is printed too.
    """
    n = len(entries)
    total = bytes_hashed(entries)
    results: list[ledger.VerifyResult] = []
    verify_cpu = verify_wall = raw_cpu = raw_wall = float("inf")
    for _ in range(repeats):
        cpu, wall = _timed(
            lambda: results.append(ledger.verify_entries(entries, algorithm=algorithm))
        )
        verify_cpu, verify_wall = min(verify_cpu, cpu), min(verify_wall, wall)
        cpu, wall = _timed(lambda: _raw(total, algorithm))
        raw_cpu, raw_wall = min(raw_cpu, cpu), min(raw_wall, wall)
    result = results[-1]
    assert result.ok and result.count == n, result
    mb = total / 1e6
    ratio = raw_cpu / verify_cpu
    lines = [
        f"{algorithm}: verify {n:,} entries: {verify_cpu:.2f} s CPU ({verify_wall:.2f} s wall) = "
        f"{n / verify_cpu:,.0f} entries/s, {verify_cpu / n * 1e6:.2f} µs/entry, "
        f"{mb / verify_cpu:.1f} MB/s hashed ({total / n:.0f} B/entry); root {result.root[:16]}…",
        f"{algorithm}: raw hashlib, same {mb:.0f} MB in 1 MiB chunks: {raw_cpu:.2f} s CPU "
        f"({raw_wall:.2f} s wall) = {mb / raw_cpu:.1f} MB/s",
        f"{algorithm}: verification / raw = {ratio:.1%}",
    ]
    floor = floor_seconds_per_entry(entries, algorithm)
    raw_per_entry = raw_cpu / n
    lines.append(
        f"{algorithm}: the 3 hashlib calls per entry alone: {floor * 1e6:.2f} µs/entry, "
        f"so no Python verifier on hashlib can exceed {raw_per_entry / floor:.1%} here"
    )
    return lines, ratio


def run_kernel(n: int = DEFAULT_N) -> list[str]:
    """Build ``n`` entries, verify them under SM3 (the goal) and SHA-256; the lines to print."""
    lines = []
    started = time.perf_counter()
    entries = build(n, "sm3")
    built = time.perf_counter() - started
    lines.append(
        f"build {n:,} sm3 entries with Chain.append (seal + canonical JSON payload): "
        f"{built:.1f} s wall = {n / built:,.0f} entries/s"
    )
    gc.collect()
    sm3_lines, ratio = measure(entries, "sm3", repeats=3)
    lines += sm3_lines
    lines.append(f"goal ≥ {GOAL:.0%}: {'met' if ratio >= GOAL else 'NOT met'}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    lines.append(f"peak memory (RSS) with {n:,} entries held in memory: {peak_mb:,.0f} MiB")
    started = time.perf_counter()
    resealed = reseal(entries, "sha256")
    del entries
    gc.collect()
    lines.append(f"reseal as sha256 (comparison): {time.perf_counter() - started:.1f} s")
    lines += measure(resealed, "sha256", repeats=1)[0]
    return lines


# ---------------------------------------------------------------- the stored ledger


def run_stored(n: int = DEFAULT_N) -> list[str]:
    """``fazhi ledger verify`` on ``n`` stored entries, per database, each in a child process."""
    lines: list[str] = []
    for backend in _backends():
        lines.append(f"[{backend}] {n:,} stored ledger entries")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_ledger", "--child", backend, str(n)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        got = [line[len(MARK) :] for line in proc.stdout.splitlines() if line.startswith(MARK)]
        lines += [f"  {line}" for line in got]
        if proc.returncode != 0:
            lines.append(f"  FAILED (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return lines


def _backends() -> list[str]:
    found = ["sqlite"] + (["postgresql"] if databases.pg_url(PG_DB) else [])
    wanted = os.environ.get("FAZHI_BENCH_DATABASES")
    return [b for b in found if not wanted or b in wanted.split(",")]


def _say(line: str) -> None:
    print(MARK + line, flush=True)


def _items(start: int, stop: int) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Entries shaped like the platform's (as :func:`build`): cases of ~8 steps."""
    for i in range(start, stop):
        case = i // 8
        action = _ACTIONS[i % len(_ACTIONS)]
        yield (
            f"penalty.case:{case}",
            action,
            {"stage": action, "case": case, "amount": "20000.00", "note": "依法办理"},
        )


def _fill(start: int, stop: int) -> float:
    from fazhi.core.ledger.services import record_many

    started = time.perf_counter()
    chunk = 50_000
    for low in range(start, stop, chunk):
        record_many(_items(low, min(stop, low + chunk)), actor="officer:bench")
    return time.perf_counter() - started


def _verify_command(env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``fazhi ledger verify`` as its own process: (wall seconds, peak RSS MiB, output)."""
    fazhi = Path(sys.executable).with_name("fazhi")
    cmd = [str(fazhi)] if fazhi.exists() else [sys.executable, "-m", "fazhi.cli"]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, "ledger", "verify"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"fazhi ledger verify failed: {out}")
    return wall, usage.ru_maxrss / 1024, out.strip()


def _startup(env: dict[str, str]) -> float:
    """Wall seconds of a ``fazhi`` process that starts Django and does nothing (``check``)."""
    fazhi = Path(sys.executable).with_name("fazhi")
    cmd = [str(fazhi)] if fazhi.exists() else [sys.executable, "-m", "fazhi.cli"]
    started = time.perf_counter()
    subprocess.run([*cmd, "check"], env=env, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def _scan_and_hash() -> float:
    """Baseline (a): read every row with a raw cursor, hash its columns once (SM3)."""
    from django.db import connection

    from fazhi.core.ledger.models import LedgerEntry

    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    cols = "seq, subject, actor, action, time, body, payload_digest, prev_digest, digest"
    started = time.perf_counter()
    new = hashlib.new
    with connection.cursor() as cur:
        cur.execute(f"SELECT {cols} FROM {table} ORDER BY seq")
        while rows := cur.fetchmany(5000):
            for row in rows:
                payload = row[5] if isinstance(row[5], str) else repr(row[5])
                new("sm3", f"{row[0]}{row[1]}{row[2]}{row[3]}{row[4]}{payload}".encode()).digest()
    return time.perf_counter() - started


def _in_memory() -> tuple[float, float]:
    """Baseline (b): the kernel verifier over the same entries held in memory.
    Returns (seconds, MiB of RSS the process grew to hold them)."""
    from fazhi.core.ledger.models import ENTRY_FIELDS, LedgerEntry

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = list(LedgerEntry.objects.order_by("seq").values_list(*ENTRY_FIELDS).iterator(5000))
    entries = [ledger.Entry(*r[:8]) for r in rows]
    payloads = [r[8] for r in rows]
    del rows
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    started = time.perf_counter()
    result = ledger.verify_entries(entries, payloads=payloads, algorithm="sm3")
    seconds = time.perf_counter() - started
    assert result.ok and result.count == len(entries), result
    return seconds, grown


def _child(backend: str, n: int) -> int:
    env, cleanup = databases.fresh(backend, PG_DB)
    try:
        from fazhi.core.ledger import selectors

        tenth = max(1, n // 10)
        seconds = _fill(0, tenth)
        small_wall, small_rss, _ = _verify_command(env)
        seconds += _fill(tenth, n)
        _say(
            f"appended {n:,} entries with record_many: {seconds:.1f} s = "
            f"{n / seconds:,.0f} entries/s"
        )
        wall, rss, out = _verify_command(env)
        _say(f"`fazhi ledger verify` → {out}")
        startup = _startup(env)
        _say(
            f"`fazhi ledger verify` on {n:,} stored entries: {wall:.2f} s wall "
            f"(of which Django start-up ≈ {startup:.2f} s), peak RSS {rss:,.0f} MiB; "
            f"on {tenth:,} entries: {small_wall:.2f} s, peak RSS {small_rss:,.0f} MiB "
            f"(memory ×{rss / small_rss:.2f} for ×{n / tenth:.0f} entries: "
            f"{'bounded' if rss < small_rss * 1.5 else 'GROWS with the ledger'})"
        )
        started = time.perf_counter()
        result = selectors.verify_database()
        inproc = time.perf_counter() - started
        assert result.ok and result.count == n, result
        _say(
            f"verify_database() in process: {inproc:.2f} s = {n / inproc:,.0f} entries/s, "
            f"{inproc / n * 1e6:.1f} µs/entry"
        )
        scan = _scan_and_hash()
        _say(
            f"baseline (a) raw-cursor scan + one SM3 per row: {scan:.2f} s = "
            f"{n / scan:,.0f} rows/s; verify / scan = {inproc / scan:.2f}×"
        )
        mem_seconds, grown = _in_memory()
        _say(
            f"baseline (b) kernel verify_entries (with payloads) over the same entries in "
            f"memory: {mem_seconds:.2f} s; stored / in-memory = {inproc / mem_seconds:.2f}×; "
            f"holding them in memory took {grown:,.0f} MiB more RSS"
        )
    finally:
        cleanup()
    return 0


def run(n: int | None = None) -> list[str]:
    """All parts (``make bench``): the kernel verifier in memory, the stored ledger, and
    concurrent writers on PostgreSQL (:mod:`benchmarks.ledger_writers`)."""
    n = n or int(os.environ.get("FAZHI_BENCH_LEDGER_ROWS", DEFAULT_N))
    return run_kernel(n) + run_stored(n) + ledger_records.run(n) + ledger_writers.run()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], int(sys.argv[3])))
    args = sys.argv[1:]
    size = int(args[0]) if args and args[0].isdigit() else DEFAULT_N
    part = next((a for a in args if a in ("kernel", "stored", "records", "writers")), None)
    chosen = {
        "kernel": run_kernel,
        "stored": run_stored,
        "records": ledger_records.run,
        "writers": lambda _n: ledger_writers.run(),
    }.get(part or "", run)
    for line in chosen(size):
        print(line)
