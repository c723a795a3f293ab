"""Digests and the canonical form of payloads, shared by the chain, the Merkle tree and bundles.

SM3 (GB/T 32905-2016, the national hash standard, 国密) is the default because government
systems are expected to use national cryptography; SHA-256 is selectable for interoperability.
Both come from hashlib (OpenSSL), so the kernel needs no third-party package.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import json
import os
import re
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import IO, Any

DEFAULT_ALGORITHM = "sm3"
ALGORITHMS: tuple[str, ...] = ("sm3", "sha256")
DIGEST_SIZE = 32  # bytes; both algorithms give 256-bit digests, so GENESIS fits both
GENESIS = "0" * (2 * DIGEST_SIZE)  # the previous digest of entry 1
_DIGEST_RE = re.compile(r"[0-9a-f]{64}")
_FILE_CHUNK = 1 << 20


class LedgerError(ValueError):
    """A ledger operation was refused; ``args[0]`` is a Chinese message."""


def check_algorithm(algorithm: str) -> str:
    """Return ``algorithm`` if the ledger supports it and this OpenSSL provides it."""
    if algorithm not in ALGORITHMS:
        raise LedgerError(
            f"不支持的摘要算法“{algorithm}”，可选 {'、'.join(ALGORITHMS)} / "
            f"unsupported digest algorithm {algorithm!r}"
        )
    _base(algorithm, b"")
    return algorithm


@functools.cache
def _base(algorithm: str, prefix: bytes) -> Any:
    """A hash object that has absorbed ``prefix``; callers must only ever ``copy()`` it.

    Copying a prepared object is several times cheaper than ``hashlib.new("sm3")``, which
    looks the algorithm up in OpenSSL on every call; verification of long ledgers depends on it.
    """
    try:
        base = hashlib.new(algorithm)
    except ValueError as exc:  # an OpenSSL build without SM3
        raise LedgerError(
            f"本机 OpenSSL 不提供 {algorithm} 算法 / OpenSSL here does not provide {algorithm}"
        ) from exc
    if base.digest_size != DIGEST_SIZE:
        raise LedgerError(f"摘要算法 {algorithm} 的长度不是256位 / {algorithm} is not 256-bit")
    base.update(prefix)
    return base


def digest(data: bytes, algorithm: str = DEFAULT_ALGORITHM) -> str:
    """Hex digest of ``data``."""
    h = _base(algorithm, b"").copy()
    h.update(data)
    return h.hexdigest()


def file_digest(
    source: str | os.PathLike[str] | IO[bytes], algorithm: str = DEFAULT_ALGORITHM
) -> str:
    """Hex digest of a file's content, read in 1 MiB chunks so evidence of any size fits.

    ``source`` is a path or a binary file object (read from its current position).
    Evidence files are stored under this digest (content addressing).
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            return _stream_digest(stream, algorithm)
    return _stream_digest(source, algorithm)


def _stream_digest(stream: IO[bytes], algorithm: str) -> str:
    h = _base(algorithm, b"").copy()
    buffer = bytearray(_FILE_CHUNK)
    view = memoryview(buffer)
    readinto = getattr(stream, "readinto", None)
    if readinto is None:
        for chunk in iter(lambda: stream.read(_FILE_CHUNK), b""):
            h.update(chunk)
        return h.hexdigest()
    while True:
        n = readinto(buffer)
        if not n:
            return h.hexdigest()
        h.update(view[:n])


def is_digest(value: object) -> bool:
    """True when ``value`` is a 64-character lowercase hex digest (safe to use as a file name)."""
    return isinstance(value, str) and _DIGEST_RE.fullmatch(value) is not None


def _json_default(value: Any) -> Any:
    """Render the non-JSON types a payload may hold; anything ambiguous is refused."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise LedgerError("载荷中的时间必须带时区 / payload datetimes must be timezone-aware")
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise LedgerError("载荷中的数值不能是 NaN 或无穷大 / payload numbers must be finite")
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return dict(value)
    raise LedgerError(
        f"载荷中含有无法规范化的类型 {type(value).__name__} / "
        f"payload value of type {type(value).__name__} has no canonical form"
    )


def canonical_json(payload: Mapping[str, Any]) -> bytes:
    """The one byte form of a payload that its digest covers.

    Keys sorted, no whitespace, UTF-8 without escaping, datetimes (timezone-aware), dates and
    Decimals rendered as ISO/decimal strings, NaN and infinities refused. Floats are written as
    Python's shortest round-trip repr; store money as Decimal or str, never float. Non-string
    keys become their JSON text; a mapping mixing key types is refused (sorting fails), so two
    keys can never collapse into one.
    """
    if not isinstance(payload, dict | Mapping):
        raise LedgerError("载荷必须是映射（dict） / payload must be a mapping")
    return _canonical(payload)


_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    sort_keys=True,
    separators=(",", ":"),
    allow_nan=False,
    default=_json_default,
)


def _canonical(payload: Any) -> bytes:
    """``canonical_json`` without the type check (the encoder is built once: it is hot)."""
    try:
        text = _ENCODER.encode(payload)
    except LedgerError:
        raise
    except (ValueError, TypeError) as exc:
        raise LedgerError(f"载荷无法规范化：{exc} / payload has no canonical form") from exc
    return text.encode("utf-8")


def payload_digest(payload: Mapping[str, Any], algorithm: str = DEFAULT_ALGORITHM) -> str:
    """Hex digest of the canonical JSON of ``payload``."""
    return digest(canonical_json(payload), algorithm)
