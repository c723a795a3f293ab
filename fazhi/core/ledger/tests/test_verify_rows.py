"""``fazhi ledger verify`` reads the stored ledger as cursor rows (kernel ``verify_rows``): what
it reports must be exactly what the general verifier reports on the same entries, for an intact
ledger and for every kind of tampering, wherever in a fetched chunk the tampering falls."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.ledger import crosscheck, selectors, tracking, verification
from fazhi.core.ledger.tests.test_crosscheck import records  # noqa: F401 - fixture
from fazhi.core.publication.models import PublishedItem
from fazhi.kernel import ledger
from fazhi.kernel.ledger import Chain, Entry, canonical_json, entry_digest
from fazhi.systems.enforcement.models import Case
from fazhi.systems.enforcement.tests.conftest import flow, world  # noqa: F401 - fixtures

T0 = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
Row = tuple


def _ledger(n: int) -> list[Row]:
    chain = Chain("sm3")
    rows = []
    for i in range(n):
        payload = {"step": i, "note": "现场检查" if i % 3 else "ok"}
        e = chain.append(
            f"case:{i // 8}",
            "执法人员王五" if i % 5 == 0 else "officer:1001",  # some entries are not ASCII
            "penalty.step",
            T0 + dt.timedelta(minutes=i),
            payload,
        )
        rows.append((*dataclasses.astuple(e), canonical_json(payload).decode()))
    return rows


def _general(rows: list[Row], marks: tuple[int, ...]) -> ledger.VerifyResult:
    return ledger.verify_entries(
        [Entry(*r[:8]) for r in rows],
        payloads=[r[8] for r in rows],
        algorithm="sm3",
        marks=marks,
        ordered=True,
    )


def _chunked(rows: list[Row], size: int) -> list[list[Row]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _set(rows: list[Row], index: int, column: int, value: object) -> list[Row]:
    out = list(rows)
    row = list(out[index])
    row[column] = value
    out[index] = tuple(row)
    return out


def _forged(rows: list[Row], index: int) -> list[Row]:
    """Entry ``index`` edited and its digest recomputed (the next link breaks)."""
    seq, subject, _actor, action, time, pd, pv, _dg, body = rows[index]
    dg = entry_digest(seq, subject, "officer:forger", action, time, pd, pv)
    out = list(rows)
    out[index] = (seq, subject, "officer:forger", action, time, pd, pv, dg, body)
    return out


N = 1100  # past one Merkle chunk (1024 leaves)
ROWS = _ledger(N)

CASES = {
    "intact": ROWS,
    "field altered": _set(ROWS, 4, 2, "officer:9999"),
    "non-ASCII field altered": _set(ROWS, 5, 2, "执法人员李四"),
    "payload altered": _set(ROWS, 2, 8, ROWS[2][8].replace('"step":2', '"step":3')),
    "payload digest altered": _set(ROWS, 1030, 5, "0" * 64),
    "stored digest altered": _set(ROWS, 7, 7, "f" * 64),
    "removed": ROWS[:3] + ROWS[4:],
    "removed range": ROWS[:2] + ROWS[5:],
    "removed first": ROWS[1:],
    "swapped": ROWS[:3] + [ROWS[4], ROWS[3]] + ROWS[5:],
    "duplicate": ROWS[:4] + [_set(ROWS, 3, 2, "x")[3]] + ROWS[4:],
    "forged and re-sealed": _forged(ROWS, 2),
    "malformed seq": _set(ROWS, 1, 0, "2"),
    "malformed field": _set(ROWS, 6, 3, None),
    "body not text": _set(ROWS, 9, 8, None),
    "truncated": ROWS[:700],
    "many at once": _set(_forged(ROWS[:3] + ROWS[4:], 600), 1050, 8, "{}"),
    "empty": [],
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("chunk", [1, 3, 1024, 5000])
def test_rows_report_what_the_general_verifier_reports(case: str, chunk: int) -> None:
    rows = CASES[case]
    marks = (0, 1, 3, 5, 700, 1024, 1099, N)
    expected = _general(rows, marks)
    assert ledger.verify_rows(_chunked(rows, chunk), "sm3", marks=marks) == expected
    assert expected.ok == (case in ("intact", "truncated", "empty"))


@pytest.mark.django_db
def test_the_ledger_pass_gathers_what_the_record_check_would_read(records):  # noqa: F811
    """``fazhi ledger verify`` hands the record cross-check the state digests gathered in its
    ledger pass: the same as the cross-check's own scan, so the same problems."""
    decided, _opened, _petition, item, _event = records
    row = PublishedItem.objects.filter(pk=item.pk).values().get()  # type: ignore[misc]
    PublishedItem.objects.filter(pk=item.pk).delete()  # ledgered as deleted
    PublishedItem.objects.bulk_create([PublishedItem(**row)])  # put back behind the ledger
    Case.objects.filter(pk=decided.pk).update(decided_fine=Decimal("500.00"))

    gathered: dict[str, tuple[int, str]] = {}
    assert selectors.verify_database(each_chunk=crosscheck.gather(gathered)).ok
    assert gathered == crosscheck._latest()
    assert any(not digest for _, digest in gathered.values())  # a deletion is among them

    report = verification.verify_all()
    expected = crosscheck.messages()
    assert len(expected) == 2
    assert [p for p in report.problems if p in expected] == expected


@pytest.mark.parametrize("alg", ["sm3", "sha256"])
def test_the_record_checks_digester_digests_a_row_as_it_was_sealed(alg: str) -> None:
    rows = [
        (1, dt.datetime(2025, 1, 2, 3, 4, 5, 6), "张三", None, 1.5, True, '{"n": 1}'),
        (2, dt.date(2025, 1, 2), Decimal("5000.00"), b"\x00\xff", dt.timedelta(days=2), ""),
        (3, float("nan"), '引号"与\\反斜杠\n', -0, 10**20, dt.time(9, 30)),
    ]
    digest = tracking.row_digester(alg)
    for row in rows:
        assert digest(row) == tracking.row_digest(row, alg)
