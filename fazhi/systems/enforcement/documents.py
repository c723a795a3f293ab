"""The standard 文书 of a case, generated as .docx from editable templates.

Templates live in ``doc_templates/<kind>.docx``; an agency may edit them in Word (keep the
``{{字段}}`` placeholders). Missing templates are built by :func:`ensure_templates` with
python-docx. Each generated file is stored by digest in the ledger's file store and its
generation ledgered under the case, so the archive can prove what was issued. Generating a
文书 again adds a new version and keeps every earlier one.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fazhi.core.ledger.services import record, store_file
from fazhi.core.workflow.engine import register_action

from . import policies
from .doc_context import REQUIRED, context_for, transfer_context
from .models import Case, CaseDocument

TEMPLATE_DIR = Path(__file__).resolve().parent / "doc_templates"
DOCUMENT_GENERATED = register_action("penalty.document_generated", "行政处罚·生成文书")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
Kind = CaseDocument.Kind
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Each template: a title, then paragraphs; a paragraph that is a list of pairs becomes a table.
LAYOUT: dict[str, list[Any]] = {
    Kind.FILING_APPROVAL: [
        "{{执法机关}}",
        "立案审批表",
        "案号：{{案号}}",
        [
            ("案源编号", "{{案源编号}}"),
            ("案源类型", "{{案源类型}}"),
            ("案源情况", "{{案源情况}}"),
            ("当事人", "{{当事人}}"),
            ("证件号码", "{{证件号码}}"),
            ("住所（地址）", "{{地址}}"),
            ("执法事项", "{{执法事项}}"),
            ("涉嫌违法事实", "{{违法事实}}"),
            ("违法行为发生日", "{{违法行为发生日}}"),
            ("承办执法人员", "{{执法人员}}"),
            ("立案依据", "{{立案依据}}"),
            ("负责人审批意见", "同意立案。"),
            ("批准人", "{{批准人}}"),
            ("立案日期", "{{立案日期}}"),
        ],
        "办案期限：自立案之日起{{办案期限}}内作出处理决定（{{决定期限依据}}），届满日{{决定期限}}。",
    ],
    Kind.PRESERVATION_NOTICE: [
        "{{执法机关}}",
        "先行登记保存通知书",
        "{{文号}}",
        "{{当事人}}：",
        "因{{保存理由}}，经本机关负责人{{批准人}}批准，依据{{依据}}，本机关自{{保存日期}}起对下列物品"
        "先行登记保存：{{保存物品}}。",
        "本机关将在七个工作日内（{{处理期限}}前）作出处理决定。在此期间，当事人或者有关人员不得销毁"
        "或者转移证据。",
        "执法人员：{{执法人员}}",
        "{{执法机关}}（印章）",
        "{{日期}}",
    ],
    Kind.PENALTY_NOTICE: [
        "{{执法机关}}",
        "行政处罚告知书",
        "{{文号}}",
        "{{当事人}}：",
        "经查，{{告知事实}}",
        "以上事实有{{证据}}等证据为证。",
        "本机关认为，{{告知理由}}依据{{告知依据}}，本机关拟对你（单位）作出如下行政处罚：{{拟处罚}}。",
        "根据{{告知条款}}的规定，你（单位）享有陈述、申辩的权利。{{听证权利}}",
        "你（单位）可以自收到本告知书之日起五个工作日内（{{权利期限}}前）向本机关提出陈述、申辩"
        "{{听证说明}}；逾期视为放弃上述权利。",
        "联系人：{{执法人员}}  联系地址：{{机关地址}}",
        "{{执法机关}}（印章）",
        "{{日期}}",
    ],
    Kind.HEARING_NOTICE: [
        "{{执法机关}}",
        "听证通知书",
        "{{文号}}",
        "{{当事人}}：",
        "根据你（单位）的申请，本机关定于{{听证日期}}在{{听证地点}}{{公开}}举行听证，"
        "由{{主持人}}主持（主持人非本案调查人员）。",
        "请准时出席。你（单位）认为主持人与本案有直接利害关系的，有权申请回避；"
        "无正当理由拒不出席的，视为放弃听证权利（{{听证依据}}）。",
        "{{执法机关}}（印章）",
        "通知日期：{{通知日期}}",
    ],
    Kind.DECISION: [
        "{{执法机关}}",
        "{{决定书标题}}",
        "{{决定书文号}}",
        "当事人：{{当事人}}",
        "{{证件类型}}：{{证件号码}}",
        "住所（地址）：{{地址}}",
        "违法事实：{{违法事实}}",
        "证据：{{证据}}",
        "{{陈述申辩情况}}",
        "本机关认为：{{决定理由}}",
        "依据：{{处罚依据}}",
        "裁量基准适用情况：{{裁量基准}}",
        "决定：{{处罚种类}}",
        "履行方式和期限：{{履行方式和期限}}",
        "救济途径和期限：{{救济途径和期限}}",
        "{{执法机关名称}}（印章）",
        "{{决定日期}}",
    ],
    Kind.SERVICE_RECEIPT: [
        "{{执法机关}}",
        "送达回证",
        [
            ("送达文书名称及文号", "{{送达文书}}"),
            ("受送达人", "{{当事人}}"),
            ("送达地点", "{{地址}}"),
            ("送达方式", "{{送达方式}}"),
            ("送达日期", "{{送达日期}}"),
            ("受送达人签名或者盖章", ""),
            ("送达人", "{{执法人员}}"),
            ("备注", "{{送达备注}}"),
        ],
    ],
    Kind.CLOSING_APPROVAL: [
        "{{执法机关}}",
        "结案审批表",
        "案号：{{案号}}",
        [
            ("当事人", "{{当事人}}"),
            ("执法事项", "{{执法事项}}"),
            ("立案日期", "{{立案日期}}"),
            ("处理结果", "{{处理结果}}"),
            ("决定书文号", "{{决定书文号}}"),
            ("决定日期", "{{决定日期}}"),
            ("送达情况", "{{送达情况}}"),
            ("执行情况", "{{执行情况}}"),
            ("公示情况", "{{公示情况}}"),
            ("结案理由", "{{结案理由}}"),
            ("批准人", "{{批准人}}"),
            ("结案日期", "{{结案日期}}"),
        ],
    ],
    Kind.TRANSFER_LETTER: [
        "{{执法机关}}",
        "涉嫌犯罪案件移送书",
        "{{移送文号}}",
        "{{接收机关}}：",
        "本机关在查处{{当事人}}涉嫌违法一案（{{案号}}）中，发现其行为涉嫌犯罪，依法应当移送公安机关。"
        "经本机关负责人{{批准人}}批准，现将该案移送你机关，请依法审查处理，并将处理决定书面告知本机关。",
        [
            ("当事人", "{{当事人}}"),
            ("证件号码", "{{证件号码}}"),
            ("住所（地址）", "{{地址}}"),
            ("执法事项", "{{执法事项}}"),
            ("涉嫌犯罪的事实和理由", "{{涉嫌犯罪理由}}"),
            ("涉案金额", "{{涉案金额}}"),
            ("刑事追诉标准", "{{追诉标准}}"),
            ("行政处罚情况", "{{行政处罚情况}}"),
        ],
        "附件（{{移送依据}}）：{{移送材料}}",
        "承办执法人员：{{执法人员}}",
        "{{执法机关}}（印章）",
        "{{日期}}",
    ],
}


def template_path(kind: str) -> Path:
    return TEMPLATE_DIR / f"{kind}.docx"


def build_template(kind: str) -> bytes:
    """A plain, editable template of ``kind`` (title centred, one placeholder per run)."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    for i, part in enumerate(LAYOUT[kind]):
        if isinstance(part, list):
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in part:
                row = table.add_row().cells
                row[0].text, row[1].text = label, value
            continue
        p = doc.add_paragraph()
        run = p.add_run(part)
        if i < 2:
            run.bold = True
            run.font.size = Pt(16 if i == 1 else 14)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif (
            part.endswith("（印章）") or part.startswith("{{日期") or part.startswith("{{决定日期")
        ):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def ensure_templates(*, force: bool = False) -> list[Path]:
    """Write every missing template (all of them with ``force``); returns the paths written."""
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in LAYOUT:
        path = template_path(kind)
        if force or not path.exists():
            path.write_bytes(build_template(kind))
            written.append(path)
    return written


