"""Guards of the steps after the decision: 送达, 执行, 结案, 归档, 公示, and the 移送 of a case
suspected of a crime (两法衔接)."""

from __future__ import annotations

from datetime import date

from fazhi.core.deadlines import services as deadlines
from fazhi.core.deadlines.service import PUBLIC_NOTICE, service_date
from fazhi.core.workflow.engine import Context
from fazhi.kernel.timelimits import compute_due

from .. import rules
from ..amounts import outstanding
from ..rules import XZCF, XZQZ
from .common import guard

# -- 送达与执行 ------------------------------------------------------------------------------------

E_SERVICE_CONSENT = guard(
    "electronic_service_consent",
    "当事人同意并签订确认书的，行政机关方可采用传真、电子邮件等方式送达",
    f"{XZCF}第六十一条第二款",
    lambda ctx: ctx.data.get("mode") != "electronic" or bool(ctx.data.get("consent")),
)


def _overdue(ctx: Context) -> bool:
    case = ctx.obj
    due = case.deferral_until or case.payment_due
    fine_left, _ = outstanding(case, ctx.on_date)
    return due is not None and ctx.on_date > due and fine_left > 0


PAYMENT_OVERDUE = guard(
    "payment_overdue",
    "当事人到期不缴纳罚款的，方可申请人民法院强制执行",
    f"{XZCF}第七十二条第一款",
    _overdue,
)


def demand_wait_over(served: date) -> date:
    """The last day of the party's ten working days after the 催告 (行政强制法 第五十四条, ten
    days being working days, 第六十九条): the agency may apply only the day after it."""
    return compute_due(rules.RULE_DEMAND_WAIT, served, calendar=deadlines.calendar()).due


def _demand(ctx: Context) -> tuple[date | None, date | None]:
    """The 催告书's (公告 day, 送达日): the step's date with its mode — served by 公告, deemed
    served thirty days later (民事诉讼法 第九十五条) — else the case's record."""
    given = ctx.day("demand_served_on")
    if given is None:
        return ctx.obj.demand_posted_on, ctx.obj.demand_served_on
    mode = str(ctx.data.get("demand_mode") or "")
    return (given if mode == PUBLIC_NOTICE else None), service_date(mode, given)


def _demand_ok(ctx: Context) -> bool:
    served = _demand(ctx)[1]
    return served is not None and ctx.on_date > demand_wait_over(served)


def _demand_detail(ctx: Context) -> str | None:
    posted, served = _demand(ctx)
    if served is None:
        return "未登记催告书送达日：申请人民法院强制执行前应当催告当事人履行义务"
    last = demand_wait_over(served)
    how = (
        f"于{posted:%Y年%m月%d日}发出公告，{served:%Y年%m月%d日}视为送达"
        if posted
        else (f"于{served:%Y年%m月%d日}送达")
    )
    return (
        f"催告书{how}，当事人履行的十个工作日至{last:%Y年%m月%d日}届满，"
        f"{last:%Y年%m月%d日}之后方可申请人民法院强制执行"
    )


DEMAND_SERVED = guard(
    "demand_served",
    "申请人民法院强制执行前应当催告当事人履行义务，催告书送达十日（工作日）后当事人仍未履行的，方可申请",
    f"{XZQZ}第五十四条、第六十九条",
    _demand_ok,
    detail=_demand_detail,
)


def _executed(ctx: Context) -> bool:
    case = ctx.obj
    if case.court_applied_on is not None:
        return True
    fine_left, surcharge_left = outstanding(case, ctx.on_date)
    return fine_left <= 0 and surcharge_left <= 0


EXECUTED = guard(
    "executed",
    "罚没款（含加处罚款）尚未缴清，也未申请人民法院强制执行，不能结案",
    f"{XZCF}第六十七条、第七十二条",
    _executed,
)
SUMMARY_FILED = guard(
    "summary_filed",
    "执法人员当场作出的行政处罚决定，应当报所属行政机关备案",
    f"{XZCF}第五十二条第三款",
    lambda ctx: ctx.obj.procedure != "summary" or ctx.obj.summary_filed_on is not None,
)
FILE_COMPLETE = guard(
    "file_complete",
    "行政处罚的启动、调查取证、审核、决定、送达、执行等应当全过程记录并归档保存：归档前须生成处理决定文书",
    f"{XZCF}第四十七条",
    lambda ctx: (
        ctx.obj.outcome not in ("penalty", "no_penalty")
        or ctx.obj.documents.filter(kind="decision").exists()
    ),
)
IS_SUMMARY = guard(
    "is_summary",
    "只有简易程序当场作出的处罚决定需要备案",
    f"{XZCF}第五十二条第三款",
    lambda ctx: ctx.obj.procedure == "summary" and ctx.obj.summary_filed_on is None,
)

# -- 公示 ------------------------------------------------------------------------------------------

PUBLISHABLE = guard(
    "publishable",
    "只有已作出且尚未公开的行政处罚决定可以公开",
    f"{XZCF}第四十八条第一款",
    lambda ctx: ctx.obj.outcome == "penalty" and ctx.obj.publication_id is None,
)
WITHDRAWABLE = guard(
    "withdrawable",
    "撤回已公开的行政处罚决定信息，应当公开说明理由",
    f"{XZCF}第四十八条第二款",
    lambda ctx: (
        ctx.obj.publication_id is not None
        and ctx.obj.publication_withdrawn_on is None
        and bool(ctx.data.get("reason"))
    ),
)

# -- 两法衔接 -------------------------------------------------------------------------------------


def _case_files(case) -> set[str]:
    """Digests of the case's stored files: its generated 文书 and its evidence files."""
    docs = case.documents.values_list("file_id", flat=True)
    evidence = case.evidence.exclude(file__isnull=True).values_list("file_id", flat=True)
    return set(docs) | set(evidence)


def _transfer_documents_missing(ctx: Context) -> list[str] | None:
    """The listed materials that are not files of this case (``None`` when none are listed)."""
    listed = [str(d) for d in ctx.data.get("documents") or ()]
    if not listed:
        return None
    return [d for d in listed if d not in _case_files(ctx.obj.case)]


def _transfer_documents_detail(ctx: Context) -> str | None:
    if not ctx.data.get("receiver"):
        return "未填写接收移送的公安机关"
    missing = _transfer_documents_missing(ctx)
    if missing is None:
        return "未附移送材料"
    if missing:
        return f"移送材料须为本案已存证的文书或证据文件，以下不是：{'、'.join(m[:12] for m in missing)}"
    return None


TRANSFER_DOCUMENTS = guard(
    "transfer_documents",
    "移送涉嫌犯罪案件，应当附有案件移送书、涉嫌犯罪案件情况的调查报告、涉案物品清单和有关检验报告或者鉴定结论等材料",
    "《行政执法机关移送涉嫌犯罪案件的规定》第六条",
    lambda ctx: bool(ctx.data.get("receiver")) and _transfer_documents_missing(ctx) == [],
    detail=lambda ctx: _transfer_documents_detail(ctx),
)
RETURN_REASON = guard(
    "return_reason",
    "公安机关不予立案（退回）的，应当记录其理由",
    "《行政执法机关移送涉嫌犯罪案件的规定》第九条",
    lambda ctx: bool(ctx.data.get("reason")),
)
