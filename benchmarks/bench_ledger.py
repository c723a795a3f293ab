"""Ledger verification throughput as a fraction of raw hashing throughput.

Builds a chain of entries in memory (as the platform does row by row), verifies it with
:func:`fazhi.kernel.ledger.verify_entries`, then hashes the same number of bytes with hashlib
in 1 MiB chunks. "Bytes hashed" counts what verification feeds the hash function per entry:
the entry encoding (with its 22-byte tag, which sits in the copied state and is compressed
again for every entry), the Merkle leaf input (0x00 || digest) and the interior node inputs
(0x01 || left || right). Goal: verification ≥ 25 % of raw SM3 throughput.

Both sides are timed in CPU seconds of this single-threaded process, interleaved, best of
three, so that other work on a shared machine skews neither; wall times are printed too.

Run: ``python -m benchmarks.bench_ledger [N]`` (default 1,000,000 entries).
"""

from __future__ import annotations

import gc
import hashlib
import resource
import sys
import time
from collections.abc import Callable

from fazhi.kernel import ledger
from fazhi.kernel.ledger.chain import _ENTRY_TAG

DEFAULT_N = 1_000_000
GOAL = 0.25
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


def run(n: int = DEFAULT_N) -> list[str]:
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


if __name__ == "__main__":
    for line in run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_N):
        print(line)
