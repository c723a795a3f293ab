"""Case archives carry one case only: its entries (and those of its evidence, documents,
hearings, transfers…) with inclusion proofs against a signed checkpoint, and its own files; the
standalone verifier accepts them without the rest of the ledger and names what was changed."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from fazhi.cli import main as fazhi_cli
from fazhi.core.accounts.models import RoleAssignment
from fazhi.core.accounts.roles import Role
from fazhi.core.accounts.services import log_event
from fazhi.core.demo.generator import load
from fazhi.core.ledger import archives, tracking
from fazhi.core.ledger.models import StoredFile
from fazhi.core.ledger.selectors import sealed
from fazhi.core.ledger.services import open_file
from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger import checkpoint as kernel_checkpoint
from fazhi.systems.enforcement import demo, demo_open, services
from fazhi.systems.enforcement.archive import export_case, verify_archive
from fazhi.systems.enforcement.documents import generate_document
from fazhi.systems.enforcement.models import Case
from fazhi.systems.matters.demo import load_demo as load_matters
from fazhi.systems.matters.services.matters import record_revision
from fazhi.systems.officers.demo import load_demo as load_officers

from .conftest import D, Flow, _certify, _matter, _staff

pytestmark = pytest.mark.django_db


def key() -> bytes:
    return bytes.fromhex(settings.FAZHI_LEDGER_KEY)


def signed_checkpoint() -> kernel_checkpoint.Checkpoint:
    """A real checkpoint: the kernel's signature over the root of the stored ledger now."""
    rows = list(sealed().order_by("seq").values_list("digest", flat=True))
    return kernel_checkpoint.sign(
        size=len(rows),
        root=kernel.merkle_root(bytes.fromhex(d) for d in rows).hex(),
        head=rows[-1] if rows else kernel.GENESIS,
        previous=kernel.GENESIS,
        key=key(),
        key_id="test",
    )


def bundle_lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in (path / "entries.jsonl").read_text("utf-8").splitlines()]


def write_lines(path: Path, rows: list[dict]) -> None:
    text = "".join(kernel.canonical_json(r).decode() + "\n" for r in rows)
    (path / "entries.jsonl").write_text(text, "utf-8")


def close(flow: Flow, w, case: Case, evidence: bytes) -> Case:
    services.add_evidence(
        case,
        actor=w.officer,
        kind="record",
        id_shown=True,
        title="询问笔录",
        collected_on=D(2025, 3, 6),
        file=evidence,
        file_name="询问笔录.pdf",
        content_type="application/pdf",
    )
    case = flow.decided(
        case=flow.notified(
            case=services.conclude_investigation(case, actor=w.officer, on=D(2025, 3, 10))
        )
    )
    generate_document(case, "decision", actor=w.officer)
    case = flow.served(case)
    services.record_payment(case, actor=w.officer, amount=Decimal("5000"), paid_on=D(2025, 3, 27))
    return services.close_case(case, actor=w.head, closed_on=D(2025, 3, 28))


@pytest.fixture
def two_agencies(world, flow):
    """A closed case at the market bureau and one at the city-management bureau, with a
    security event and a hand-edited matter list (an entry with an empty file reference)."""
    officer, s1 = _staff(world.other, "吴执法", "wuzhifa", D(1986, 4, 4), Role.OFFICER, "181")
    _, s2 = _staff(world.other, "郑执法", "zhengzhifa", D(1987, 5, 5), Role.OFFICER, "191")
    head, _ = _staff(world.other, "钱局长", "qianjuzhang", D(1970, 6, 6), Role.AGENCY_HEAD, "201")
    _certify(s1, "32060011")
    _certify(s2, "32060012")
    w2 = SimpleNamespace(
        bureau=world.other,
        officer=officer,
        head=head,
        officers=[s1, s2],
        matter=_matter(world.other, "330217099000", "擅自占用城市道路"),
    )
    flow2 = Flow(w2)
    a = close(flow, world, flow.opened(), b"%PDF-1.4 market bureau statement")
    b = close(flow2, w2, flow2.opened(), b"%PDF-1.4 city management statement")
    log_event("login_failed", "zhangming", ip="127.0.0.1")
    record_revision(world.bureau, effective_from=D(2025, 1, 1), note="手工修订", actor=world.head)
    return a, b


def own_files(case: Case) -> set[str]:
    subjects = archives.record_subjects(case)
    return {
        ref
        for entry in sealed().filter(subject__in=subjects)
        for ref in kernel.file_references(entry.payload)
    }


def test_each_case_archive_holds_its_case_only_and_verifies_alone(two_agencies, world, tmp_path):
    a, b = two_agencies
    checkpoint = signed_checkpoint()
    for case, other in ((a, b), (b, a)):
        path = tmp_path / f"case-{case.pk}"
        archive = export_case(case, path, actor=world.supervisor, checkpoint=checkpoint)
        result = kernel.verify_bundle(path, key=key())
        assert result.ok and result.signature == "ok", result.problems
        assert verify_archive(path, key=key()) == []
        subjects = set(archives.record_subjects(case))
        assert case.subject in subjects and any(
            s.startswith("enforcement.evidence:") for s in subjects
        )
        assert any(s.startswith("enforcement.casedocument:") for s in subjects)
        expected = list(
            sealed().filter(subject__in=subjects).order_by("seq").values_list("seq", flat=True)
        )
        rows = bundle_lines(path)
        assert [r["seq"] for r in rows] == expected == archive.entries
        assert {r["subject"] for r in rows} <= subjects
        assert not set(archives.record_subjects(other)) & {r["subject"] for r in rows}
        assert not any(r["subject"].startswith(("security:", "matters.")) for r in rows)
        files = {p.name for p in (path / "files").iterdir()}
        assert files == own_files(case)
        assert not (own_files(other) - own_files(case)) & files
        summary = json.loads((path / "case.json").read_text("utf-8"))
        assert summary["case"]["agency"] == case.agency.name
        assert summary["checkpoint"]["root"] == checkpoint.root
        # the readable copies are this case's documents and evidence only
        assert len(list((path / "documents").iterdir())) == case.documents.count()
        assert len(list((path / "evidence").iterdir())) == case.evidence.exclude(file=None).count()


