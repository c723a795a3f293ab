"""RFC 6962 / RFC 9162 Merkle trees: roots, inclusion and consistency proofs.

An auditor who holds one root must be able to check, with any RFC 9162 implementation, that an
entry is in the ledger and that a later ledger only appended to an earlier one.
"""

from __future__ import annotations

import hashlib

import pytest

from fazhi.kernel.ledger import (
    MerkleTree,
    empty_root,
    merkle_root,
    verify_consistency,
    verify_inclusion,
)

ALGORITHMS = ("sm3", "sha256")
MAX_SIZE = 40

# Certificate Transparency's reference leaves and roots for sizes 0..8 (SHA-256), as published
# with RFC 6962 implementations (transparency-dev/merkle testonly data).
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = {
    0: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    5: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}


def rfc_root(leaves: list[bytes], algorithm: str) -> bytes:
    """MTH straight from RFC 9162 §2.1.1, written independently of the implementation."""

    def h(data: bytes) -> bytes:
        return hashlib.new(algorithm, data).digest()

    def mth(d: list[bytes]) -> bytes:
        n = len(d)
        if n == 0:
            return h(b"")
        if n == 1:
            return h(b"\x00" + d[0])
        k = 1
        while k * 2 < n:
            k *= 2
        return h(b"\x01" + mth(d[:k]) + mth(d[k:]))

    return mth(leaves)


def leaves_of(n: int) -> list[bytes]:
    # Leaves are entry digests in the ledger; any bytes will do for the tree itself.
    return [hashlib.sha256(f"entry {i}".encode()).digest() for i in range(n)]


