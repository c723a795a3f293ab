"""Record numbers come from one locked sequence per (agency, kind, year)."""

from __future__ import annotations

import pytest
from django.db import transaction

from fazhi.core.numbering import services as numbering
from fazhi.core.numbering.models import Sequence
from fazhi.core.orgs.models import Agency, Division
from fazhi.kernel.ids import uscc_check_character

pytestmark = pytest.mark.django_db


def _agency(name: str, serial: int) -> Agency:
    division, _ = Division.objects.get_or_create(
        code="331225", defaults={"name": "示范县", "level": "county"}
    )
    first17 = f"11331225{serial:09d}"
    return Agency.objects.create(
        name=name, uscc=first17 + uscc_check_character(first17), division=division
    )


@pytest.fixture
def two():
    return _agency("示范县市场监督管理局", 1), _agency("示范县生态环境局", 2)


def test_allocation_counts_per_agency_kind_and_year(two):
    market, eco = two
    assert [numbering.allocate(market, "case", 2025) for _ in range(3)] == [1, 2, 3]
    assert numbering.allocate(eco, "case", 2025) == 1
    assert numbering.allocate(market, "decision", 2025) == 1
    assert numbering.allocate(market, "case", 2026) == 1  # a new year starts again at 1
    assert numbering.allocate(market, "case", 2025) == 4


def test_a_block_of_numbers_is_taken_at_once(two):
    market, _ = two
    assert numbering.allocate(market, "case", 2025, count=5) == 1
    assert numbering.allocate(market, "case", 2025) == 6


def test_the_first_allocation_continues_after_the_numbers_already_issued(two):
    market, _ = two
    calls = []

    def seed() -> int:
        calls.append(1)
        return 41

    assert numbering.allocate(market, "case", 2025, seed=seed) == 42
    assert numbering.allocate(market, "case", 2025, seed=seed) == 43
    assert len(calls) == 1  # the records are read once, when the sequence is created


def test_a_number_entered_by_hand_moves_the_sequence_past_it(two):
    market, _ = two
    numbering.note(market, "case", 2025, 9)
    numbering.note(market, "case", 2025, 3)  # an older number does not move it back
    assert numbering.allocate(market, "case", 2025) == 10


def test_a_rolled_back_allocation_gives_its_number_back(two):
    market, _ = two
    numbering.allocate(market, "case", 2025)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.allocate(market, "case", 2025) == 2
        raise RuntimeError("the record could not be saved")
    assert numbering.allocate(market, "case", 2025) == 2
    assert Sequence.objects.get(agency=market, kind="case", year=2025).last == 2
