"""Verifying a stream of entries, reporting every problem rather than the first.

The hot loop (:func:`verify_stream`) checks entries that follow each other as they should at
the cost of the hashing alone. The first entry that does not leaves it for the slow path,
which names the problem and re-synchronises on what the stream itself says, so that one
tampering reports one problem rather than a cascade:

- an entry whose content no longer matches its digest (``altered``): the next entry is
  checked against the stored digest, which it still names;
- an entry whose digest was recomputed after an edit: the next entry's link breaks
  (``link``) and the check continues from that entry's own digest;
- a gap in the sequence numbers (``removed``/``removed_range``): the check continues at the
  entry found, trusting its own previous-digest;
- an entry out of place (``reordered``): it is held back and checked when its turn comes;
- a sequence number seen again (``duplicate``): the copy is skipped.

The Merkle root is computed over the stored entry digests in sequence order, so it can be
compared with a signed checkpoint (:mod:`.checkpoint`) for any size asked for in ``marks``:
the root is snapshotted when the pass reaches that size, in the same single pass.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any

from .chain import (
    _ENTRY_TAG,
    _HEADER,
    LedgerProblem,
    Mark,
    VerifyResult,
    describe_problem,
    entry_digest,
    entry_message,
    failed,
    passed,
)
from .hashing import (
    DEFAULT_ALGORITHM,
    GENESIS,
    LedgerError,
    _base,
    _canonical,
    check_algorithm,
    is_digest,
)
from .merkle import _CHUNK, LEAF_PREFIX, RootAccumulator

_LOOKAHEAD = 100_000  # entries read past a sequence gap to tell "removed" from "reordered"
_FIELDS = attrgetter(
    "seq", "subject", "actor", "action", "time", "payload_digest", "prev_digest", "digest"
)
_ENTRY_ERRORS = (AttributeError, TypeError, struct.error, UnicodeError)

# A problem found by a pre-check of the stream (payloads, files, line syntax) before the entry
# reached the chain check: (code, first_bad or None for "the next entry", sentence values).
Problem = tuple[str, int | None, dict[str, Any]]


def verify_entries(
    entries: Iterable[Any],
    *,
    algorithm: str = DEFAULT_ALGORITHM,
    payloads: Iterable[Mapping[str, Any] | str] | None = None,
    expected_root: str | None = None,
    expected_count: int | None = None,
    marks: Iterable[int] = (),
    ordered: bool = False,
) -> VerifyResult:
    """Verify entries streamed in sequence order, starting at entry 1.

    Checks sequence continuity from 1, each previous-digest link (entry 1 links to GENESIS),
    each entry digest and, when ``payloads`` are given in the same order, each payload digest;
    computes the Merkle root of the entry digests and compares it and the count with the
    expected values when given. Memory stays O(log n). Every problem is reported
    (``problems``); the result's other fields describe the first. ``marks`` asks for the root
    and head at those sizes (see :class:`Mark`). ``ordered`` says the source yields entries
    sorted by seq (a database ``ORDER BY seq``), so a gap is a removal without reading ahead.
    """
    check_algorithm(algorithm)
    items: Iterator[Any] = iter(entries)
    found: list[tuple[LedgerProblem, int, str | None]] = []
    if payloads is not None:
        items = _payload_checked(items, iter(payloads), algorithm, found)
    result = verify_stream(items, algorithm, marks=marks, ordered=ordered)
    if found:
        result = _merge(result, found)
    if not result.ok:
        return result
    return check_expectations(result, expected_count=expected_count, expected_root=expected_root)


def problem_result(problem: Problem, chain: VerifyResult) -> VerifyResult:
    """Turn a pre-check problem into a result, with the chain state just before it."""
    code, first_bad, values = problem
    return failed(
        code,
        first_bad=chain.count + 1 if first_bad is None else first_bad,
        count=chain.count,
        head=chain.head,
        **values,
    )


def check_expectations(
    result: VerifyResult, *, expected_count: int | None, expected_root: str | None
) -> VerifyResult:
    """Compare an intact chain's count and root with values held elsewhere."""
    count = result.count
    if expected_count is not None and count < expected_count:
        return failed(
            "truncated",
            first_bad=count + 1,
            count=count,
            head=result.head,
            expected=expected_count,
        )
    if expected_count is not None and count > expected_count:
        return failed(
            "extra",
            first_bad=expected_count + 1,
            count=count,
            head=result.head,
            expected=expected_count,
        )
    if expected_root is not None and expected_root.lower() != result.root:
        return failed(
            "root_mismatch",
            first_bad=None,
            count=count,
            head=result.head,
            expected=expected_root,
            actual=result.root,
        )
    return result


