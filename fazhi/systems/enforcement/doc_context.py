"""The fields each 文书 template is filled with, taken from the case.

The 行政处罚决定书 carries every item 第五十九条 requires:
（一）当事人的姓名或者名称、地址；（二）违反法律、法规、规章的事实和证据；（三）行政处罚的种类和
依据；（四）行政处罚的履行方式和期限；（五）申请行政复议、提起行政诉讼的途径和期限；（六）作出行政
处罚决定的行政机关名称和作出决定的日期 — and the seal line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.core.deadlines import services as deadlines
from fazhi.kernel.formatting import yuan, zh_date

from . import rules, sectors
from .models import Case, CaseDocument, Evidence, PenaltyType
from .publishing import conclusion

Kind = CaseDocument.Kind

#: 第五十九条 items, by the template field that carries each.
REQUIRED: dict[str, tuple[str, ...]] = {
    Kind.DECISION: (
        "当事人",
        "地址",
        "违法事实",
        "证据",
        "处罚种类",
        "处罚依据",
        "履行方式和期限",
        "救济途径和期限",
        "执法机关名称",
        "决定日期",
    ),
    Kind.PENALTY_NOTICE: ("当事人", "告知事实", "告知理由", "告知依据", "拟处罚"),
    Kind.FILING_APPROVAL: ("案号", "当事人", "执法事项", "立案日期"),
    Kind.TRANSFER_LETTER: ("接收机关", "当事人", "涉嫌犯罪理由", "移送材料", "日期"),
}
TRANSFER_RULES = "《行政执法机关移送涉嫌犯罪案件的规定》第六条"


def _officers(case: Case) -> str:
    return "、".join(s.name for s in case.officers.all())


def _evidence(case: Case) -> str:
    items = [f"{e.get_kind_display()}《{e.title}》" for e in case.evidence.all()]
    return "、".join(items) or "（无）"


def _due(case: Case, rule: str) -> date | None:
    found = deadlines.find(case, rule, running=False)
    return found.due if found else None


def reconsideration_body(case: Case) -> str:
    """The 复议机关: the 本级人民政府 of a county department (行政复议法 第二十四条)."""
    gov = case.agency.government
    return gov.name if gov is not None else "本机关的上一级主管部门或者本级人民政府"


def remedy_text(case: Case) -> str:
    """「申请行政复议、提起行政诉讼的途径和期限」 (第五十九条第（五）项)."""
    body = reconsideration_body(case)
    court = (
        f"{case.agency.division.name}人民法院" if case.agency.division_id else "有管辖权的人民法院"
    )
    if case.procedure == "summary":
        # 行政复议法 第二十三条: 当场作出的行政处罚决定, 复议前置.
        return (
            f"如不服本决定，可以在收到本决定书之日起{rules.RECONSIDERATION_PERIOD.value}内向{body}"
            f"申请行政复议（{rules.RECONSIDERATION_PERIOD.citation}）；对当场作出的行政处罚决定不服的，"
            f"应当先申请行政复议（{rules.SUMMARY_RECONSIDERATION_FIRST.citation}），对复议决定不服的，"
            f"可以依法向{court}提起行政诉讼。"
        )
    return (
        f"如不服本决定，可以在收到本决定书之日起{rules.RECONSIDERATION_PERIOD.value}内向{body}"
        f"申请行政复议（{rules.RECONSIDERATION_PERIOD.citation}），或者在{rules.LITIGATION_PERIOD.value}内"
        f"依法向{court}提起行政诉讼（{rules.LITIGATION_PERIOD.citation}）。"
    )


def service_text(case: Case) -> str:
    """The 送达日; for 公告送达 both the 公告 and the deemed date (民事诉讼法 第九十五条)."""
    if case.decision_notice_on:
        return (
            f"{zh_date(case.decision_notice_on)}发出公告，"
            f"{zh_date(case.decision_served_on)}视为送达"
        )
    return zh_date(case.decision_served_on)


def payment_text(case: Case) -> str:
    """履行方式和期限 (第五十九条第（四）项; 第六十七条第三款, 第七十二条)."""
    if case.outcome != "penalty":
        return "本决定不涉及缴纳罚没款。"
    if case.fine_due <= 0:
        return "自收到本决定书之日起履行。"
    rate = rules.SURCHARGE_DAILY_RATE
    return (
        "请自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚没款"
        f"{yuan(case.fine_due)}（{rules.XZCF}第六十七条第三款）。"
        f"到期不缴纳罚款的，每日按罚款数额的百分之{_numeral(int(rate.value * 100))}加处罚款，加处罚款的数额"
        f"不得超出罚款的数额（{rate.citation}）；本机关并可依法申请人民法院强制执行。"
    )


def _numeral(n: int) -> str:
    return "零一二三四五六七八九十"[n] if 0 <= n <= 10 else str(n)


def _clause(text: str) -> str:
    """A party's or reviewer's words set inside a sentence: no closing punctuation of their own."""
    return (text or "").strip().rstrip("。；;，,.、 ")


def statements_text(case: Case) -> str:
    """What the party said after the 告知 and how it was answered (第四十五条), a written waiver
    (第六十二条), the hearing, or that nothing was said within the period."""
    parts = []
    if case.notice_served_on:
        if case.notice_posted_on:
            parts.append(
                f"本机关于{zh_date(case.notice_posted_on)}公告送达行政处罚告知书，"
                f"{zh_date(case.notice_served_on)}视为送达。"
            )
        else:
            parts.append(f"本机关于{zh_date(case.notice_served_on)}向当事人送达了行政处罚告知书。")
    spoke = False
    for s in case.statements.order_by("received_on", "pk"):
        spoke = True
        text = f"当事人于{zh_date(s.received_on)}{'口头' if s.oral else ''}提出陈述申辩：{_clause(s.content)}"
        if s.review_result:
            text += f"；经复核，{s.get_review_result_display()}"
            if _clause(s.review_opinion):
                text += f"（{_clause(s.review_opinion)}）"
        parts.append(text + "。")
    if case.statement_waived_on:
        spoke = True
        parts.append(f"当事人于{zh_date(case.statement_waived_on)}书面放弃陈述、申辩权利。")
    if case.hearing_waived_on:
        parts.append(f"当事人于{zh_date(case.hearing_waived_on)}书面放弃要求听证的权利。")
    for h in case.hearings.filter(outcome="held"):
        spoke = True
        parts.append(f"本机关于{zh_date(h.held_on)}举行听证，并根据听证笔录作出本决定。")
    if not spoke and case.notice_served_on:
        parts.append("当事人在规定期限内未提出陈述、申辩。")
    return "".join(parts)


def benchmark_text(case: Case) -> str:
    """27号 五（十二）: 「在行政执法决定书中对行政裁量权基准的适用情况予以明确」."""
    if not case.tier:
        return "本事项未适用裁量基准。"
    text = f"适用裁量阶次“{case.tier_label or case.tier}”"
    if case.benchmark_version_id:
        text += f"（裁量基准版本编号{case.benchmark_version_id}）"
    if case.recommended_min is not None or case.recommended_max is not None:
        text += f"，建议幅度{case.recommended_min or 0:,.0f}元至{case.recommended_max or 0:,.0f}元"
    if case.deviation_reason:
        text += f"；偏离建议幅度的理由：{case.deviation_reason}"
    lenient = "；".join(i.get("label", "") for i in case.lenient_items or [])
    return text + (f"；适用包容审慎清单：{lenient}" if lenient else "") + "。"


def context_for(case: Case, kind: str) -> dict[str, Any]:
    """Every placeholder value for ``kind`` (unknown placeholders render empty)."""
    agency = case.agency
    person = case.is_person
    preservation = case.preservations.order_by("-id").first()
    hearing = case.hearings.order_by("-id").first()
    notice_due = _due(case, rules.RULE_HEARING_REQUEST)
    decision_title = "行政处罚决定书" if case.outcome != "no_penalty" else "不予行政处罚决定书"
    if case.procedure == "summary":
        decision_title = "当场行政处罚决定书"
    values: dict[str, Any] = {
        "执法机关": agency.name,
        "执法机关名称": agency.name,
        "机关地址": agency.division.name if agency.division_id else "",
        "案号": case.number,
        "案源编号": case.source_number,
        "案源类型": case.get_source_kind_display(),
        "案源情况": case.source_summary,
        "当事人": case.party_name,
        "证件类型": "公民身份号码" if person else "统一社会信用代码",
        "证件号码": case.party_id_number if person else case.party_uscc,
        "地址": case.party_address or "（未登记）",
        "执法事项": str(case.matter) if case.matter_id else "",
        "违法事实": case.facts or case.notice_facts,
        "违法行为发生日": zh_date(case.violation_date),
        "执法人员": _officers(case),
        "立案日期": zh_date(case.opened_on),
        "立案依据": f"{case.basis_instrument}{case.basis_article}"
        or (str(case.matter) if case.matter_id else ""),
        "批准人": str(case.opened_by or "") if kind == Kind.FILING_APPROVAL else "",
        # The case's sector rule (第六十条, or the rule it defers to, e.g. 市场监管 第六十四条).
        "办案期限": sectors.period_words(case),
        "决定期限依据": sectors.decision_period(case).citation,
        "决定期限": zh_date(case.decision_due),
        "文号": f"{case.number}" if case.number else "",
        "日期": zh_date(timezone.localdate()),
        "证据": _evidence(case),
        "告知事实": case.notice_facts,
        "告知理由": case.notice_reasons,
        "告知依据": case.notice_basis,
        "拟处罚": _proposed(case),
        "告知条款": "《中华人民共和国行政处罚法》第四十四条、第四十五条",
        "听证权利": hearing_right_text(case),
        "听证说明": "或者要求听证" if case.hearing_right else "",
        "权利期限": zh_date(notice_due),
        "决定书标题": decision_title,
        "决定书文号": case.decision_number,
        "陈述申辩情况": statements_text(case),
        "决定理由": case.decision_reasons,
        "处罚依据": f"{case.basis_instrument}{case.basis_article}"
        + (f"：「{case.basis_quote}」" if case.basis_quote else ""),
        "裁量基准": benchmark_text(case),
        "处罚种类": conclusion(case),
        "履行方式和期限": payment_text(case),
        "救济途径和期限": remedy_text(case),
        "决定日期": zh_date(case.decided_on),
        "送达文书": f"{decision_title}（{case.decision_number}）",
        "送达方式": case.get_service_mode_display(),
        "送达日期": service_text(case),
        "送达备注": "依照《中华人民共和国民事诉讼法》有关规定送达",
        "处理结果": case.get_outcome_display(),
        "送达情况": f"{service_text(case)}{case.get_service_mode_display()}"
        if case.decision_served_on
        else "",
        "执行情况": _execution(case),
        "公示情况": f"{zh_date(case.published_on)}公示" if case.published_on else "未公示",
        "结案理由": case.close_reason or "处罚决定已执行完毕",
        "结案日期": zh_date(case.closed_on),
    }
    if preservation is not None:
        values.update(
            {
                "保存理由": preservation.reason or "证据可能灭失或者以后难以取得",
                "保存物品": preservation.items,
                "保存日期": zh_date(preservation.preserved_on),
                "批准人": str(preservation.approved_by)
                if kind == Kind.PRESERVATION_NOTICE
                else values["批准人"],
                "处理期限": zh_date(preservation.due),
                "依据": "《中华人民共和国行政处罚法》第五十六条",
            }
        )
    if hearing is not None:
        values.update(
            {
                "听证日期": zh_date(hearing.scheduled_for),
                "听证地点": hearing.location,
                "公开": "公开" if hearing.public else "不公开",
                "主持人": hearing.chair.name if hearing.chair else "",
                "通知日期": zh_date(hearing.notified_on),
                "听证依据": "《中华人民共和国行政处罚法》第六十四条",
            }
        )
    if kind == Kind.CLOSING_APPROVAL:
        values["批准人"] = str(case.decided_by or "")
    return {k: ("" if v is None else str(v)) for k, v in values.items()}


def _proposed(case: Case) -> str:
    labels = dict(PenaltyType.choices)
    parts = []
    for t in case.proposed_types or []:
        if t == "fine" and case.proposed_fine:
            parts.append(f"罚款{yuan(case.proposed_fine)}")
        elif t.startswith("confiscate") and case.proposed_confiscation:
            parts.append(f"{labels.get(t, t)}{yuan(case.proposed_confiscation)}")
        else:
            parts.append(labels.get(t, t))
    return "；".join(parts) + (f"（{case.proposed_detail}）" if case.proposed_detail else "")


def _execution(case: Case) -> str:
    if case.outcome != "penalty" or case.fine_due <= 0:
        return "无需缴纳罚没款"
    text = f"应缴罚没款{yuan(case.fine_due)}，已缴{yuan(case.paid_amount)}"
    if case.surcharge_paid:
        text += f"，加处罚款{yuan(case.surcharge_paid)}"
    if case.court_applied_on:
        text += f"；{zh_date(case.court_applied_on)}申请{case.court_name}强制执行"
    return text


def transfer_materials(transfer: Any) -> list[str]:
    """The names of the materials a transfer carries, in the order listed (files of the case)."""
    case = transfer.case
    names: dict[str, str] = {}
    for doc in case.documents.all():
        names.setdefault(doc.file_id, doc.get_kind_display())
    for e in Evidence.objects.filter(case=case, file__isnull=False):
        names.setdefault(e.file_id, f"{e.get_kind_display()}《{e.title}》")
    return [names.get(str(d), f"文件（摘要 {str(d)[:12]}）") for d in transfer.documents or ()]


def transfer_context(transfer: Any, *, actor: Any) -> dict[str, str]:
    """The fields of the 涉嫌犯罪案件移送书 that come from the transfer (and who approved it:
    the transfer is carried out by the agency's head)."""
    case = transfer.case
    materials = transfer_materials(transfer)
    threshold = yuan(transfer.threshold_amount)
    if transfer.threshold_note:
        threshold = (
            f"{threshold}（{transfer.threshold_note}）" if threshold else transfer.threshold_note
        )
    decided = (
        f"本机关已于{zh_date(case.decided_on)}作出处理决定（{case.decision_number}）：{conclusion(case)}"
        if case.decided_on
        else "尚未作出行政处罚决定"
    )
    values = {
        "移送文号": case.number or case.source_number,
        "接收机关": transfer.receiver,
        "批准人": str(actor or ""),
        "涉嫌犯罪理由": transfer.reason,
        "涉案金额": yuan(transfer.amount_involved or case.amount_involved) or "（未认定）",
        "追诉标准": threshold or "（见涉嫌犯罪的事实和理由）",
        "行政处罚情况": decided,
        "移送依据": TRANSFER_RULES,
        "移送材料": "；".join(f"{i}. {name}" for i, name in enumerate(materials, 1)),
        "日期": zh_date(transfer.transferred_on),
    }
    return {k: "" if v is None else str(v) for k, v in values.items()}


def hearing_right_text(case: Case) -> str:
    """The 告知书's sentence on the hearing right: the items of 第六十三条第一款 it rests on."""
    if not case.hearing_right:
        return ""
    grounds = list(case.hearing_grounds or [])
    items = rules.hearing_grounds_text(grounds)
    where = f"第六十三条第一款{items}" if items else "第六十三条"
    extra = f"（{case.hearing_basis}）" if case.hearing_basis else ""
    if grounds == ["granted"]:
        return f"本机关依职权告知：你（单位）有权要求听证{extra}，听证依照《中华人民共和国行政处罚法》第六十四条的规定组织。"
    return f"根据《中华人民共和国行政处罚法》{where}{extra}、第六十四条的规定，你（单位）有权要求听证。"