def _substitute(paragraph, values: dict[str, str]) -> None:
    """Replace placeholders in one paragraph, even when Word split them across runs."""
    text = "".join(r.text for r in paragraph.runs)
    if "{{" not in text:
        return
    new = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)
    runs = paragraph.runs
    runs[0].text = new
    for r in runs[1:]:
        r.text = ""


def render(kind: str, values: dict[str, str]) -> bytes:
    """Fill the template of ``kind`` with ``values``; returns the .docx bytes."""
    path = template_path(kind)
    if not path.exists():
        ensure_templates()
    doc = Document(str(path))
    for p in doc.paragraphs:
        _substitute(p, values)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    _substitute(p, values)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def missing_fields(kind: str, values: dict[str, str]) -> list[str]:
    """Mandatory fields of ``kind`` left empty (for the 决定书: every item of 第五十九条)."""
    return [name for name in REQUIRED.get(kind, ()) if not str(values.get(name, "")).strip()]


#: Kinds generated by a step of the procedure itself, not on request.
BY_STEP_ONLY = frozenset({Kind.TRANSFER_LETTER})


def generate_document(case: Case, kind: str, *, actor: Any) -> CaseDocument:
    """Generate one 文书 from the case, store it by digest and ledger its generation."""
    if not (policies.officer_or_head(actor, case) or policies.is_reviewer(actor, case)):
        raise PermissionDenied("您无权生成本案文书。")
    if kind not in Kind.values:
        raise ValidationError({"kind": "未知的文书种类。"})
    if kind in BY_STEP_ONLY:
        raise ValidationError({"kind": f"{Kind(kind).label}在移送公安机关时由平台生成。"})
    return _issue(case, kind, context_for(case, kind), actor=actor)