def _payload_checked(
    items: Iterator[Any],
    payloads: Iterator[Mapping[str, Any] | str],
    algorithm: str,
    found: list[tuple[LedgerProblem, int, str | None]],
    before: Any = None,
) -> Iterator[Any]:
    """Yield every entry, recording each whose payload does not match its payload digest
    (with the count and head just before it) and a payload list of the wrong length. Per
    entry this is one canonical encoding and one digest; the rest happens on a problem.
    ``before`` is the entry before the first one (its ``digest`` is read), if any."""
    missing = object()
    base = _base(algorithm, b"").copy
    encode = _canonical
    entry: Any = None
    for entry in items:
        payload = next(payloads, missing)
        if payload is missing:
            found.append(_pre_problem("payload_missing", entry, before))
            yield entry
            yield from items
            return
        try:
            h = base()
            # A payload given as text is the stored canonical JSON itself: hash it as it is.
            h.update(payload.encode("utf-8") if isinstance(payload, str) else encode(payload))
            if h.hexdigest() != entry.payload_digest:
                found.append(_pre_problem("payload_altered", entry, before))
        except (LedgerError, AttributeError) as exc:
            found.append(_pre_problem("malformed", entry, before, detail=str(exc)))
        before = entry
        yield entry
    if next(payloads, missing) is not missing:
        seq = _seq(entry)
        after = (seq or 0) + 1
        head = getattr(entry, "digest", None)
        found.append((describe_problem("payload_extra", first_bad=after), after - 1, head))


def _seq(entry: Any) -> int | None:
    seq = getattr(entry, "seq", None)
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else None


def _pre_problem(
    code: str, entry: Any, before: Any, **values: Any
) -> tuple[LedgerProblem, int, str | None]:
    seq = _seq(entry)
    head = getattr(before, "digest", None) if before is not None else None
    return describe_problem(code, first_bad=seq, **values), (seq or 1) - 1, head


def _merge(
    result: VerifyResult, found: list[tuple[LedgerProblem, int, str | None]]
) -> VerifyResult:
    """Add pre-check problems to a chain result; the first problem by entry describes it."""
    chain = [(p, result.count, result.head) for p in result.problems]
    return _result(chain + found, result.marks, result.last_seq or 0)


def _order(item: tuple[LedgerProblem, int, str | None]) -> int:
    first_bad = item[0].first_bad
    return first_bad if first_bad is not None else 1 << 64


def _result(
    found: list[tuple[LedgerProblem, int, str | None]], marks: tuple[Mark, ...], last_seq: int
) -> VerifyResult:
    found = sorted(found, key=_order)  # stable: the order of detection within an entry
    first, count, head = found[0]
    return VerifyResult(
        ok=False,
        count=count,
        root=None,
        head=head,
        first_bad=first.first_bad,
        reason=first.reason,
        problem=first.problem,
        reason_en=first.reason_en,
        bad_file=first.bad_file,
        problems=tuple(p for p, _, _ in found),
        marks=marks,
        last_seq=last_seq,
    )


def verify_stream(
    items: Iterable[Any],
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    marks: Iterable[int] = (),
    ordered: bool = False,
) -> VerifyResult:
    """The chain check without payloads or expectations: the hot loop.

    Per entry this costs three hash finalisations (entry, Merkle leaf, and on average one
    Merkle node) and little else: fields are read as plain attributes (specialised by the
    interpreter), an all-ASCII entry is encoded with one f-string and one ``encode`` (its
    byte lengths are then its character lengths), prepared hash objects are copied rather
    than created, the Merkle leaves are reduced in aligned chunks, and the one per-entry
    bookkeeping test (``expect == stop``) covers both the chunk boundaries and the marks.
    Anything unexpected leaves the loop for :class:`_Scan`, which reports it and resumes.
    """
    scan = _Scan(algorithm, marks, lookahead=0 if ordered else _LOOKAHEAD)
    expect, prev = resume(scan, iter(items), 1, GENESIS)
    return scan.finish(expect, prev)