def test_a_changed_entry_a_wrong_proof_and_a_foreign_file_are_each_reported(
    two_agencies, world, tmp_path
):
    a, b = two_agencies
    path = tmp_path / "a"
    export_case(a, path, actor=world.supervisor, checkpoint=signed_checkpoint())
    rows = bundle_lines(path)
    rows[0]["action"] = "penalty.something_else"
    rows[-1]["proof"][0] = "f" * 64
    write_lines(path, rows)
    foreign = next(iter(own_files(b) - own_files(a)))
    with open_file(StoredFile.objects.get(pk=foreign)) as fh:
        (path / "files" / foreign).write_bytes(fh.read())
    problems = verify_archive(path)
    assert any(f"第{rows[0]['seq']}条记录的内容与其摘要不符" in p for p in problems)
    assert any(f"第{rows[-1]['seq']}条记录的包含证明不成立" in p for p in problems)
    assert any(f"文件 {foreign} 未被任何记录引用" in p for p in problems)
    assert len(problems) == 3


def test_the_download_is_the_case_alone(two_agencies, world, tmp_path):
    a, b = two_agencies
    client = Client()
    client.force_login(world.supervisor)
    r = client.get(f"/enforcement/cases/{a.pk}/archive.zip")
    assert r.status_code == 200
    target = tmp_path / "a.zip"
    target.write_bytes(r.content)
    assert fazhi_cli(["ledger", "verify", str(target)]) == 0
    with zipfile.ZipFile(target) as zf:
        entries = next(n for n in zf.namelist() if n.endswith("/entries.jsonl"))
        subjects = {json.loads(x)["subject"] for x in zf.read(entries).splitlines()}
    assert subjects <= set(archives.record_subjects(a)) and b.subject not in subjects


def test_ledger_export_works_with_empty_file_references(two_agencies, tmp_path):
    """The demo's hand-edited matter lists write ``"file_digest": ""``: no file, no failure."""
    assert sealed().filter(body__contains='"file_digest":""').exists()
    call_command("ledger", "export", str(tmp_path / "all"))
    result = kernel.verify_bundle(tmp_path / "all")
    assert result.ok and result.count == sealed().count()


def test_export_record_command(two_agencies, tmp_path, capsys):
    a, _ = two_agencies
    call_command("ledger", "export", "--record", a.subject, str(tmp_path / "r.zip"))
    result = kernel.verify_bundle(tmp_path / "r.zip", key=key())
    assert result.ok and result.signature == "ok"
    assert result.count == sealed().filter(subject__in=archives.record_subjects(a)).count()


@pytest.fixture
def county(monkeypatch):
    county = load(run_registered=False)
    load_officers(county)
    load_matters(county)
    monkeypatch.setattr(demo, "VOLUME", {"market": 12, "eco": 6})
    scenarios = [("investigating", 40), ("hearing", 50), ("closed", 150), ("archived", 200)]
    scenarios += [("summary", 20), ("transfer", 80)]
    monkeypatch.setattr(demo_open, "SCENARIOS", tuple((t, 1, (age,)) for t, age in scenarios))
    demo.load_demo(county)
    return county


def test_every_demo_case_exports_alone_and_verifies(county, tmp_path):
    checkpoint = signed_checkpoint()
    cases = list(Case.objects.select_related("agency"))
    assert len({c.agency_id for c in cases}) >= 2
    steps = sealed().exclude(action__in=tuple(tracking.ACTIONS))  # not the rows' states
    walked = [c for c in cases if steps.filter(subject=c.subject).count() > 1]
    assert any(c.transfers.exists() for c in walked) and any(c.hearings.exists() for c in walked)
    archived = 0
    for case in cases:
        if case.state in ("closed", "archived") and case in walked:
            archived += 1
            head = RoleAssignment.objects.filter(agency=case.agency, role=Role.AGENCY_HEAD).first()
            target = tmp_path / f"case-{case.pk}"
            export_case(case, target, actor=head.user, checkpoint=checkpoint)
            assert verify_archive(target, key=key()) == []
        path = tmp_path / f"{case.pk}"
        done = archives.export_record(case, path, checkpoint)
        result = kernel.verify_bundle(path, key=key())
        assert result.ok, (case.pk, result.problems)
        subjects = set(archives.record_subjects(case))
        assert (
            [r["seq"] for r in bundle_lines(path)]
            == done.seqs
            == list(
                sealed().filter(subject__in=subjects).order_by("seq").values_list("seq", flat=True)
            )
        )
        assert {p.name for p in (path / "files").iterdir()} == own_files(case)
    assert archived >= 2  # the walked closed and archived cases, through the case archive


def test_a_loaded_demo_county_verifies_clean_by_every_check(county):
    """Records written in bulk (historical cases, their history rows) are ledgered like the
    rest: the whole ``fazhi ledger verify`` finds nothing on a freshly loaded county."""
    from fazhi.core.ledger import verification

    report = verification.verify_all()
    assert report.problems == []
    assert report.ledger.result.count == sealed().count() > 0
