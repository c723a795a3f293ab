"""Models of the matters app: matter lists with versioned legal bases, discretion benchmarks and
the four lists. Written only through :mod:`fazhi.systems.matters.services`."""

from .benchmarks import Benchmark, BenchmarkTier, BenchmarkVersion
from .lenient import LenientList, LenientListItem
from .matters import EnforcementSubject, LegalBasis, Matter, MatterListRevision

__all__ = [
    "Benchmark",
    "BenchmarkTier",
    "BenchmarkVersion",
    "EnforcementSubject",
    "LegalBasis",
    "LenientList",
    "LenientListItem",
    "Matter",
    "MatterListRevision",
]