def resume(scan: _Scan, it: Iterator[Any], expect: int, prev: str | None) -> tuple[int, str | None]:
    """The loop of :func:`verify_stream` from entry ``expect`` linking to ``prev``, with the
    pass's state in ``scan``: returns the next expected seq and head at the end of ``it``."""
    ecopy = _base(scan.algorithm, _ENTRY_TAG).copy
    lcopy = _base(scan.algorithm, LEAF_PREFIX).copy
    header = _HEADER.pack
    push_leaf = scan.chunk.append
    boundary = scan.boundary
    stop = scan.next_stop(expect)
    entry: Any = None
    while True:
        bad: Any = _END
        error: Exception | None = None
        try:
            for entry in it:
                pv = entry.prev_digest
                if entry.seq != expect or pv != prev:
                    bad = entry
                    break
                subject = entry.subject
                actor = entry.actor
                action = entry.action
                time = entry.time
                pd = entry.payload_digest
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
                prev = d.hex()
                if prev != entry.digest:
                    prev = pv
                    bad = entry
                    break
                h = lcopy()
                h.update(d)
                push_leaf(h.digest())
                if expect == stop:
                    stop = boundary(expect, prev)
                expect += 1
        except _ENTRY_ERRORS as exc:
            bad, error = entry, exc
        if bad is _END:
            break
        expect, prev, it = scan.slow(bad, error, expect, prev, it)
        stop = scan.next_stop(expect)
    return expect, prev


_END = object()


