"""Import of an existing 建议、提案 register (.xlsx), declared for the platform's importer.

Each row is registered, and — if the register says so — assigned, answered and given its
feedback, exactly as on the pages, so the same guards apply. All or nothing: every row is
tried, every problem is reported with its row and column, and if any row fails nothing is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.importing import Column, Importer

from . import forms, policies, rules, services

_KIND_CODES = {
    **{v: k for k, v in rules.KINDS.items()},
    **{v: k for k, v in rules.KIND_SHORT.items()},
}


def _units(actor: Any) -> Any:
    return forms.units()


_UNIT_MISSING = "找不到单位“{value}”。"

SPEC = (
    Column(
        "agency",
        "交办机关",
        True,
        example="示范县人民政府",
        type="agency",
        agencies=policies.registering_agencies,
        missing="找不到“{value}”，或您不是其建议提案办理人员。",
    ),
    Column(
        "kind",
        "类别",
        True,
        example="人大代表建议",
        type="choice",
        codes=_KIND_CODES,
        choices=tuple(rules.KINDS.values()),
    ),
    Column("number", "编号", True, example="第12号"),
    Column("session", "届次会议", True, example="县十八届人大四次会议"),
    Column("year", "年度", True, example="2025", type="int"),
    Column("author", "代表（委员）", True, example="李某某"),
    Column("co_authors", "附议（联名）", False),
    Column("title", "案由", True, example="关于加强城区学校周边交通安全管理的建议", width=30),
    Column("content", "内容", False, example="建议在学校周边增设减速带和护学岗。", width=30),
    Column("received_on", "收到日", True, example="2025-02-20", type="date"),
    Column(
        "lead_unit",
        "主办单位",
        False,
        example="县公安局",
        type="agency",
        agencies=_units,
        missing=_UNIT_MISSING,
    ),
    Column(
        "co_units",
        "协办单位",
        False,
        "多个用顿号“、”分隔。",
        "县教育局",
        type="agencies",
        agencies=_units,
        missing=_UNIT_MISSING,
    ),
    Column("assigned_on", "交办日", False, example="2025-03-10", type="date"),
    Column("answer_due", "答复期限", False, example="2025-06-10", type="date"),
    Column("answered_on", "答复日", False, example="2025-05-20", type="date"),
    Column(
        "result",
        "办理结果",
        False,
        example="A类：所提问题已经解决或采纳",
        type="choice",
        codes={v: k for k, v in rules.RESULTS.items()},
    ),
    Column("answer", "答复内容", False, example="已在城区六所学校周边增设减速带，设立护学岗。"),
    Column("answer_number", "答复文号", False, example="示公建复〔2025〕12号"),
    Column(
        "satisfaction",
        "代表（委员）意见",
        False,
        example="满意",
        type="choice",
        codes={v: k for k, v in rules.SATISFACTION.items()},
    ),
    Column("feedback_on", "反馈日", False, example="2025-05-30", type="date"),
)


def import_row(
    actor: Any,
    *,
    lead_unit: Any = None,
    co_units: Any = (),
    assigned_on: date | None = None,
    answer_due: date | None = None,
    result: str | None = None,
    answer: str = "",
    answer_number: str = "",
    answered_on: date | None = None,
    satisfaction: str | None = None,
    feedback_on: date | None = None,
    content: str = "",
    **register: Any,
) -> Any:
    """One row: registered, then assigned, answered and given feedback as far as it says."""
    answered = result or answer or answer_number or answered_on
    if answered and lead_unit is None:
        raise ValidationError({"lead_unit": "已答复的，请填写主办单位。"})
    if satisfaction and answered_on is None:
        raise ValidationError({"answered_on": "有代表（委员）意见的，请填写答复日。"})
    p = services.register_proposal(actor=actor, content=content, **register)
    if lead_unit is not None or co_units or assigned_on or answer_due:
        p = services.assign(
            p,
            actor=actor,
            lead_unit=lead_unit,
            co_units=co_units or (),
            assigned_on=assigned_on,
            answer_due=answer_due,
        )
    if answered:
        p = services.answer(
            p,
            actor=actor,
            result=result,
            answer=answer,
            answer_number=answer_number,
            answered_on=answered_on,
        )
    if satisfaction:
        p = services.record_satisfaction(
            p, actor=actor, satisfaction=satisfaction, feedback_on=feedback_on
        )
    return p


IMPORTER = Importer(
    name="proposals.register",
    label="建议提案台账",
    columns=SPEC,
    row_service=import_row,
    allowed=lambda user: policies.registering_agencies(user).exists(),
    refused="只有政府办的建议提案办理人员可以导入台账。",
    template_filename="建议提案台账导入模板.xlsx",
    unit="件建议、提案",
    description="每行一件建议或提案，按页面登记、交办、答复和征询意见的同一规则处理。",
)

#: The header row and the template's example row, in column order.
