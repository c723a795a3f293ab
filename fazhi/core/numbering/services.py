"""Allocate record numbers (案号, 文号) without duplicates, on PostgreSQL and SQLite.

A number is ``head + serial + tail`` (``示范市监罚立〔2025〕`` + ``12`` + ``号``). The serial comes
from the :class:`~fazhi.core.numbering.models.Sequence` row of (agency, kind, year), read with
``SELECT ... FOR UPDATE`` inside the caller's transaction: a second writer waits until the first
commits (or rolls back, giving its value back), so counting rows is never needed and a deleted or
archived record's number is never issued again.

The row of a series is created on its first allocation, seeded with the highest serial already
issued in the records (``Series.highest``), so numbers written before the sequence existed, by an
older version, an import or the demo, are continued and never repeated. Two writers creating the
same row both ``INSERT ... ON CONFLICT DO NOTHING``; on PostgreSQL the second insert waits for the
first transaction and then does nothing, and both go on to lock the one row. SQLite is opened with
``transaction_mode=IMMEDIATE`` (see the settings), so a writing transaction holds the database's
write lock from its first statement and allocations are serialised by the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction

from fazhi.core.orgs.models import Agency

from .models import Sequence


def agency_prefix(agency: Agency) -> str:
    """The agency's name as it heads its numbers: its short name, else its full name."""
    return agency.short_name or agency.name


@dataclass(frozen=True)
class Series:
    """One kind of record number: how it reads and where the numbers already issued are kept.

    ``head(agency, year)`` is the text before the serial; ``width`` zero-pads the serial
    (``12345-2025-00017``). The numbers issued are the values of ``model.field`` that start with
    the head, among the rows whose ``agency_field`` is the agency (``None``: the head alone tells
    agencies apart).
    """

    kind: str
    model: type[models.Model]
    field: str
    head: Callable[[Agency, int], str]
    tail: str = "号"
    width: int = 0
    agency_field: str | None = "agency"

    def text(self, agency: Agency, year: int, value: int) -> str:
        return f"{self.head(agency, year)}{value:0{self.width}d}{self.tail}"

    def value(self, agency: Agency, year: int, text: str) -> int | None:
        """The serial of ``text`` if it is a number of this series, else None."""
        head = self.head(agency, year)
        if not text.startswith(head) or not text.endswith(self.tail):
            return None
        serial = text[len(head) : len(text) - len(self.tail)]
        return int(serial) if serial.isdigit() else None

    def issued(self, agency: Agency, year: int) -> models.QuerySet:
        rows = self.model._default_manager.filter(
            **{f"{self.field}__startswith": self.head(agency, year)}
        )
        return rows.filter(**{self.agency_field: agency}) if self.agency_field else rows

    def highest(self, agency: Agency, year: int) -> int:
        """The highest serial already issued in the records (0 when none)."""
        texts = self.issued(agency, year).values_list(self.field, flat=True)
        return max((v for t in texts if (v := self.value(agency, year, t)) is not None), default=0)

    def taken(self, agency: Agency, year: int, text: str) -> bool:
        return self.issued(agency, year).filter(**{self.field: text}).exists()


def _locked(agency: Agency, kind: str, year: int, seed: Callable[[], int] | None) -> Sequence:
    """The sequence row of (agency, kind, year), locked until the transaction ends."""
    rows = Sequence.objects.select_for_update().filter(agency=agency, kind=kind, year=year)
    row = rows.first()
    if row is None:
        start = seed() if seed is not None else 0
        Sequence.objects.bulk_create(
            [Sequence(agency=agency, kind=kind, year=year, last=start)], ignore_conflicts=True
        )
        row = rows.get()
    return row


def allocate(
    agency: Agency, kind: str, year: int, *, count: int = 1, seed: Callable[[], int] | None = None
) -> int:
    """Take the next ``count`` serials of (agency, kind, year); returns the first of them.

    Call it inside the transaction that saves the record: the sequence row stays locked until
    that transaction ends. ``seed`` gives the highest serial already issued when the sequence is
    first created.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    with transaction.atomic():
        row = _locked(agency, kind, year, seed)
        first = row.last + 1
        row.last += count
        row.save(update_fields=["last"])
    return first


def note(
    agency: Agency, kind: str, year: int, value: int, *, seed: Callable[[], int] | None = None
) -> None:
    """Record that ``value`` was issued outside the sequence (a number entered by hand)."""
    with transaction.atomic():
        row = _locked(agency, kind, year, seed)
        if value > row.last:
            row.last = value
            row.save(update_fields=["last"])


def issue(series: Series, agency: Agency, year: int, *, given: str = "") -> str:
    """The number of a new record of ``series``: ``given`` (a number entered by hand, which
    moves the sequence past it when it belongs to the series), else the next free one."""

    def seed() -> int:
        return series.highest(agency, year)

    if given:
        value = series.value(agency, year, given)
        if value is not None:
            note(agency, series.kind, year, value, seed=seed)
        return given
    while True:
        text = series.text(agency, year, allocate(agency, series.kind, year, seed=seed))
        if not series.taken(agency, year, text):
            return text
