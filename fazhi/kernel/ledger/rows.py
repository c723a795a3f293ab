"""Verifying the stored ledger read as database rows, in chunks, in sequence order.

:func:`verify_rows` checks what :func:`.verify.verify_entries` checks with payloads given as
their stored text (every payload digest, every entry digest and link, sequence continuity,
the Merkle root and the roots at ``marks``) on rows exactly as a database cursor returns them,
``(seq, subject, actor, action, time, payload_digest, prev_digest, digest, body)``, without
building an entry object per row or splitting the stream in two: one loop does the payload
digest, the entry digest and the Merkle leaf of each row.

That loop only recognises rows that are as they should be. At the first row that is not (a
payload or entry digest that differs, a broken link, a gap, a field of the wrong type) the
rest of the stream, that row included, goes through :func:`.verify.verify_entries`'s own
machinery from the state reached (the same problems, named the same way, every one reported),
so this module adds speed and nothing to what is checked or how a problem is described.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .chain import _ENTRY_TAG, _HEADER, Entry, LedgerProblem, VerifyResult, entry_message
from .hashing import DEFAULT_ALGORITHM, GENESIS, _base, check_algorithm
from .merkle import LEAF_PREFIX
from .verify import _merge, _payload_checked, _Scan, resume

Row = Sequence[Any]
# Anything a malformed row can raise in the loop below: the row is then re-read by the general
# path, which names the problem (or raises as verify_entries would).
_ROW_ERRORS = (AttributeError, TypeError, ValueError, struct.error, UnicodeError)


class _Before:
    """The entry before the first one handed to the general path: only its digest is read."""

    __slots__ = ("digest",)

    def __init__(self, digest: str) -> None:
        self.digest = digest


def verify_rows(
    chunks: Iterable[Sequence[Row]],
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    marks: Iterable[int] = (),
) -> VerifyResult:
    """Verify the stored ledger given as chunks of rows sorted by seq, starting at entry 1
    (see the module docstring for a row's columns). The result is the one
    ``verify_entries(entries, payloads=bodies, marks=marks, ordered=True)`` gives."""
    check_algorithm(algorithm)
    scan = _Scan(algorithm, marks, lookahead=0)
    pcopy = _base(algorithm, b"").copy
    ecopy = _base(algorithm, _ENTRY_TAG).copy
    lcopy = _base(algorithm, LEAF_PREFIX).copy
    header = _HEADER.pack
    push_leaf = scan.chunk.append
    boundary = scan.boundary
    expect = 1
    prev = GENESIS
    stop = scan.next_stop(1)
    source = iter(chunks)
    for rows in source:
        it = iter(rows)
        row: Any = None
        try:
            for row in it:
                seq, subject, actor, action, time, pd, pv, dg, body = row
                if seq != expect or pv != prev:
                    break
                h = pcopy()
                h.update(body.encode())
                if h.hexdigest() != pd:
                    break
                text = f"{subject}{actor}{action}{time}{pd}{pv}"
                h = ecopy()
                if text.isascii():  # byte lengths are character lengths
                    h.update(
                        header(
                            expect, len(subject), len(actor), len(action), len(time), len(pd), 64
                        )
                        + text.encode()
                    )
                else:
                    h.update(entry_message(expect, subject, actor, action, time, pd, pv))
                d = h.digest()
                hx = d.hex()
                if hx != dg:
                    break
                prev = hx
                h = lcopy()
                h.update(d)
                push_leaf(h.digest())
                if expect == stop:
                    stop = boundary(expect, prev)
                expect += 1
            else:
                continue
        except _ROW_ERRORS:
            pass
        # ``row`` is not a plain next entry: the general path takes over from it
        rest = itertools.chain((row,), it, itertools.chain.from_iterable(source))
        return _general(scan, rest, expect, prev)
    return scan.finish(expect, prev)


def _general(scan: _Scan, rows: Iterator[Row], expect: int, prev: str) -> VerifyResult:
    """The rest of the pass through the general machinery, from entry ``expect``."""
    a, b = itertools.tee(rows)
    found: list[tuple[LedgerProblem, int, str | None]] = []
    before = _Before(prev) if expect > 1 else None
    entries = _payload_checked(
        (Entry(*r[:8]) for r in a), (r[8] for r in b), scan.algorithm, found, before
    )
    expect, head = resume(scan, entries, expect, prev)
    result = scan.finish(expect, head)
    return _merge(result, found) if found else result
