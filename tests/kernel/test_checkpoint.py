"""Signed checkpoints: a head sealed with a key the database does not hold."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fazhi.kernel.ledger import GENESIS
from fazhi.kernel.ledger import checkpoint as cp

KEY = b"k" * 32


def _series(sizes: list[int]) -> list[cp.Checkpoint]:
    out: list[cp.Checkpoint] = []
    previous = GENESIS
    for n in sizes:
        c = cp.sign(
            size=n,
            root="a" * 64,
            head="b" * 64,
            previous=previous,
            key=KEY,
            key_id="k1",
            time="2026-12-07T10:00:00+08:00",
        )
        out.append(c)
        previous = c.digest()
    return out


def test_a_filed_checkpoint_reads_back_and_its_signature_checks():
    c = _series([3])[0]
    again = cp.parse(c.text())
    assert again == c
    assert cp.signature_ok(again, KEY)
    assert not cp.signature_ok(again, b"z" * 32)


def test_a_checkpoint_changed_after_signing_fails_its_signature():
    c = _series([3])[0]
    assert not cp.signature_ok(replace(c, size=2), KEY)
    assert not cp.signature_ok(replace(c, root="c" * 64), KEY)


def test_the_series_names_a_removed_checkpoint_and_a_shrunken_ledger():
    a, b, c = _series([3, 5, 9])
    assert cp.chain_problems([a, b, c], KEY) == []
    missing = cp.chain_problems([a, c], KEY)
    assert len(missing) == 1 and "不相连" in missing[0]
    shrunk = cp.sign(
        size=4, root="a" * 64, head="b" * 64, previous=b.digest(), key=KEY, key_id="k1"
    )
    assert any("截断" in p for p in cp.chain_problems([a, b, shrunk], KEY))


def test_a_short_key_and_a_foreign_text_are_refused():
    with pytest.raises(cp.CheckpointError):
        cp.sign(size=1, root="a" * 64, head="b" * 64, previous=GENESIS, key=b"short", key_id="x")
    with pytest.raises(cp.CheckpointError):
        cp.parse('{"size": 1}')
