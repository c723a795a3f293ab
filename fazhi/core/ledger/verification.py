"""Everything ``fazhi ledger verify`` checks on the live system, as one list of problems.

First the ledger pass (:func:`checkpoints.verify_ledger`: chain links, digests, payloads and
sequence continuity, compared with every signed checkpoint in the same pass), then each
source in :data:`SOURCES` in turn. A source is a callable returning Chinese sentences, one per
problem (empty when sound): stored files, the record cross-check, and what other layers
add with :func:`register_source` (workflow history rows). Every problem of every source is reported: nothing stops at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import checkpoints, crosscheck, selectors

ProblemSource = Callable[[], Iterable[str]]


def file_problems() -> list[str]:
    """Stored files whose content no longer matches their digest, or that are missing."""
    return [
        f"存证文件 {stored.digest}（{stored.name}）：{why}"
        for stored, why in selectors.verify_files()
    ]


# (what it checks, the check). The ledger pass runs before these.
SOURCES: list[tuple[str, ProblemSource]] = [
    ("存证文件", file_problems),
    ("业务记录", crosscheck.messages),
]


def register_source(label: str, source: ProblemSource) -> None:
    """Add a check of another layer (e.g. workflow history rows), once."""
    if all(existing is not source for _, existing in SOURCES):
        SOURCES.append((label, source))


@dataclass
class Report:
    """The ledger pass (``ledger.result`` has count, root, head) and every problem found."""

    ledger: checkpoints.LedgerReport
    problems: list[str]
    notices: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_all(sources: Iterable[tuple[str, ProblemSource]] | None = None) -> Report:
    """Run the ledger pass and every problem source; collect every problem.

    The ledger pass also gathers each tracked record's latest sealed state digest from the
    rows it reads (:func:`crosscheck.gather`), and the record cross-check is handed them:
    the ledger is read once, not once for the chain and again for the records."""
    latest: dict[str, tuple[int, str]] = {}
    ledger = checkpoints.verify_ledger(each_chunk=crosscheck.gather(latest))
    problems = list(ledger.problems)
    for _label, source in SOURCES if sources is None else sources:
        problems.extend(crosscheck.messages(latest) if source is crosscheck.messages else source())
    return Report(ledger, problems, list(ledger.notices))
