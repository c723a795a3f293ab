"""The hash chain: sealing entries and verifying a stream of them.

行政处罚法 第四十七条 requires the whole process of a penalty (启动、调查取证、审核、决定、送达、
执行) to be recorded and archived; 国办发〔2018〕118号 三 asks for records that are 「全过程留痕
和可回溯」. Each entry's digest covers its fields and the previous entry's digest, so altering,
removing, reordering or inserting any entry breaks the chain at a place we can name, and the
Merkle root over the entry digests summarises the whole ledger in one value that can be
published or handed to an auditor.

Entry digest encoding (version ``fazhi-ledger/entry/v1``), unambiguous because every variable
field is length-prefixed::

    H( b"fazhi-ledger/entry/v1\\x00"
       || u64be(seq)
       || u32be(len(subject)) || u32be(len(actor)) || u32be(len(action)) || u32be(len(time))
       || u32be(len(payload_digest)) || u32be(len(prev_digest))
       || subject || actor || action || time || payload_digest || prev_digest )

where every text field is its UTF-8 bytes (lengths in bytes) and the two digests are their
64-character lowercase hex as ASCII. ``payload_digest = H(canonical_json(payload))``.
Storage is not our concern: verification takes any iterable of objects with the Entry
attributes (dataclasses, model instances), streamed in sequence order.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from .hashing import (
    DEFAULT_ALGORITHM,
    GENESIS,
    LedgerError,
    _base,
    _canonical,
    canonical_json,
    check_algorithm,
    digest,
    is_digest,
)
from .merkle import _CHUNK, LEAF_PREFIX, RootAccumulator
from .problems import OK_REASON, OK_REASON_EN, describe

ENTRY_ENCODING = "fazhi-ledger/entry/v1"
_ENTRY_TAG = ENTRY_ENCODING.encode("ascii") + b"\x00"
_HEADER = struct.Struct(">Q6I")
_LOOKAHEAD = 100_000  # entries read past a sequence gap to tell "removed" from "reordered"
_FIELDS = attrgetter(
    "seq", "subject", "actor", "action", "time", "payload_digest", "prev_digest", "digest"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One sealed ledger entry; ``digest`` chains it to the entry before it."""

    seq: int
    subject: str
    actor: str
    action: str
    time: str  # ISO 8601 with a UTC offset
    payload_digest: str
    prev_digest: str
    digest: str


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a verification.

    When ``ok``: ``count`` entries, their Merkle ``root`` and the ``head`` digest (hex).
    Otherwise ``first_bad`` is the sequence number of the first bad entry (None when the
    problem concerns the whole ledger, e.g. a root mismatch), ``problem`` a code from
    :data:`problems.PROBLEMS`, ``reason`` the Chinese sentence and ``reason_en`` the English
    one; ``count`` and ``head`` then describe the entries that verified before the problem
    and ``root`` is None. ``bad_file`` names an evidence file's digest when one is at fault.

    A record bundle (:mod:`.record`) is checked entry by entry against a signed checkpoint, so
    its verification goes on past the first problem: ``problems`` then lists every one found
    as (Chinese, English) sentences, ``reason`` being the first; ``root``/``head`` are the
    checkpoint's; ``notes`` says what could not be checked (the checkpoint's signature
    without its key) and ``signature`` is ``"ok"``, ``"bad"`` or ``"unchecked"``.
    """

    ok: bool
    count: int
    root: str | None
    head: str | None
    first_bad: int | None
    reason: str
    problem: str | None = None
    reason_en: str = ""
    bad_file: str | None = None
    problems: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    signature: str | None = None


def passed(count: int, root: str, head: str | None) -> VerifyResult:
    """A successful result."""
    return VerifyResult(
        ok=True,
        count=count,
        root=root,
        head=head,
        first_bad=None,
        reason=OK_REASON.format(count=count, root=root),
        reason_en=OK_REASON_EN.format(count=count, root=root),
    )


def failed(
    problem: str,
    *,
    first_bad: int | None,
    count: int,
    head: str | None,
    bad_file: str | None = None,
    **values: Any,
) -> VerifyResult:
    """A failed result whose sentences come from the problem table."""
    values.setdefault("count", count)
    if first_bad is not None:
        values.setdefault("seq", first_bad)
    if bad_file is not None:
        values.setdefault("file", bad_file)
    zh, en = describe(problem, **values)
    return VerifyResult(
        ok=False,
        count=count,
        root=None,
        head=head,
        first_bad=first_bad,
        reason=zh,
        problem=problem,
        reason_en=en,
        bad_file=bad_file,
    )


def entry_message(
    seq: int,
    subject: str,
    actor: str,
    action: str,
    time: str,
    payload_digest: str,
    prev_digest: str,
) -> bytes:
    """The bytes an entry digest covers, after the encoding tag (see the module docstring)."""
    fields = [
        f.encode("utf-8") for f in (subject, actor, action, time, payload_digest, prev_digest)
    ]
    return _HEADER.pack(seq, *map(len, fields)) + b"".join(fields)


def entry_digest(
    seq: int,
    subject: str,
    actor: str,
    action: str,
    time: str,
    payload_digest: str,
    prev_digest: str,
    algorithm: str = DEFAULT_ALGORITHM,
) -> str:
    """Hex digest of an entry over the length-prefixed encoding of its fields."""
    h = _base(algorithm, _ENTRY_TAG).copy()
    h.update(entry_message(seq, subject, actor, action, time, payload_digest, prev_digest))
    return h.hexdigest()


def _normalise_time(time: str | dt.datetime) -> str:
    """ISO 8601 text with a UTC offset; naive times are refused (their instant is unknown)."""
    if isinstance(time, dt.datetime):
        if time.tzinfo is None or time.utcoffset() is None:
            raise LedgerError("记录时间必须带时区 / entry time must be timezone-aware")
        return time.isoformat()
    if not isinstance(time, str):
        raise LedgerError("记录时间必须是 ISO 8601 文本 / entry time must be ISO 8601 text")
    try:
        parsed = dt.datetime.fromisoformat(time)
    except ValueError as exc:
        raise LedgerError(
            f"记录时间“{time}”不是 ISO 8601 格式 / entry time {time!r} is not ISO 8601"
        ) from exc
    if parsed.tzinfo is None:
        raise LedgerError(
            f"记录时间“{time}”缺少时区（如 +08:00） / entry time {time!r} lacks a UTC offset"
        )
    return time


def seal(
    seq: int,
    subject: str,
    actor: str,
    action: str,
    time: str | dt.datetime,
    payload: Mapping[str, Any],
    prev_digest: str,
    algorithm: str = DEFAULT_ALGORITHM,
) -> Entry:
    """Make the entry ``seq`` that follows the entry whose digest is ``prev_digest``.

    Computes the payload digest over :func:`canonical_json` and the entry digest; the caller
    stores the Entry fields and the payload exactly as digested.
    """
    check_algorithm(algorithm)
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq < 1 << 64:
        raise LedgerError(f"序号必须是正整数：{seq!r} / seq must be a positive integer")
    for name, value in (("subject", subject), ("actor", actor), ("action", action)):
        if not isinstance(value, str):
            raise LedgerError(f"{name} 必须是文本 / {name} must be a string")
    if not is_digest(prev_digest):
        raise LedgerError(
            "前序摘要必须是64位小写十六进制 / prev_digest must be 64 lowercase hex digits"
        )
    time = _normalise_time(time)
    pd = digest(canonical_json(payload), algorithm)
    return Entry(
        seq,
        subject,
        actor,
        action,
        time,
        pd,
        prev_digest,
        entry_digest(seq, subject, actor, action, time, pd, prev_digest, algorithm),
    )


class Chain:
    """An in-memory appender that remembers the head (sequence number and digest).

    Resume a stored ledger with ``Chain(algorithm, head_seq, head_digest)``. Appends must be
    serialised by the caller (the platform locks the head row).
    """

    def __init__(
        self, algorithm: str = DEFAULT_ALGORITHM, head_seq: int = 0, head_digest: str = GENESIS
    ) -> None:
        self.algorithm = check_algorithm(algorithm)
        if head_seq < 0 or (head_seq == 0 and head_digest != GENESIS):
            raise LedgerError("空账本的链头必须是创世值 / an empty chain's head must be GENESIS")
        if not is_digest(head_digest):
            raise LedgerError("链头摘要格式错误 / head digest must be 64 lowercase hex digits")
        self.head_seq = head_seq
        self.head_digest = head_digest

    def append(
        self,
        subject: str,
        actor: str,
        action: str,
        time: str | dt.datetime,
        payload: Mapping[str, Any],
    ) -> Entry:
        """Seal the next entry and move the head to it."""
        entry = seal(
            self.head_seq + 1,
            subject,
            actor,
            action,
            time,
            payload,
            self.head_digest,
            self.algorithm,
        )
        self.head_seq = entry.seq
        self.head_digest = entry.digest
        return entry


def verify_entries(
    entries: Iterable[Any],
    *,
    algorithm: str = DEFAULT_ALGORITHM,
    payloads: Iterable[Mapping[str, Any] | str] | None = None,
    expected_root: str | None = None,
    expected_count: int | None = None,
) -> VerifyResult:
    """Verify entries streamed in sequence order, starting at entry 1.

    Checks sequence continuity from 1, each previous-digest link (entry 1 links to GENESIS),
    each entry digest and, when ``payloads`` are given in the same order, each payload digest;
    computes the Merkle root of the entry digests and compares it and the count with the
    expected values when given. Memory stays O(log n). The first problem is reported.
    """
    check_algorithm(algorithm)
    items: Iterator[Any] = iter(entries)
    problems: list[Problem] = []
    if payloads is not None:
        items = _payload_checked(items, iter(payloads), algorithm, problems)
    result = verify_stream(items, algorithm)
    if not result.ok:
        return result
    if problems:
        return problem_result(problems[0], result)
    return check_expectations(result, expected_count=expected_count, expected_root=expected_root)


# A problem found by a pre-check of the stream (payloads, files, line syntax) before the entry
# reached the chain check: (code, first_bad or None for "the next entry", sentence values).
Problem = tuple[str, int | None, dict[str, Any]]


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
    problems: list[Problem],
) -> Iterator[Any]:
    """Yield entries whose payload digest matches; on the first mismatch record it and stop."""
    missing = object()
    for entry in items:
        payload = next(payloads, missing)
        seq = getattr(entry, "seq", None)
        seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
        if payload is missing:
            problems.append(("payload_missing", seq, {}))
            return
        try:
            # A payload given as text is the stored canonical JSON itself: hash it as it is.
            data = payload.encode("utf-8") if isinstance(payload, str) else _canonical(payload)
            ok = digest(data, algorithm) == entry.payload_digest
        except (LedgerError, AttributeError) as exc:
            problems.append(("malformed", seq, {"detail": str(exc)}))
            return
        if not ok:
            problems.append(("payload_altered", seq, {}))
            return
        yield entry
    if next(payloads, missing) is not missing:
        problems.append(("payload_extra", None, {}))


def verify_stream(items: Iterable[Any], algorithm: str = DEFAULT_ALGORITHM) -> VerifyResult:
    """The chain check without payloads or expectations: the hot loop.

    Per entry this costs three hash finalisations (entry, Merkle leaf, and on average one
    Merkle node) and little else: fields are read as plain attributes (specialised by the
    interpreter), an all-ASCII entry is encoded with one f-string and one ``encode`` (its
    byte lengths are then its character lengths), prepared hash objects are copied rather
    than created, and the Merkle leaves are reduced in aligned chunks.
    """
    items = iter(items)
    ecopy = _base(algorithm, _ENTRY_TAG).copy
    lcopy = _base(algorithm, LEAF_PREFIX).copy
    header = _HEADER.pack
    acc = RootAccumulator(algorithm)
    chunk: list[bytes] = []
    push_leaf = chunk.append
    chunk_mask = _CHUNK - 1
    expect = 1
    prev = GENESIS
    bad: Any = None
    entry: Any = None
    try:
        for entry in items:
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
                    header(expect, len(subject), len(actor), len(action), len(time), len(pd), 64)
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
            if not expect & chunk_mask:
                acc.push_chunk(chunk)
                chunk.clear()
            expect += 1
    except (AttributeError, TypeError, struct.error, UnicodeError) as exc:
        return failed(
            "malformed",
            first_bad=expect,
            count=expect - 1,
            head=_head(expect, prev),
            detail=f"字段缺失或类型错误（{type(exc).__name__}）",
            detail_en=f"missing or mistyped field ({exc})",
        )
    if bad is not None:
        return _diagnose(bad, expect, prev, items, algorithm)
    for value in chunk:
        acc.push(value)
    return passed(expect - 1, acc.root().hex(), _head(expect, prev))


def _head(expect: int, prev: str) -> str | None:
    return prev if expect > 1 else None


def _diagnose(
    entry: Any, expect: int, prev: str, items: Iterator[Any], algorithm: str
) -> VerifyResult:
    """Name what is wrong with the entry found where entry ``expect`` should be."""
    seq, subject, actor, action, time, pd, pv, dg = _FIELDS(entry)
    count, head = expect - 1, _head(expect, prev)
    if isinstance(seq, bool) or not isinstance(seq, int):
        return failed(
            "malformed",
            first_bad=expect,
            count=count,
            head=head,
            detail=f"序号“{seq!r}”不是整数",
            detail_en=f"seq {seq!r} is not an integer",
        )
    if seq < expect:  # numbers below expect were all seen already
        return failed("duplicate", first_bad=seq, count=count, head=head, position=expect)
    if seq > expect:
        for scanned, item in enumerate(items):
            if scanned >= _LOOKAHEAD:
                break
            if getattr(item, "seq", None) == expect:
                return failed("reordered", first_bad=expect, count=count, head=head, found=seq)
        code = "removed" if seq == expect + 1 else "removed_range"
        return failed(code, first_bad=expect, count=count, head=head, found=seq, last=seq - 1)
    if pv != prev:
        return failed("link", first_bad=seq, count=count, head=head)
    try:
        recomputed = entry_digest(seq, subject, actor, action, time, pd, pv, algorithm)
    except (AttributeError, TypeError, struct.error, UnicodeError) as exc:
        return failed(
            "malformed",
            first_bad=seq,
            count=count,
            head=head,
            detail=f"字段类型错误（{type(exc).__name__}）",
            detail_en=str(exc),
        )
    if recomputed != dg:
        return failed("altered", first_bad=seq, count=count, head=head)
    raise AssertionError("diagnose called on a sound entry")  # pragma: no cover
