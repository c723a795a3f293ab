"""案号 and 决定书文号 are issued once: in order per agency and year, after the numbers already
issued, and never twice even when officers open cases at the same moment."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from fazhi.core.numbering.legacy import flag_duplicates
from fazhi.systems.enforcement.models import Case

from .conftest import OPENED, D


def test_case_numbers_run_in_order_per_agency_and_year(flow, world):
    first = flow.opened(flow.source(party_name="海安甲商行"))
    second = flow.opened(flow.source(party_name="海安乙商行"))
    next_year = flow.opened(
        flow.source(party_name="海安丙商行", registered_on=D(2026, 1, 5)), opened_on=D(2026, 1, 6)
    )
    assert first.number == "海安市监罚立〔2025〕1号"
    assert second.number == "海安市监罚立〔2025〕2号"
    assert next_year.number == "海安市监罚立〔2026〕1号"


def test_a_new_case_never_gets_the_number_of_an_earlier_one(flow, world):
    """Counting the cases gave the next case 2号 while an archived case already held it."""
    archived = flow.opened(flow.source(party_name="海安甲商行"))
    Case.objects.filter(pk=archived.pk).update(number="海安市监罚立〔2025〕2号")
    archived.agency.number_sequences.all().delete()  # as before the sequences: the cases tell
    case = flow.opened(flow.source(party_name="海安乙商行"))
    assert case.number == "海安市监罚立〔2025〕3号"


def test_decision_numbers_are_issued_in_order(flow, world):
    first = flow.decided()
    assert first.decision_number == "海安市监罚决〔2025〕1号"


def test_the_database_refuses_a_second_case_with_the_same_number(flow, world):
    case = flow.opened(flow.source(party_name="海安甲商行"))
    other = flow.source(party_name="海安乙商行")
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=other.pk).update(number=case.number)


def test_the_migration_keeps_a_duplicated_number_on_the_first_case_and_flags_the_later(flow, world):
    first = flow.opened(flow.source(party_name="海安甲商行"))
    later = flow.source(party_name="海安乙商行")
    Case.objects.filter(pk=later.pk).update(number=first.number, number_duplicate=True)
    out = io.StringIO()
    assert flag_duplicates(Case, "number", "number_duplicate", ("agency",), out=out) == (1, 1)
    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.number, first.number_duplicate) == ("海安市监罚立〔2025〕1号", False)
    assert (later.number, later.number_duplicate) == ("海安市监罚立〔2025〕1号", True)
    assert "1 numbers issued more than once" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_twenty_officers_opening_cases_at_once_get_twenty_numbers(flow, world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises every writer)")
    sources = [flow.source(party_name=f"海安第{i}商行") for i in range(20)]
    start = threading.Barrier(len(sources))
    numbers: list[str] = []
    errors: list[BaseException] = []

    def open_one(case: Case) -> None:
        try:
            start.wait()
            numbers.append(flow.opened(case, opened_on=OPENED).number)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=open_one, args=(c,)) for c in sources]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == sorted(f"海安市监罚立〔2025〕{n}号" for n in range(1, 21))
