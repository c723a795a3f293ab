"""Import of an existing 信访 register (.xlsx), declared for the platform's importer.

Each row is registered (the 第二十二条 / 第二十三条 clocks from its receipt date, the 复核
finality check of 第三十六条第三款) and, when the register gives them, routed, accepted and
answered exactly as on the pages. All or nothing: every row is tried, every problem reported with
its row and column, nothing kept if any fails. Acceptance and the opinion are the handling body's
steps: a row giving them for another body is an error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.importing import Column, Importer

from . import policies, rules, services


def import_row(
    actor: Any,
    *,
    handler_agency: Any = None,
    routed_on: date | None = None,
    accepted_on: date | None = None,
    opinion_on: date | None = None,
    opinion: str = "",
    legal_basis: str = "",
    **register: Any,
) -> Any:
    """One row: registered, then routed, accepted and given its opinion as far as it says."""
    missing = {}
    if routed_on and handler_agency is None:
        missing["handler_agency"] = "填写了转送交办日的，须填写承办机关。"
    if opinion_on and not accepted_on:
        missing["accepted_on"] = "填写了处理意见日的，须填写受理日。"
    if missing:
        raise ValidationError(missing)
    p = services.register_petition(actor=actor, **register)
    if handler_agency is not None:
        p = services.route(
            p,
            actor=actor,
            route=rules.TRANSFER,
            handler_agency=handler_agency,
            routed_on=routed_on or register["received_on"],
        )
    if (
        accepted_on
        and handler_agency is not None
        and not policies.can_act(actor, handler_agency.pk)
    ):
        raise ValidationError(
            {"accepted_on": "受理和处理意见须由承办机关的信访工作人员登记或导入。"}
        )
    if accepted_on:
        p = services.accept(p, actor=actor, accepted_on=accepted_on)
    if opinion_on:
        services.decide(
            p, actor=actor, opinion_on=opinion_on, opinion=opinion, legal_basis=legal_basis
        )
    return p


IMPORTER = Importer(
    name="petitions.register",
    label="信访台账",
    columns=(
        Column(
            "agency",
            "登记机关",
            True,
            example="示范县信访局",
            type="agency",
            agencies=policies.staff_agencies,
            missing="找不到机关“{value}”，或您不是该机关的信访工作人员。",
        ),
        Column("number", "编号"),
        Column(
            "channel",
            "信访形式",
            True,
            example="来访",
            type="choice",
            codes={label: code for code, label in rules.CHANNELS.items()},
        ),
        Column("received_on", "收到日", True, example="2025-03-03", type="date"),
        Column("petitioner_name", "信访人", True, example="张某"),
        Column("petitioner_contact", "联系方式", example="13800000000", text=True),
        Column("content", "投诉请求", True, example="要求撤销对其经营场所的查封", width=30),
        Column("facts_reasons", "事实和理由", example="认为查封程序违法", width=30),
        Column("act_description", "所涉行政行为", example="示市监强〔2025〕3号查封决定"),
        Column(
            "handler_agency",
            "承办机关",
            example="示范县市场监督管理局",
            type="agency",
            missing="找不到机关“{value}”。",
        ),
        Column("routed_on", "转送交办日", example="2025-03-10", type="date"),
        Column("accepted_on", "受理日", example="2025-03-12", type="date"),
        Column("opinion_on", "处理意见日", example="2025-04-20", type="date"),
        Column("opinion", "处理意见", example="经调查，查封程序合法，维持原处理", width=30),
        Column("legal_basis", "法律法规依据", example="《中华人民共和国行政强制法》第二十四条"),
    ),
    row_service=import_row,
    allowed=lambda user: policies.staff_agencies(user).exists(),
    refused="只有信访工作人员可以导入台账。",
    template_filename="信访台账导入模板.xlsx",
    unit="件信访事项",
    description="每行一件信访事项，按页面登记、转送交办、受理和出具处理意见的同一规则处理。",
)
