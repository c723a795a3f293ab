"""Blocks of the 工作台: apps register what a user sees first (their counts, their queues).

A block is a template and a function ``data(request)`` returning the template's ``data`` or
None when the block has nothing for this user. The ui app imports no other app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeBlock:
    code: str
    template: str
    data: Callable[[Any], Any]
    order: int = 100


_BLOCKS: dict[str, HomeBlock] = {}


def register(block: HomeBlock) -> HomeBlock:
    _BLOCKS[block.code] = block
    return block


def blocks_for(request: Any) -> list[dict[str, Any]]:
    out = []
    for block in sorted(_BLOCKS.values(), key=lambda b: (b.order, b.code)):
        data = block.data(request)
        if data is not None:
            out.append({"template": block.template, "data": data})
    return out
