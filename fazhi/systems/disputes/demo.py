"""Demo data for 行政复议 and 行政应诉 (see below)."""

from typing import Any


def load_demo(county: Any) -> dict[str, int]:
    return {}
