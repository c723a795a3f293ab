"""Import of an existing 依申请公开 register (.xlsx), declared for the platform's importer.

Each row is registered (receipt date by channel, 第三十一条) and, if the register gives an
answer, answered (第三十六条 with its required content), exactly as if entered on the page, so
the same guards apply. The import is all or nothing: every row is tried, every problem is
reported with its row and column, and if any row fails nothing is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.importing import Column, Importer

from . import policies, rules, services


def _codes(labels: Mapping[str, str]) -> dict[str, str]:
    """label → code, from the rules' code → label."""
    return {label: code for code, label in labels.items()}


def _choice(key: str, header: str, labels: Mapping[str, str], example: str = "", **kw: Any):
    return Column(key, header, example=example, type="choice", codes=_codes(labels), **kw)


DATE = {"type": "date"}

SPEC = (
    Column(
        "agency",
        "受理机关",
        True,
        example="示范县人民政府",
        type="agency",
        agencies=policies.registering_agencies,
        missing="找不到机关“{value}”，或您不是该机关的信息公开工作人员。",
    ),
    Column("number", "申请编号"),
    _choice("applicant_kind", "申请人类型", dict(rules.APPLICANT_KIND_CHOICES), "自然人"),
    Column("applicant_name", "申请人姓名或名称", True, example="王某某"),
    Column("applicant_id_number", "身份证明号码", text=True),
    Column("applicant_contact", "联系方式", example="13800000000", text=True),
    Column("applicant_address", "通讯地址", example="示范县城关镇"),
    Column("content", "申请公开的政府信息", True, example="2024年城关镇旧城改造项目征收补偿方案"),
    _choice("delivery_form", "获取信息的方式", rules.DELIVERY_FORMS, "纸质文本（邮寄或自取）"),
    _choice("channel", "提交渠道", dict(rules.CHANNEL_CHOICES), "当面提交", required=True),
    Column("submitted_on", "提交（到达）日", True, example="2025-03-03", **DATE),
    Column("signed_on", "签收日", **DATE),
    Column("confirmed_on", "确认日", **DATE),
    _choice("answer_type", "答复类型", dict(rules.ANSWER_TYPE_CHOICES), "已主动公开"),
    Column("answered_on", "答复日", example="2025-03-10", **DATE),
    _choice("refusal_ground", "不予公开依据", dict(rules.REFUSAL_GROUND_CHOICES)),
    _choice("not_processed_reason", "不予处理情形", dict(rules.NOT_PROCESSED_CHOICES)),
    Column("reason", "理由"),
    Column(
        "access_way",
        "提供的信息或获取方式、途径",
        example="已在县政府门户网站“政府信息公开—重点领域—征收”栏目公开",
        width=30,
    ),
    Column("responsible_agency", "负责公开的机关及联系方式"),
    Column("special_law", "有特别规定的法律、行政法规"),
    Column("letter_number", "答复书文号"),
)
ANSWER_KEYS = (
    "answer_type",
    "answered_on",
    "refusal_ground",
    "not_processed_reason",
    "reason",
    "access_way",
    "responsible_agency",
    "special_law",
    "letter_number",
)


def import_row(actor: Any, **values: Any) -> Any:
    """One row: registered with the importer as its handler, then answered if it says so."""
    answer = {k: values.pop(k) for k in ANSWER_KEYS if k in values}
    req = services.register_request(actor=actor, handler=actor, **values)
    if answer:
        if "answered_on" not in answer:
            raise ValidationError({"answered_on": "有答复类型的，请填写答复日。"})
        services.answer_request(req, actor=actor, **answer)
    return req


IMPORTER = Importer(
    name="disclosure.requests",
    label="依申请公开台账",
    columns=SPEC,
    row_service=import_row,
    allowed=lambda user: policies.registering_agencies(user).exists(),
    refused="只有信息公开工作人员可以导入台账。",
    template_filename="依申请公开台账导入模板.xlsx",
    unit="条申请",
    description="每行一件申请，按页面登记和答复的同一规则处理（收到日按提交渠道确定，答复须载明法定内容）。",
)