def generate_transfer_letter(transfer: Any, *, actor: Any) -> CaseDocument:
    """The 涉嫌犯罪案件移送书 of a transfer just carried out (《行政执法机关移送涉嫌犯罪案件的规定》
    第六条（一）), filled from the case and the transfer, stored and ledgered like every 文书.

    Called by the 移送 step inside its transaction, after the workflow has checked who may
    transfer and that the receiver and the materials are there.
    """
    case = transfer.case
    values = context_for(case, Kind.TRANSFER_LETTER)
    values.update(transfer_context(transfer, actor=actor))
    return _issue(case, Kind.TRANSFER_LETTER, values, actor=actor, extra={"transfer": transfer.pk})


def _issue(
    case: Case, kind: str, values: dict[str, str], *, actor: Any, extra: dict | None = None
) -> CaseDocument:
    missing = missing_fields(kind, values)
    if missing:
        raise ValidationError(
            {
                "kind": f"{Kind(kind).label}缺少必须载明的事项：{'、'.join(missing)}"
                "（《中华人民共和国行政处罚法》第五十九条）"
                if kind == Kind.DECISION
                else f"{Kind(kind).label}缺少：{'、'.join(missing)}"
            }
        )
    data = render(kind, values)
    with transaction.atomic():
        # Generating again adds the next version and keeps the earlier ones; the case row's
        # lock orders two generations of the same case (each takes the number after the last).
        Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").first()
        last = CaseDocument.objects.filter(case=case, kind=kind).aggregate(v=Max("version"))["v"]
        doc = CaseDocument(case=case, kind=kind, version=(last or 0) + 1, generated_by=actor)
        name = doc.file_name
        doc.file = store_file(
            data,
            name=name,
            content_type=DOCX,
            actor=actor,
            subject=case.subject,
        )
        doc.save()
        record(
            case.subject,
            DOCUMENT_GENERATED,
            {
                "kind": kind,
                "label": Kind(kind).label,
                "version": doc.version,
                "file_digest": doc.file.digest,
                "name": name,
                "document": doc.pk,
                **(extra or {}),
            },
            actor=actor,
        )
    return doc
