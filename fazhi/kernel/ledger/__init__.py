"""The tamper-evident ledger: a hash chain of entries summarised by a Merkle root.

行政处罚法 第四十七条 requires the whole process of enforcement to be recorded and archived;
this package makes that record provably untouched. It is storage-agnostic plain Python: the
platform stores one row per :class:`Entry` and streams rows back for verification.

- :mod:`.hashing`: SM3 (default, 国密) or SHA-256 digests, streamed file digests, canonical JSON.
- :mod:`.chain`: :func:`seal`, :class:`Chain`, :class:`VerifyResult` (every problem found).
- :mod:`.verify`: :func:`verify_entries`, which reports every problem and snapshots roots.
- :mod:`.rows`: :func:`verify_rows`, the same check on database rows as a cursor returns them.
- :mod:`.checkpoint`: signed checkpoints of the head, against truncation and re-sealing.
- :mod:`.merkle`: RFC 9162 trees, inclusion and consistency proofs, a streaming root.
- :mod:`.bundle`: :func:`export_bundle` and the standalone :func:`verify_bundle`.
- :mod:`.record`: :func:`export_record_bundle`, one record's entries with inclusion proofs
  against a signed :mod:`.checkpoint`.
"""

from .bundle import BundleError, ExportError, export_bundle, file_references, verify_bundle
from .chain import (
    ENTRY_ENCODING,
    Chain,
    Entry,
    LedgerProblem,
    Mark,
    VerifyResult,
    entry_digest,
    entry_message,
    seal,
    verify_entries,
)
from .hashing import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    GENESIS,
    LedgerError,
    canonical_json,
    digest,
    file_digest,
    payload_digest,
)
from .merkle import (
    MerkleTree,
    PackedTree,
    empty_root,
    leaf_hash,
    merkle_root,
    node_hash,
    verify_consistency,
    verify_inclusion,
)
from .problems import PROBLEMS
from .record import ProofError, RecordExport, export_record_bundle
from .rows import verify_rows

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "ENTRY_ENCODING",
    "GENESIS",
    "PROBLEMS",
    "BundleError",
    "Chain",
    "Entry",
    "ExportError",
    "LedgerError",
    "LedgerProblem",
    "Mark",
    "MerkleTree",
    "PackedTree",
    "ProofError",
    "RecordExport",
    "VerifyResult",
    "canonical_json",
    "digest",
    "empty_root",
    "entry_digest",
    "entry_message",
    "export_bundle",
    "export_record_bundle",
    "file_digest",
    "file_references",
    "leaf_hash",
    "merkle_root",
    "node_hash",
    "payload_digest",
    "seal",
    "verify_bundle",
    "verify_consistency",
    "verify_entries",
    "verify_inclusion",
    "verify_rows",
]