def flipped(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


def test_certificate_transparency_reference_roots() -> None:
    tree = MerkleTree(CT_LEAVES, algorithm="sha256")
    for size, expected in enumerate(CT_ROOTS):
        assert tree.root(size).hex() == expected
        assert merkle_root(CT_LEAVES[:size], "sha256").hex() == expected


def test_certificate_transparency_reference_proofs() -> None:
    tree = MerkleTree(CT_LEAVES, algorithm="sha256")
    for index, expected in CT_INCLUSION.items():
        assert [p.hex() for p in tree.inclusion_proof(index)] == expected
    # PROOF(2, D[8]) = [MTH(D[2:4]), MTH(D[4:8])] by RFC 9162 §2.1.4.1
    assert [p.hex() for p in tree.consistency_proof(2)] == CT_INCLUSION[0][1:]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_roots_match_the_rfc_definition(algorithm: str) -> None:
    leaves = leaves_of(MAX_SIZE)
    tree = MerkleTree(leaves, algorithm=algorithm)
    for size in range(MAX_SIZE + 1):
        expected = rfc_root(leaves[:size], algorithm)
        assert tree.root(size) == expected
        assert MerkleTree(leaves[:size], algorithm=algorithm).root() == expected
        assert merkle_root(iter(leaves[:size]), algorithm) == expected


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_streaming_root_across_chunk_boundaries(algorithm: str) -> None:
    # The streaming root reduces aligned chunks of 1024 leaves; sizes around the boundaries
    # must still give the RFC root.
    leaves = leaves_of(2 * 1024 + 3)
    for size in (1023, 1024, 1025, 2048, 2051):
        assert merkle_root(leaves[:size], algorithm) == rfc_root(leaves[:size], algorithm)


def test_empty_tree_root_is_the_hash_of_nothing() -> None:
    assert empty_root("sm3") == hashlib.new("sm3", b"").digest()
    assert MerkleTree(algorithm="sm3").root() == empty_root("sm3")
    assert merkle_root([], "sha256").hex() == CT_ROOTS[0]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_inclusion_proof_verifies(algorithm: str) -> None:
    leaves = leaves_of(MAX_SIZE)
    tree = MerkleTree(leaves, algorithm=algorithm)
    for size in range(1, MAX_SIZE + 1):
        root = tree.root(size)
        for index in range(size):
            proof = tree.inclusion_proof(index, size)
            assert verify_inclusion(leaves[index], index, size, proof, root, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_tampered_inclusion_proofs_fail(algorithm: str) -> None:
    leaves = leaves_of(MAX_SIZE)
    tree = MerkleTree(leaves, algorithm=algorithm)
    for size in range(1, MAX_SIZE + 1):
        root = tree.root(size)
        for index in range(size):
            proof = tree.inclusion_proof(index, size)
            leaf = leaves[index]
            assert not verify_inclusion(flipped(leaf), index, size, proof, root, algorithm)
            assert not verify_inclusion(leaf, index, size, proof, flipped(root), algorithm)
            for i in range(len(proof)):
                bad = [*proof[:i], flipped(proof[i]), *proof[i + 1 :]]
                assert not verify_inclusion(leaf, index, size, bad, root, algorithm)
            if size > 1:
                other = (index + 1) % size
                assert not verify_inclusion(leaf, other, size, proof, root, algorithm)
                assert not verify_inclusion(leaf, index, size, proof[:-1], root, algorithm)
            assert not verify_inclusion(leaf, index, size, [*proof, root], root, algorithm)
            assert not verify_inclusion(leaf, size, size, proof, root, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_consistency_proof_verifies(algorithm: str) -> None:
    tree = MerkleTree(leaves_of(MAX_SIZE), algorithm=algorithm)
    roots = [tree.root(size) for size in range(MAX_SIZE + 1)]
    for new in range(1, MAX_SIZE + 1):
        for old in range(0, new + 1):
            proof = tree.consistency_proof(old, new)
            assert verify_consistency(old, new, roots[old], roots[new], proof, algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_tampered_consistency_proofs_fail(algorithm: str) -> None:
    tree = MerkleTree(leaves_of(MAX_SIZE), algorithm=algorithm)
    roots = [tree.root(size) for size in range(MAX_SIZE + 1)]
    for new in range(2, MAX_SIZE + 1):
        for old in range(1, new):
            proof = tree.consistency_proof(old, new)
            args = (old, new, roots[old], roots[new])
            assert not verify_consistency(
                old, new, flipped(roots[old]), roots[new], proof, algorithm
            )
            assert not verify_consistency(
                old, new, roots[old], flipped(roots[new]), proof, algorithm
            )
            for i in range(len(proof)):
                bad = [*proof[:i], flipped(proof[i]), *proof[i + 1 :]]
                assert not verify_consistency(*args, bad, algorithm)
            assert not verify_consistency(*args, proof[:-1], algorithm)
            assert not verify_consistency(*args, [], algorithm)
            # a rewritten history: the old root of a different tree of the same size
            other = MerkleTree(leaves_of(old + 1)[1:], algorithm=algorithm).root()
            assert not verify_consistency(old, new, other, roots[new], proof, algorithm)


def test_equal_and_empty_sizes() -> None:
    tree = MerkleTree(leaves_of(5))
    root = tree.root()
    assert tree.consistency_proof(5) == []
    assert verify_consistency(5, 5, root, root, [])
    assert not verify_consistency(5, 5, root, flipped(root), [])
    assert verify_consistency(0, 5, empty_root(), root, [])
    assert not verify_consistency(6, 5, root, root, [])


def test_appending_keeps_historical_roots() -> None:
    leaves = leaves_of(17)
    tree = MerkleTree(algorithm="sm3")
    roots = []
    for leaf in leaves:
        assert tree.append(leaf) == len(roots)
        roots.append(tree.root())
    assert tree.size == 17
    assert [tree.root(size) for size in range(1, 18)] == roots


def test_out_of_range_requests_are_refused() -> None:
    tree = MerkleTree(leaves_of(3))
    with pytest.raises(ValueError):
        tree.inclusion_proof(3)
    with pytest.raises(ValueError):
        tree.consistency_proof(4)
    with pytest.raises(ValueError):
        tree.root(4)
