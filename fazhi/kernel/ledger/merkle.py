"""Merkle trees in the shape of RFC 6962 / RFC 9162 §2.1 (Certificate Transparency).

Leaf hash ``H(0x00 || leaf)``, interior node ``H(0x01 || left || right)``, the split at the
largest power of two below the size, and the empty tree's root ``H(b"")``. Using the published
shape (rather than an ad-hoc one) means any RFC 9162 verifier can check our proofs: an auditor
holding one root can be shown that an entry is in the ledger (inclusion) and that a later ledger
only appended to an earlier one (consistency).

The ledger's leaves are the entry digests as bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .hashing import DEFAULT_ALGORITHM, _base, check_algorithm

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
_CHUNK = 1024  # leaves hashed per aligned perfect subtree when streaming a root


def leaf_hash(leaf: bytes, algorithm: str = DEFAULT_ALGORITHM) -> bytes:
    """``H(0x00 || leaf)``."""
    h = _base(algorithm, LEAF_PREFIX).copy()
    h.update(leaf)
    return h.digest()


def node_hash(left: bytes, right: bytes, algorithm: str = DEFAULT_ALGORITHM) -> bytes:
    """``H(0x01 || left || right)``."""
    h = _base(algorithm, NODE_PREFIX).copy()
    h.update(left + right)
    return h.digest()


def empty_root(algorithm: str = DEFAULT_ALGORITHM) -> bytes:
    """The root of the empty tree, ``H(b"")``."""
    return _base(algorithm, b"").copy().digest()


class RootAccumulator:
    """Streaming root: a stack of perfect-subtree roots, O(log n) memory.

    Leaves may be pushed one at a time (``push``) or, when the count so far is a multiple of
    the chunk length, as an aligned perfect chunk (``push_chunk``) hashed level by level, which
    is what keeps verification of a million entries cheap.
    """

    __slots__ = ("_algorithm", "_node", "_stack", "count")

    def __init__(self, algorithm: str = DEFAULT_ALGORITHM) -> None:
        self._algorithm = algorithm
        self._node = _base(algorithm, NODE_PREFIX)
        self._stack: list[tuple[int, bytes]] = []  # (height, root); heights strictly decrease
        self.count = 0

    def push(self, leaf_hash_: bytes) -> None:
        """Add one leaf hash."""
        self._push(0, leaf_hash_)
        self.count += 1

    def push_chunk(self, leaf_hashes: Sequence[bytes]) -> None:
        """Add a perfect chunk of ``2**k`` leaf hashes starting at a multiple of ``2**k``."""
        n = len(leaf_hashes)
        if n == 0 or n & (n - 1) or self.count % n:
            raise ValueError("chunk must be a power of two long and aligned")
        level = list(leaf_hashes)
        height = 0
        ncopy = self._node.copy
        while len(level) > 1:
            pairs = iter(level)
            upper: list[bytes] = []
            append = upper.append
            for left, right in zip(pairs, pairs, strict=True):
                h = ncopy()
                h.update(left + right)
                append(h.digest())
            level = upper
            height += 1
        self._push(height, level[0])
        self.count += n

    def _push(self, height: int, value: bytes) -> None:
        stack = self._stack
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            h = self._node.copy()
            h.update(left + value)
            value = h.digest()
            height += 1
        stack.append((height, value))

    def copy(self) -> RootAccumulator:
        """An independent accumulator holding the same leaves (to snapshot a root mid-stream)."""
        other = RootAccumulator(self._algorithm)
        other._stack = list(self._stack)
        other.count = self.count
        return other

    def root(self) -> bytes:
        """The RFC 9162 root of the leaves pushed so far (smaller subtrees hang on the right)."""
        if not self._stack:
            return empty_root(self._algorithm)
        acc = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            h = self._node.copy()
            h.update(left + acc)
            acc = h.digest()
        return acc


def merkle_root(leaves: Iterable[bytes], algorithm: str = DEFAULT_ALGORITHM) -> bytes:
    """The root over ``leaves`` (raw leaf data, hashed with the 0x00 prefix), streamed."""
    check_algorithm(algorithm)
    acc = RootAccumulator(algorithm)
    lcopy = _base(algorithm, LEAF_PREFIX).copy
    chunk: list[bytes] = []
    append = chunk.append
    for leaf in leaves:
        h = lcopy()
        h.update(leaf)
        append(h.digest())
        if len(chunk) == _CHUNK:
            acc.push_chunk(chunk)
            chunk.clear()
    for value in chunk:
        acc.push(value)
    return acc.root()


def _largest_power_of_two_below(n: int) -> int:
    """The k of RFC 9162: the largest power of two strictly smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleTree:
    """An append-only tree that keeps every perfect subtree root, for proofs at any size.

    ``_levels[h][i]`` is the root of the perfect subtree over leaves ``[i*2**h, (i+1)*2**h)``,
    so any subtree root the RFC recursion asks for costs O(log n) hashes and proofs never
    rehash the whole tree. Memory is about two digests per leaf.
    """

    def __init__(self, leaves: Sequence[bytes] = (), algorithm: str = DEFAULT_ALGORITHM) -> None:
        self.algorithm = check_algorithm(algorithm)
        self._levels: list[list[bytes]] = [[]]
        for leaf in leaves:
            self.append(leaf)

    @property
    def size(self) -> int:
        """Number of leaves."""
        return len(self._levels[0])

    def __len__(self) -> int:
        return self.size

    def append(self, leaf: bytes) -> int:
        """Add a leaf (raw data, e.g. an entry digest); returns its index."""
        value = leaf_hash(leaf, self.algorithm)
        index = self.size
        height = 0
        position = index
        while True:
            level = self._levels[height]
            level.append(value)
            if position % 2 == 0:
                break
            value = node_hash(level[position - 1], value, self.algorithm)
            height += 1
            position //= 2
            if len(self._levels) == height:
                self._levels.append([])
        return index

    def leaf_hash(self, index: int) -> bytes:
        """The stored hash of leaf ``index``."""
        return self._levels[0][index]

    def _subtree(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) for the aligned ranges the RFC recursion produces."""
        n = end - start
        if n == 0:
            return empty_root(self.algorithm)
        if n & (n - 1) == 0 and start % n == 0:
            return self._levels[n.bit_length() - 1][start // n]
        k = _largest_power_of_two_below(n)
        return node_hash(
            self._subtree(start, start + k), self._subtree(start + k, end), self.algorithm
        )

    def _check_size(self, size: int | None) -> int:
        if size is None:
            return self.size
        if not 0 <= size <= self.size:
            raise ValueError(f"tree size {size} out of range 0..{self.size}")
        return size

    def root(self, size: int | None = None) -> bytes:
        """The root of the first ``size`` leaves (default: all), i.e. any historical root."""
        return self._subtree(0, self._check_size(size))

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """PATH(index, D[0:size]) of RFC 9162 §2.1.3.1."""
        size = self._check_size(size)
        if not 0 <= index < size:
            raise ValueError(f"leaf index {index} out of range for tree size {size}")
        proof: list[bytes] = []
        start, end = 0, size
        while end - start > 1:  # walk down, collecting siblings from the root side
            k = _largest_power_of_two_below(end - start)
            if index < start + k:
                proof.append(self._subtree(start + k, end))
                end = start + k
            else:
                proof.append(self._subtree(start, start + k))
                start += k
        proof.reverse()  # the RFC lists them leaf side first
        return proof

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        """PROOF(old_size, D[0:new_size]) of RFC 9162 §2.1.4.1 (empty when the sizes are equal)."""
        new_size = self._check_size(new_size)
        if not 0 <= old_size <= new_size:
            raise ValueError(f"old size {old_size} out of range 0..{new_size}")
        if old_size in (0, new_size):
            return []
        proof: list[bytes] = []
        start, end, m, complete = 0, new_size, old_size, True
        while m != end - start:  # SUBPROOF(m, D[start:end], complete)
            k = _largest_power_of_two_below(end - start)
            if m <= k:
                proof.append(self._subtree(start + k, end))
                end = start + k
            else:
                proof.append(self._subtree(start, start + k))
                start += k
                m -= k
                complete = False
        if not complete:
            proof.append(self._subtree(start, end))
        proof.reverse()
        return proof


class _PackedLevel:
    """One level of a :class:`PackedTree`: ``count`` digests of ``width`` bytes in one buffer."""

    __slots__ = ("_buf", "_width")

    def __init__(self, buf: bytearray, width: int) -> None:
        self._buf = buf
        self._width = width

    def __len__(self) -> int:
        return len(self._buf) // self._width

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < len(self):
            raise IndexError(index)
        w = self._width
        return bytes(self._buf[index * w : (index + 1) * w])


class PackedTree(MerkleTree):
    """A read-only :class:`MerkleTree` built in one pass over a stream of leaves.

    Every level is kept as one contiguous buffer of digests (about ``2 * n`` digests of 32
    bytes for ``n`` leaves, no per-node objects), so proofs for any entries of a long ledger
    cost a few subtree lookups each after a single O(n) pass over the entry digests.
    """

    def __init__(self, leaves: Iterable[bytes] = (), algorithm: str = DEFAULT_ALGORITHM) -> None:
        self.algorithm = check_algorithm(algorithm)
        lcopy = _base(algorithm, LEAF_PREFIX).copy
        ncopy = _base(algorithm, NODE_PREFIX).copy
        level = bytearray()
        width = 0
        for leaf in leaves:
            h = lcopy()
            h.update(leaf)
            level += h.digest()
        width = lcopy().digest_size
        self._levels = [_PackedLevel(level, width)]  # type: ignore[list-item]
        while len(level) >= 2 * width:
            upper = bytearray()
            for i in range(0, len(level) - width, 2 * width):
                h = ncopy()
                h.update(level[i : i + 2 * width])
                upper += h.digest()
            level = upper
            self._levels.append(_PackedLevel(level, width))  # type: ignore[arg-type]

    def append(self, leaf: bytes) -> int:
        raise TypeError("a PackedTree is read-only")


def verify_inclusion(
    leaf: bytes,
    index: int,
    size: int,
    proof: Sequence[bytes],
    root: bytes,
    algorithm: str = DEFAULT_ALGORITHM,
) -> bool:
    """RFC 9162 §2.1.3.2: is ``leaf`` (raw data) at ``index`` of the tree of ``size`` with ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = leaf_hash(leaf, algorithm)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r, algorithm)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p, algorithm)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int,
    new_size: int,
    old_root: bytes,
    new_root: bytes,
    proof: Sequence[bytes],
    algorithm: str = DEFAULT_ALGORITHM,
) -> bool:
    """RFC 9162 §2.1.4.2: does the tree of ``new_size`` only append to the one of ``old_size``?"""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:  # every tree extends the empty one
        return not proof and old_root == empty_root(algorithm)
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: its root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr, algorithm)
            sr = node_hash(c, sr, algorithm)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c, algorithm)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
