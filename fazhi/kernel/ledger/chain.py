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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .hashing import (
    DEFAULT_ALGORITHM,
    GENESIS,
    LedgerError,
    _base,
    canonical_json,
    check_algorithm,
    digest,
    is_digest,
)
from .problems import OK_REASON, OK_REASON_EN, describe

ENTRY_ENCODING = "fazhi-ledger/entry/v1"
_ENTRY_TAG = ENTRY_ENCODING.encode("ascii") + b"\x00"
_HEADER = struct.Struct(">Q6I")


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


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    """One thing wrong with a ledger: a code from :data:`problems.PROBLEMS`, the entry it
    concerns (None when it concerns the whole ledger), the Chinese and English sentences."""

    problem: str
    first_bad: int | None
    reason: str
    reason_en: str = ""
    bad_file: str | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """The ledger as found at ``size`` entries, snapshotted during a verification pass so it
    can be compared with a signed checkpoint: the Merkle root over the stored digests of entries
    1..size and the digest of entry ``size`` (GENESIS at size 0). ``root`` and ``head`` are None
    when entry ``size`` itself is not in the ledger (it was removed)."""

    size: int
    root: str | None
    head: str | None


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a verification.

    When ``ok``: ``count`` entries, their Merkle ``root`` and the ``head`` digest (hex).
    Otherwise ``problems`` lists everything found, in entry order, and the remaining fields
    describe the first of them: ``first_bad`` is the sequence number of the first bad entry
    (None when the problem concerns the whole ledger, e.g. a root mismatch), ``problem`` a code
    from :data:`problems.PROBLEMS`, ``reason`` the Chinese sentence and ``reason_en`` the
    English one; ``count`` and ``head`` then describe the entries that verified before the
    first problem and ``root`` is None. ``bad_file`` names an evidence file's digest when one
    is at fault. ``marks`` holds the snapshots asked for (see :class:`Mark`) and ``last_seq``
    the highest sequence number the pass reached (None when not computed).

    A record bundle (:mod:`.record`) is checked entry by entry against a signed checkpoint:
    ``root``/``head`` are then the checkpoint's; ``notes`` says what could not be checked (the
    checkpoint's signature without its key) and ``signature`` is ``"ok"``, ``"bad"`` or
    ``"unchecked"``.
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
    problems: tuple[LedgerProblem, ...] = ()
    marks: tuple[Mark, ...] = ()
    last_seq: int | None = None
    notes: tuple[str, ...] = ()
    signature: str | None = None


def passed(
    count: int, root: str, head: str | None, *, marks: tuple[Mark, ...] = ()
) -> VerifyResult:
    """A successful result."""
    return VerifyResult(
        ok=True,
        count=count,
        root=root,
        head=head,
        first_bad=None,
        reason=OK_REASON.format(count=count, root=root),
        reason_en=OK_REASON_EN.format(count=count, root=root),
        marks=marks,
        last_seq=count,
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
    found = LedgerProblem(problem, first_bad, zh, en, bad_file)
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
        problems=(found,),
    )


def describe_problem(
    problem: str, *, first_bad: int | None, bad_file: str | None = None, **values: Any
) -> LedgerProblem:
    """A :class:`LedgerProblem` whose sentences come from the problem table."""
    if first_bad is not None:
        values.setdefault("seq", first_bad)
    if bad_file is not None:
        values.setdefault("file", bad_file)
    zh, en = describe(problem, **values)
    return LedgerProblem(problem, first_bad, zh, en, bad_file)


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


# Verification lives in .verify; these names stay importable from here.
from .verify import (  # noqa: E402
    Problem,
    check_expectations,
    problem_result,
    verify_entries,
    verify_stream,
)

__all__ = [
    "ENTRY_ENCODING",
    "Chain",
    "Entry",
    "LedgerProblem",
    "Mark",
    "Problem",
    "VerifyResult",
    "check_expectations",
    "describe_problem",
    "entry_digest",
    "entry_message",
    "failed",
    "passed",
    "problem_result",
    "seal",
    "verify_entries",
    "verify_stream",
]
