"""Excel import and export of the matters app's rules as data: matter lists with legal bases,
benchmarks with tiers, and the four lists. Each import is all rows or none, with every bad row
and column named in Chinese; each export imports back unchanged."""

from .benchmarks import BENCHMARKS, benchmarks_xlsx, import_benchmarks
from .lenient import LENIENT, import_lenient_lists, lenient_lists_xlsx
from .matters import MATTERS, import_matter_list, matter_list_xlsx

__all__ = [
    "BENCHMARKS",
    "LENIENT",
    "MATTERS",
    "benchmarks_xlsx",
    "import_benchmarks",
    "import_lenient_lists",
    "import_matter_list",
    "lenient_lists_xlsx",
    "matter_list_xlsx",
]
