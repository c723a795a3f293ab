"""Import of an existing 行政应诉 register (.xlsx), declared for the platform's importer.

Each row is registered (the 15-day defence clock from the complaint copy, 行政诉讼法 第六十七条)
and, when the register gives it, its defence recorded, exactly as on the page. All or nothing:
every row is tried, every problem reported with its row and column, nothing kept if any fails.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.importing import Column, Importer

from . import policies, rules, services


def import_row(
    actor: Any, *, submitted_on: date | None = None, evidence: str = "", **register: Any
) -> Any:
    """One row: the suit registered, then its defence if the register gives one."""
    suit = services.register_litigation(actor=actor, **register)
    if evidence and submitted_on is None:
        raise ValidationError({"submitted_on": "填写了证据的，请填写提交答辩状和证据日。"})
    if submitted_on is not None:
        services.submit_defence(suit, actor=actor, submitted_on=submitted_on, evidence=evidence)
    return suit


IMPORTER = Importer(
    name="disputes.litigation",
    label="行政应诉台账",
    columns=(
        Column(
            "agency",
            "被告",
            True,
            example="示范县市场监督管理局",
            type="agency",
            agencies=policies.own_agencies,
            missing="找不到机关“{value}”，或您不是该机关的复议应诉工作人员。",
        ),
        Column("court", "人民法院", True, example="示范县人民法院"),
        Column("number", "案号", True, example="（2025）浙1225行初1号"),
        Column("plaintiff_name", "原告", True, example="张某"),
        Column(
            "complaint_received_on", "收到起诉状副本之日", True, example="2025-03-03", type="date"
        ),
        Column(
            "category",
            "类别",
            example="行政处罚",
            type="choice",
            codes={label: code for code, label in rules.CATEGORIES.items()},
        ),
        Column("act_description", "被诉行政行为", True, example="示市监罚〔2024〕88号行政处罚决定"),
        Column(
            "after_reconsideration", "经复议后起诉", example="否", type="bool", choices=("是", "否")
        ),
        Column("submitted_on", "提交答辩状和证据日", example="2025-03-12", type="date"),
        Column("evidence", "证据和规范性文件", example="证据目录及证据10份", width=30),
    ),
    row_service=import_row,
    allowed=lambda user: policies.own_agencies(user).exists(),
    refused="只有复议应诉工作人员可以导入台账。",
    template_filename="行政应诉台账导入模板.xlsx",
    unit="件应诉案件",
    description="每行一件行政应诉案件，按页面登记和提交答辩的同一规则处理（答辩期限自收到起诉状副本之日起算）。",
)
