"""Ledger storage: entries in the database and files by content digest are tamper-evident
(行政处罚法 第四十七条: the whole-process record must be provably untouched)."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout

import pytest
from django.core.files.storage import InMemoryStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.ledger import selectors, services
from fazhi.core.ledger.models import LedgerEntry
from fazhi.kernel.commands import ledger as ledger_cli

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(n: int = 5) -> None:
    for i in range(n):
        services.record(f"case:{i}", "test.step", {"i": i, "说明": "立案"}, actor="zhifa")


def test_intact_database_verifies_and_prints_the_root():
    _fill()
    out = io.StringIO()
    call_command("ledger", "verify", stdout=out)
    assert out.getvalue().startswith("ok 5 entries, root ")


@pytest.mark.parametrize(
    "sql",
    [
        'UPDATE ledger_ledgerentry SET body = \'{"i": 99, "说明": "立案"}\' WHERE seq = 3',
        "UPDATE ledger_ledgerentry SET actor = 'someone-else' WHERE seq = 3",
    ],
)
def test_changing_one_row_with_raw_sql_is_detected_and_named(sql):
    _fill()
    with connection.cursor() as cur:
        cur.execute(sql)
    result = selectors.verify_database()
    assert not result.ok and result.first_bad == 3
    with pytest.raises(CommandError) as err:
        call_command("ledger", "verify")
    assert "3" in str(err.value)


def test_deleting_a_row_is_detected():
    _fill()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM ledger_ledgerentry WHERE seq = 2")
    result = selectors.verify_database()
    assert not result.ok and result.first_bad in (2, 3)


def test_altered_stored_file_is_detected():
    stored = services.store_file(b"%PDF evidence photo bytes", name="现场照片.jpg", actor="zhifa")
    assert selectors.verify_files() == []
    path = services.blob_storage().path(stored.storage_name)
    with open(path, "ab") as fh:
        fh.write(b"tampered")
    bad = selectors.verify_files()
    assert [s.digest for s, _ in bad] == [stored.digest]
    with pytest.raises(CommandError) as err:
        call_command("ledger", "verify")
    assert stored.digest in str(err.value)


def test_storing_the_same_file_twice_keeps_one_copy_and_one_entry():
    a = services.store_file(b"same bytes", name="a.txt")
    b = services.store_file(b"same bytes", name="b.txt")
    assert a.digest == b.digest
    assert selectors.sealed().filter(action="file.stored").count() == 1


def test_export_is_accepted_by_the_standalone_verifier(tmp_path):
    _fill()
    services.store_file(b"evidence", name="e.txt", actor="zhifa")
    target = tmp_path / "bundle"
    call_command("ledger", "export", str(target), stdout=io.StringIO())
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = ledger_cli.main(["ledger", "verify", str(target)])
    assert code == 0, err.getvalue()
    assert selectors.sealed().count() == 6


def test_record_many_continues_the_chain_that_record_started():
    """A bulk append seals each entry to the one before, after entries written one by one, and
    entries written one by one after it link to its last entry: verify passes over all."""
    _fill(3)
    added = services.record_many(
        ((f"case:{i}", "test.bulk", {"i": i, "说明": "批量"}) for i in range(7)),
        actor="zhifa",
        batch=3,  # several executemany batches
    )
    services.record("case:after", "test.step", {"i": "after"}, actor="zhifa")
    assert len(added) == 7 and added == sorted(added)
    assert list(selectors.sealed().values_list("seq", flat=True)) == list(range(1, 12))
    bulk = LedgerEntry.objects.get(leaf=added[1])
    assert bulk.seq == 5
    assert (bulk.action, bulk.actor, bulk.payload) == (
        "test.bulk",
        "zhifa",
        {"i": 1, "说明": "批量"},
    )
    result = selectors.verify_database()
    assert result.ok and result.count == 11
    with connection.cursor() as cur:
        cur.execute("UPDATE ledger_ledgerentry SET subject = 'case:x' WHERE seq = 6")
    result = selectors.verify_database()
    assert not result.ok and result.first_bad == 6


class RemoteLikeStorage(InMemoryStorage):
    """Like S3: no local path for a stored name."""

    def _relative_path(self, name: str) -> str:
        return os.path.relpath(super().path(name), self.location)

    def path(self, name: str) -> str:
        raise NotImplementedError("This backend doesn't support absolute paths.")


def test_files_on_a_storage_without_local_paths_verify_and_export(settings, tmp_path):
    """What S3 looks like to the ledger: a storage with no ``path()`` (an in-memory one
    stands in). Files are stored, checked and exported through the storage API alone, and a
    changed file is still caught."""
    settings.STORAGES = {
        **settings.STORAGES,
        "blobs": {"BACKEND": f"{__name__}.RemoteLikeStorage"},
    }
    storage = services.blob_storage()
    with pytest.raises(NotImplementedError):
        storage.path("x")
    stored = services.store_file(b"remote evidence", name="r.pdf", actor="zhifa")
    assert storage.exists(stored.storage_name) and selectors.verify_files() == []
    target = tmp_path / "bundle.zip"
    call_command("ledger", "export", str(target), stdout=io.StringIO())
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert ledger_cli.main(["ledger", "verify", str(target)]) == 0, err.getvalue()
    storage.delete(stored.storage_name)
    storage.save(stored.storage_name, io.BytesIO(b"swapped"))
    assert [s.digest for s, _ in selectors.verify_files()] == [stored.digest]
