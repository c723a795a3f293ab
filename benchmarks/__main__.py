"""`make bench`: run every benchmark module and print its figures.

Each module exposes ``run() -> list[str]`` and measures its own baseline in the same run, so the
figures are ratios that mean the same on any machine. ``python -m benchmarks NAME…`` runs some.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(names: list[str]) -> int:
    here = Path(__file__).parent
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )
    chosen = [m for m in modules if not names or m.removeprefix("bench_") in names or m in names]
    for name in chosen:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        for line in importlib.import_module(f"benchmarks.{name}").run():
            print(f"   {line}", flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
