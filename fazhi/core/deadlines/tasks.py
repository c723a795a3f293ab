"""Other apps' tasks on 我的待办, beside the statutory deadlines.

Some things a user must act on are not a running statutory period of one record: a supervisor
renews the 执法证 that expire within the notice window, for instance. An app registers a
:class:`TodoSection` (in its ``AppConfig.ready``); the 待办 page draws every section whose
``rows`` returns something for the user, in ``order``. The deadlines app imports no system app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: How many rows a section shows on 待办 (the link leads to the whole list).
SECTION_ROWS = 10


@dataclass(frozen=True)
class TodoRow:
    """One task: what, whose, by when, and where to act on it."""

    label: str
    agency: str
    due: date
    note: str
    url: str
    overdue: bool = False
    #: "red", "yellow" or "" (None: red when overdue, else yellow — a task to renew now).
    level: str | None = None
    #: The task has no statutory date (its due is shown as "—").
    no_due: bool = False

    @property
    def row_class(self) -> str:
        if self.level is not None:
            return self.level
        return "red" if self.overdue else "yellow"


@dataclass(frozen=True)
class TodoItems:
    """What one section has for one user today: the first rows and how many there are."""

    rows: list[TodoRow]
    total: int
    more_url: str


@dataclass(frozen=True)
class TodoSection:
    """A kind of task an app puts on 待办. ``rows(user, today)`` returns None when the user has
    nothing of this kind or may not see it (the app's own policy decides)."""

    code: str
    title: str
    rows: Callable[[Any, date], TodoItems | None]
    order: int = 100
    help: str = field(default="")


_SECTIONS: dict[str, TodoSection] = {}


def register(section: TodoSection) -> TodoSection:
    """Add (or replace, by code) a section; called from an app's ``ready``."""
    _SECTIONS[section.code] = section
    return section


def sections_for(user: Any, today: date) -> list[tuple[TodoSection, TodoItems]]:
    """The sections with something for ``user`` today, in order."""
    out = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code)):
        items = section.rows(user, today)
        if items is not None and items.total:
            out.append((section, items))
    return out
