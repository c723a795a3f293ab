"""Verification reports every problem, one per tampering, and snapshots roots for checkpoints."""

from __future__ import annotations

import dataclasses

import pytest

from fazhi.kernel import ledger
from fazhi.kernel.ledger import GENESIS, Chain, Entry, MerkleTree, entry_digest, verify_entries
from tests.kernel.test_ledger import make_ledger


def _edit(entries: list[Entry], index: int, **changes: object) -> list[Entry]:
    out = list(entries)
    out[index] = dataclasses.replace(entries[index], **changes)
    return out


def _codes(result: ledger.VerifyResult) -> list[tuple[str, int | None]]:
    return [(p.problem, p.first_bad) for p in result.problems]


def test_two_altered_entries_are_both_reported_and_nothing_else() -> None:
    entries, _, _ = make_ledger(12)
    tampered = _edit(_edit(entries, 2, actor="officer:x"), 8, action="penalty.undone")
    result = verify_entries(tampered)
    assert not result.ok
    assert _codes(result) == [("altered", 3), ("altered", 9)]
    # the first problem still fills the fields callers read
    assert (result.first_bad, result.problem, result.count) == (3, "altered", 2)
    assert result.head == entries[1].digest and result.root is None
    assert result.problems[1].reason == "第9条记录的内容与其摘要不符：该记录被篡改"


def test_a_resealed_entry_breaks_one_link_and_a_later_removal_is_reported_too() -> None:
    entries, _, _ = make_ledger(10)
    e = entries[2]
    forged = entry_digest(
        e.seq, e.subject, "officer:forger", e.action, e.time, e.payload_digest, e.prev_digest
    )
    tampered = _edit(entries, 2, actor="officer:forger", digest=forged)
    tampered = tampered[:6] + tampered[7:]
    result = verify_entries(tampered)
    assert _codes(result) == [("link", 4), ("removed", 7)]
    assert result.last_seq == 10


def test_payload_and_chain_problems_are_merged_in_entry_order() -> None:
    entries, payloads, _ = make_ledger(8)
    payloads[5] = {**payloads[5], "amount": "1.00"}
    result = verify_entries(_edit(entries, 1, actor="x"), payloads=payloads)
    assert _codes(result) == [("altered", 2), ("payload_altered", 6)]
    payloads_short = payloads[:4]
    result = verify_entries(entries, payloads=payloads_short)
    assert ("payload_missing", 5) in _codes(result)


@pytest.mark.parametrize(
    ("shuffle", "expected"),
    [
        (lambda es: es[:3] + [es[4], es[3]] + es[5:], [("reordered", 4)]),
        (lambda es: es[:3] + es[5:7] + es[3:5] + es[7:], [("reordered", 4)]),
        (lambda es: es[:3] + [dataclasses.replace(es[2], actor="f")] + es[3:], [("duplicate", 3)]),
        (lambda es: es[:2] + es[5:], [("removed_range", 3)]),
        (lambda es: es[:7], []),
    ],
    ids=["swap", "block-moved", "duplicate", "removed-range", "tail-cut-alone-is-invisible"],
)
def test_one_tampering_reports_one_problem(shuffle, expected) -> None:
    entries, _, _ = make_ledger(10)
    assert _codes(verify_entries(shuffle(entries))) == expected


def test_a_reordering_still_yields_the_root_in_sequence_order() -> None:
    entries, _, _ = make_ledger(10)
    result = verify_entries(entries[:3] + [entries[4], entries[3]] + entries[5:], marks=[10])
    assert result.marks[0].root == verify_entries(entries).root


def test_marks_snapshot_the_root_and_head_at_each_size_in_one_pass() -> None:
    chain = Chain()
    entries = [
        chain.append(f"case:{i}", "o", "step", "2024-01-01T00:00:00+08:00", {}) for i in range(2100)
    ]
    tree = MerkleTree([bytes.fromhex(e.digest) for e in entries])
    sizes = [0, 1, 5, 1023, 1024, 1025, 2048, 2100, 5000]
    result = verify_entries(entries, marks=sizes)
    assert result.ok and result.count == 2100
    got = {m.size: (m.root, m.head) for m in result.marks}
    assert set(got) == set(sizes) - {5000}  # a size the ledger never reached has no snapshot
    for size in sizes[:-1]:
        head = entries[size - 1].digest if size else GENESIS
        assert got[size] == (tree.root(size).hex(), head), size


def test_marks_after_problems_cover_the_stored_digests() -> None:
    # An entry whose content was edited keeps its stored digest: the root a checkpoint signed
    # still matches (the chain check names the edit); a removed entry changes it.
    entries, _, _ = make_ledger(2100 // 100)
    intact = verify_entries(entries, marks=[5, 15, 21])
    edited = verify_entries(_edit(entries, 2, actor="x"), marks=[5, 15, 21])
    assert _codes(edited) == [("altered", 3)]
    assert edited.marks == intact.marks
    cut = verify_entries(entries[:9] + entries[10:], marks=[5, 10, 15])
    roots = {m.size: m.root for m in cut.marks}
    assert roots[5] == intact.marks[0].root
    assert roots[10] is None and roots[15] != intact.marks[1].root


def test_a_whole_chain_resealed_after_an_edit_is_consistent_but_its_roots_differ() -> None:
    entries, _, _ = make_ledger(12)
    chain = Chain()
    resealed = [
        chain.append(e.subject, "forger" if e.seq == 4 else e.actor, e.action, e.time, {})
        for e in entries
    ]
    original = verify_entries(entries, marks=[3, 12])
    again = verify_entries(resealed, marks=[3, 12])
    assert again.ok and again.problems == ()
    assert again.marks[1].root != original.marks[1].root


def test_a_sorted_source_reports_gaps_without_reading_ahead() -> None:
    # A database streams ORDER BY seq: a gap can only be a removal, so nothing is read ahead
    # (and memory stays bounded). Given an unsorted stream anyway, the swap shows as such.
    entries, _, _ = make_ledger(10)
    removed = verify_entries(entries[:3] + entries[4:], ordered=True)
    assert _codes(removed) == [("removed", 4)] and removed.last_seq == 10
    swapped = entries[:3] + [entries[4], entries[3]] + entries[5:]
    assert _codes(verify_entries(swapped, ordered=True)) == [("removed", 4), ("duplicate", 4)]


def test_payloads_given_as_stored_canonical_text_are_hashed_as_they_are() -> None:
    entries, payloads, _ = make_ledger(6)
    texts = [ledger.canonical_json(p).decode("utf-8") for p in payloads]
    assert verify_entries(entries, payloads=texts).ok
    texts[4] = texts[4].replace("20000.00", "2000.00")
    assert _codes(verify_entries(entries, payloads=texts)) == [("payload_altered", 5)]