class _Scan:
    """The state of a pass beside the hot loop's locals: the Merkle accumulator and its
    pending chunk, the marks to snapshot, the problems found and entries held back."""

    def __init__(self, algorithm: str, marks: Iterable[int], lookahead: int) -> None:
        self.algorithm = algorithm
        self.lookahead = lookahead  # entries read past a gap (0: the source is sorted)
        self.acc = RootAccumulator(algorithm)
        self.chunk: list[bytes] = []
        self.lcopy = _base(algorithm, LEAF_PREFIX).copy
        wanted = set()
        for m in marks:
            if isinstance(m, bool) or not isinstance(m, int) or m < 0:
                raise LedgerError(f"比对点必须是非负整数：{m!r} / marks must be sizes")
            wanted.add(m)
        self.marks = sorted(wanted)
        self.mark_index = 0
        self.snapshots: list[Mark] = []
        self.found: list[tuple[LedgerProblem, int, str | None]] = []
        self.held: dict[int, Any] = {}  # entries met before their turn, by seq
        self.waiting_for: int | None = None  # the seq a reported reordering waits for
        self.take_marks(0, GENESIS)

    # ---------------------------------------------------------------- bookkeeping

    def next_stop(self, nxt: int) -> int:
        """The seq after which the hot loop must call :meth:`boundary`, when it resumes at
        entry ``nxt``: the next chunk boundary or the next mark, whichever comes first."""
        leaves = self.acc.count + len(self.chunk)
        stop = nxt + _CHUNK - leaves % _CHUNK - 1
        if self.mark_index < len(self.marks):
            stop = min(stop, self.marks[self.mark_index])
        return stop

    def boundary(self, seq: int, head: str) -> int:
        """Called by the hot loop after entry ``seq``: flush a full chunk, snapshot a mark."""
        if not (self.acc.count + len(self.chunk)) % _CHUNK:
            self.flush()
        self.take_marks(seq, head)
        return self.next_stop(seq + 1)

    def flush(self) -> None:
        chunk = self.chunk
        if len(chunk) == _CHUNK and not self.acc.count % _CHUNK:
            self.acc.push_chunk(chunk)
        else:
            for leaf in chunk:
                self.acc.push(leaf)
        chunk.clear()

    def take_marks(self, seq: int, head: str | None) -> None:
        """Snapshot every mark up to ``seq`` (a mark skipped by a gap has no root)."""
        marks = self.marks
        while self.mark_index < len(marks) and marks[self.mark_index] <= seq:
            size = marks[self.mark_index]
            if size == seq:
                acc = self.acc.copy()
                for leaf in self.chunk:
                    acc.push(leaf)
                self.snapshots.append(Mark(size, acc.root().hex(), head))
            else:
                self.snapshots.append(Mark(size, None, None))
            self.mark_index += 1

    def report(
        self, code: str, first_bad: int | None, expect: int, prev: str | None, **values: Any
    ) -> None:
        values.setdefault("count", expect - 1)
        problem = describe_problem(code, first_bad=first_bad, **values)
        self.found.append((problem, expect - 1, prev if expect > 1 else None))

    # ---------------------------------------------------------------- the slow path

    def slow(
        self, entry: Any, error: Exception | None, expect: int, prev: str | None, it: Iterator[Any]
    ) -> tuple[int, str | None, Iterator[Any]]:
        """Report what is wrong with ``entry``, found where entry ``expect`` should be, and
        return where to resume: the next expected seq, the digest it must link to (None:
        trust its own) and the iterator (with any entries read ahead put back in front)."""
        self.flush()
        expect, prev = self.release(expect, prev)
        if error is not None:
            detail = f"字段缺失或类型错误（{type(error).__name__}）"
            expect = self.malformed(expect, prev, detail, f"missing or mistyped field ({error})")
            return expect, None, it
        seq = getattr(entry, "seq", None)
        if isinstance(seq, bool) or not isinstance(seq, int):
            detail = f"序号“{seq!r}”不是整数"
            expect = self.malformed(expect, prev, detail, f"seq {seq!r} is not an integer")
            return expect, None, it
        if seq < expect or seq in self.held:  # numbers below expect were all seen already
            self.report("duplicate", seq, expect, prev, position=expect)
            return expect, prev, it
        if seq > expect:
            if self.waiting_for == expect:  # part of a reordering already reported
                self.held[seq] = entry
                return expect, prev, it
            ahead = list(itertools.islice(it, self.lookahead))
            it = itertools.chain(ahead, it)
            if any(getattr(item, "seq", None) == expect for item in ahead):
                self.report("reordered", expect, expect, prev, found=seq)
                self.held[seq] = entry
                self.waiting_for = expect
                return expect, prev, it
            code = "removed" if seq == expect + 1 else "removed_range"
            self.report(code, expect, expect, prev, found=seq, last=seq - 1)
            expect, prev = seq, None
        expect, prev = self.check(entry, expect, prev)
        return expect, prev, it

    def malformed(self, expect: int, prev: str | None, detail: str, detail_en: str) -> int:
        """Report the entry at ``expect`` as unreadable; it is taken to hold that place."""
        self.report("malformed", expect, expect, prev, detail=detail, detail_en=detail_en)
        self.take_marks(expect, None)
        return expect + 1

    def check(self, entry: Any, expect: int, prev: str | None) -> tuple[int, str | None]:
        """Check entry ``expect`` (its seq is right) fully; return the next seq and head."""
        try:
            seq, subject, actor, action, time, pd, pv, dg = _FIELDS(entry)
            recomputed = entry_digest(seq, subject, actor, action, time, pd, pv, self.algorithm)
        except _ENTRY_ERRORS as exc:
            detail = f"字段类型错误（{type(exc).__name__}）"
            return self.malformed(expect, prev, detail, str(exc)), None
        if recomputed != dg:
            self.report("altered", seq, expect, prev)
        elif prev is not None and pv != prev:
            self.report("link", seq, expect, prev)
        head = dg if is_digest(dg) else None
        if head is not None:  # the stored digest is the leaf, as a checkpoint signed it
            h = self.lcopy()
            h.update(bytes.fromhex(head))
            self.acc.push(h.digest())
        self.take_marks(seq, head)
        return seq + 1, head

    def release(self, expect: int, prev: str | None) -> tuple[int, str | None]:
        """Check the held-back entries whose turn has come."""
        while expect in self.held:
            expect, prev = self.check(self.held.pop(expect), expect, prev)
        if not self.held:
            self.waiting_for = None
        return expect, prev

    def finish(self, expect: int, prev: str | None) -> VerifyResult:
        self.flush()
        expect, prev = self.release(expect, prev)
        while self.held:  # what a reordering was waiting for never came
            seq = min(self.held)
            code = "removed" if seq == expect + 1 else "removed_range"
            self.report(code, expect, expect, prev, found=seq, last=seq - 1)
            expect, prev = self.check(self.held.pop(seq), seq, None)
            expect, prev = self.release(expect, prev)
        marks = tuple(self.snapshots)
        if not self.found:
            return passed(
                expect - 1, self.acc.root().hex(), prev if expect > 1 else None, marks=marks
            )
        return _result(self.found, marks, expect - 1)
