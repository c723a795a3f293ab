"""A record's archive: which entries belong to a record, and the export against a checkpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from fazhi.core.ledger import archives
from fazhi.core.ledger.selectors import sealed
from fazhi.core.ledger.services import record, store_file
from fazhi.core.orgs.models import Unit
from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger import checkpoint as kernel_checkpoint
from tests import factories
from tests.sample_system.models import Permit

pytestmark = pytest.mark.django_db
KEY = b"core-archive-test-key-0123456789"


def checkpoint(root: str | None = None) -> kernel_checkpoint.Checkpoint:
    digests = list(sealed().order_by("seq").values_list("digest", flat=True))
    return kernel_checkpoint.sign(
        size=len(digests),
        root=root or kernel.merkle_root(bytes.fromhex(d) for d in digests).hex(),
        head=digests[-1],
        previous=kernel.GENESIS,
        key=KEY,
        key_id="test",
    )


@pytest.fixture
def agency():
    return factories.agency("县市场监督管理局")


def test_a_record_is_its_rows_that_cascade_from_it_recursively(agency):
    section = Unit.objects.create(agency=agency, name="执法大队")
    team = Unit.objects.create(agency=agency, name="第一中队", parent=section)
    permit = Permit.objects.create(agency=agency, applicant="某公司")  # PROTECT: not a part
    subjects = archives.record_subjects(agency)
    assert archives.subject_of(agency) in subjects
    assert f"orgs.unit:{section.pk}" in subjects and f"orgs.unit:{team.pk}" in subjects
    assert archives.subject_of(permit) not in subjects
    assert archives.record_subjects(section) == sorted(
        [f"orgs.unit:{section.pk}", f"orgs.unit:{team.pk}"]
    )


def test_export_holds_the_record_within_the_checkpoint_and_its_files_only(agency, tmp_path):
    mine = Permit.objects.create(agency=agency, applicant="甲公司")
    other = Permit.objects.create(agency=agency, applicant="乙公司")
    subject, foreign = archives.subject_of(mine), archives.subject_of(other)
    a = store_file(b"application of A", name="a.pdf", subject=subject)
    b = store_file(b"application of B", name="b.pdf", subject=foreign)
    record(subject, "permit.register", {"file_digest": a.digest, "note": ""}, actor="x")
    record(foreign, "permit.register", {"file_digest": b.digest}, actor="x")
    record(subject, "permit.step", {"file_digest": ""}, actor="x")  # a step without a file
    proven = checkpoint()
    record(subject, "permit.grant", {}, actor="x")  # after the checkpoint: cannot be proven
    done = archives.export_record(mine, tmp_path / "r", proven)
    result = kernel.verify_bundle(tmp_path / "r", key=KEY)
    assert result.ok and result.signature == "ok"
    expected = sealed().filter(subject=subject, seq__lte=proven.size)
    assert done.seqs == list(expected.order_by("seq").values_list("seq", flat=True))
    assert len(done.seqs) == 4  # its state, file.stored, register, step; not the grant
    assert {p.name for p in (tmp_path / "r" / "files").iterdir()} == {a.digest}
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text("utf-8"))
    assert manifest["record"] == subject and manifest["subjects"] == [subject]


def test_export_refuses_a_checkpoint_of_another_ledger(agency, tmp_path):
    permit = Permit.objects.create(agency=agency, applicant="甲公司")
    record(archives.subject_of(permit), "permit.register", {}, actor="x")
    with pytest.raises(kernel.ProofError):
        archives.export_record(permit, tmp_path / "r", checkpoint(root="ab" * 32))
    assert not (tmp_path / "r").exists()


def test_current_checkpoint_signs_the_stored_head_and_needs_a_key(agency, settings):
    record("orgs.agency:1", "x", {}, actor="x")
    made = archives.current_checkpoint()
    assert kernel_checkpoint.signature_ok(made, bytes.fromhex(settings.FAZHI_LEDGER_KEY))
    assert (made.size, made.root, made.head) == (
        checkpoint().size,
        checkpoint().root,
        sealed().order_by("-seq")[0].digest,
    )
    receipt = record(archives.subject_of(agency), "y", {}, actor="x").id
    newest = sealed().get(leaf=receipt).seq
    record("orgs.agency:0", "z", {}, actor="x")
    assert archives.last_seq([archives.subject_of(agency)]) == newest
    assert archives.checkpoint_for(agency).size >= newest
    settings.FAZHI_LEDGER_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        archives.current_checkpoint()


@pytest.mark.parametrize("name", ["nosuch.model:1", "orgs.agency:999999", "orgs.agency"])
def test_an_unknown_record_is_refused(agency, tmp_path: Path, name: str):
    with pytest.raises(CommandError, match="导出失败"):
        call_command("ledger", "export", "--record", name, str(tmp_path / "r"))
    assert not (tmp_path / "r").exists()
