"""Signed checkpoints: the ledger's head, sealed with a key the database does not hold.

The hash chain and the Merkle root prove that entries were not changed *relative to each
other*; whoever can write the database could still rewrite the whole chain and re-seal it
(no key is needed to compute SM3), or cut its tail. A checkpoint closes that gap: it states
"the first ``size`` entries have Merkle root ``root`` and head ``head``", is authenticated with
HMAC-SM3 under a key kept in the deployment's secret store (never in the database), and is
filed outside the database. Each checkpoint names the digest of the one before it, so the
checkpoints themselves form a chain: removing or replacing one is visible too.

Checkpoint text (version ``fazhi-ledger/checkpoint/v1``) is canonical JSON of the fields below
plus ``"encoding"``; the signature is ``HMAC(key, body)`` over that text without the
``signature`` field, and the checkpoint's own digest (what the next one names as
``previous``) is the digest of the full text including the signature.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from .hashing import DEFAULT_ALGORITHM, GENESIS, LedgerError, canonical_json, check_algorithm
from .hashing import digest as hash_digest

CHECKPOINT_ENCODING = "fazhi-ledger/checkpoint/v1"
MIN_KEY_BYTES = 16


class CheckpointError(LedgerError):
    """A checkpoint could not be read, or its key is unusable; ``args[0]`` is Chinese."""


@dataclass(frozen=True)
class Checkpoint:
    """The ledger's state at ``size`` entries, signed under ``key_id``."""

    size: int  # entries covered: 1..size
    root: str  # Merkle root (hex) of entries 1..size
    head: str  # digest of entry ``size``; GENESIS when size is 0
    time: str  # ISO 8601 with offset: when the checkpoint was issued
    previous: str  # digest of the previous checkpoint's text; GENESIS for the first
    key_id: str  # which key signed it (the key itself is never written anywhere)
    algorithm: str = DEFAULT_ALGORITHM
    signature: str = ""

    def body(self) -> bytes:
        """The signed bytes: canonical JSON of every field but the signature."""
        fields = asdict(self)
        del fields["signature"]
        fields["encoding"] = CHECKPOINT_ENCODING
        return canonical_json(fields)

    def text(self) -> str:
        """The checkpoint as filed (one canonical JSON object, signature included)."""
        fields = asdict(self)
        fields["encoding"] = CHECKPOINT_ENCODING
        return canonical_json(fields).decode("utf-8")

    def digest(self) -> str:
        """What the next checkpoint names as ``previous``."""
        return hash_digest(self.text().encode("utf-8"), self.algorithm)


def _check_key(key: bytes) -> bytes:
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        raise CheckpointError(
            f"检查点密钥至少应为{MIN_KEY_BYTES}字节 / the checkpoint key must be at least "
            f"{MIN_KEY_BYTES} bytes"
        )
    return key


def _mac(key: bytes, body: bytes, algorithm: str) -> str:
    return hmac.new(_check_key(key), body, check_algorithm(algorithm)).hexdigest()


def sign(
    *,
    size: int,
    root: str,
    head: str,
    previous: str,
    key: bytes,
    key_id: str,
    time: str | dt.datetime | None = None,
    algorithm: str = DEFAULT_ALGORITHM,
) -> Checkpoint:
    """Issue the checkpoint for ``size`` entries with ``root`` and ``head``."""
    if size < 0:
        raise CheckpointError("检查点的记录数不能为负 / size must not be negative")
    if isinstance(time, dt.datetime):
        time = time.isoformat()
    when = time or dt.datetime.now(dt.UTC).isoformat()
    unsigned = Checkpoint(size, root, head, when, previous, key_id, algorithm)
    return replace(unsigned, signature=_mac(key, unsigned.body(), algorithm))


def signature_ok(checkpoint: Checkpoint, key: bytes) -> bool:
    """Whether ``checkpoint`` was signed with ``key`` (constant-time comparison)."""
    expected = _mac(key, checkpoint.body(), checkpoint.algorithm)
    return hmac.compare_digest(expected, checkpoint.signature)


def parse(text: str | bytes) -> Checkpoint:
    """Read a filed checkpoint; refuses text that is not one."""
    try:
        fields = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CheckpointError(f"检查点不是有效的 JSON / not a checkpoint: {exc}") from exc
    if not isinstance(fields, dict) or fields.pop("encoding", None) != CHECKPOINT_ENCODING:
        raise CheckpointError("检查点格式版本不符 / not a fazhi-ledger/checkpoint/v1 text")
    try:
        checkpoint = Checkpoint(**fields)
    except TypeError as exc:
        raise CheckpointError(f"检查点字段不符 / unexpected checkpoint fields: {exc}") from exc
    if not isinstance(checkpoint.size, int) or checkpoint.size < 0:
        raise CheckpointError("检查点的记录数无效 / invalid checkpoint size")
    return checkpoint


def chain_problems(checkpoints: Iterable[Checkpoint], key: bytes) -> list[str]:
    """Chinese sentences for everything wrong with a series of checkpoints, oldest first:
    a bad signature, a broken ``previous`` link (one removed or replaced), a size that shrinks
    (the ledger was cut between two checkpoints). Empty when the series is sound."""
    problems: list[str] = []
    previous = GENESIS
    last_size = 0
    for n, checkpoint in enumerate(checkpoints, start=1):
        where = f"第{n}个检查点（{checkpoint.size}条，{checkpoint.time}）"
        if not signature_ok(checkpoint, key):
            problems.append(f"{where}的签名无效：检查点被伪造或改动，或密钥不符")
        if checkpoint.previous != previous:
            problems.append(f"{where}与前一个检查点不相连：有检查点被删除、替换或插入")
        if checkpoint.size < last_size:
            problems.append(
                f"{where}的记录数少于前一个检查点（{last_size}条）：账本在两个检查点之间被截断"
            )
        previous = checkpoint.digest()
        last_size = checkpoint.size
    return problems
