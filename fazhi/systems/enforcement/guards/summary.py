"""Guards of the summary procedure (简易程序) beyond its limits (:mod:`.penalty`): the 告知 and the
party's statement that every decision needs (第四十四条, 第四十五条, 第六十二条), the certificate
shown (第五十二条第一款), and the fines collected on the spot (第六十八条 to 第七十一条)."""

from __future__ import annotations

from decimal import Decimal

from fazhi.core.workflow.dates import not_after_today, not_before, step_day
from fazhi.core.workflow.engine import Context

from .. import rules
from ..rules import XZCF
from .common import guard

# -- the on-the-spot decision -----------------------------------------------------------------

SUMMARY_NOTIFIED = guard(
    "summary_notified",
    "当场作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，"
    "并告知其依法享有的陈述、申辩权利：请确认已当场告知",
    rules.SUMMARY_NOTICE.citation,
    lambda ctx: ctx.data.get("notified") is True,
)
SUMMARY_HEARD = guard(
    "summary_heard",
    "当场作出行政处罚决定前，应当听取当事人的陈述、申辩：请记录当事人的陈述、申辩，"
    "或者当事人明确放弃陈述、申辩权利",
    rules.SUMMARY_STATEMENT.citation,
    lambda ctx: (
        bool(str(ctx.data.get("statement") or "").strip())
        or ctx.data.get("statement_waived") is True
    ),
)
SUMMARY_CERTIFICATE = guard(
    "summary_certificate",
    "执法人员当场作出行政处罚决定的，应当向当事人出示执法证件：请确认已出示（未填写的不视为已出示）",
    rules.SUMMARY_CERTIFICATE.citation,
    lambda ctx: ctx.data.get("id_shown") is True,
)

# -- 当场收缴 (第六十八条, 第七十条) ------------------------------------------------------------------


def _on_spot(ctx: Context) -> bool:
    return bool(ctx.data.get("on_spot"))


def _ground_holds(ctx: Context) -> bool:
    if not _on_spot(ctx):
        return True
    ground = ctx.data.get("on_spot_ground")
    if ground == "small":
        fine = ctx.obj.decided_fine
        return fine is not None and Decimal(fine) <= rules.ON_SPOT_LIMIT.value
    if ground == "hard":
        return bool(str(ctx.data.get("on_spot_reason") or "").strip())
    return False


def _ground_detail(ctx: Context) -> str | None:
    ground = ctx.data.get("on_spot_ground")
    if ground == "small" and ctx.obj.decided_fine is not None:
        return f"本案罚款为{Decimal(ctx.obj.decided_fine):,.2f}元，超过一百元"
    if ground == "hard":
        return "请写明不当场收缴事后难以执行的情况"
    return "请选择当场收缴的情形"


ON_SPOT_SUMMARY = guard(
    "on_spot_summary",
    "只有依照第五十一条当场作出的行政处罚决定，执法人员才可以当场收缴罚款",
    rules.ON_SPOT_LIMIT.citation.replace("第一项", ""),
    lambda ctx: not _on_spot(ctx) or ctx.obj.procedure == "summary",
)
ON_SPOT_GROUND = guard(
    "on_spot_ground",
    "当场收缴罚款限于依法给予一百元以下罚款，或者不当场收缴事后难以执行的情形",
    rules.ON_SPOT_LIMIT.citation.replace("第一项", ""),
    _ground_holds,
    detail=_ground_detail,
)
ON_SPOT_RECEIPT = guard(
    "on_spot_receipt",
    "当场收缴罚款的，必须向当事人出具财政部门统一制发的专用票据：请填写票据号",
    rules.ON_SPOT_RECEIPT.citation,
    lambda ctx: not _on_spot(ctx) or bool(str(ctx.data.get("receipt_number") or "").strip()),
)

# -- 第七十一条: the hand-in to the agency and the deposit at the bank --------------------------

_ART71 = f"{XZCF}第七十一条"


def _pending(case, *, handed_in: bool):
    """The on-the-spot collection the next hand-in (or deposit) is for."""
    rows = case.payments.filter(on_spot=True, deposited_on=None, handed_in_on__isnull=not handed_in)
    return rows.order_by("paid_on", "id").first()


def cash_pending(case) -> bool:
    """Whether cash collected on the spot has not yet been handed in to the agency."""
    return _pending(case, handed_in=False) is not None


def cash_to_deposit(case) -> bool:
    """Whether cash handed in has not yet been paid into the designated bank."""
    return _pending(case, handed_in=True) is not None


ON_WATER_LANDED = guard(
    "on_water_landed",
    "在水上当场收缴的罚款，自抵岸之日起二日内交至行政机关：请填写抵岸日",
    _ART71,
    lambda ctx: not (_on_spot(ctx) and ctx.data.get("on_water")) or bool(ctx.data.get("landed_on")),
)
ONE_COLLECTION_AT_A_TIME = guard(
    "one_collection_at_a_time",
    "前一笔当场收缴的罚款尚未交至行政机关，请先登记交回",
    _ART71,
    lambda ctx: not _on_spot(ctx) or not cash_pending(ctx.obj),
)
CASH_TO_HAND_IN = guard(
    "cash_to_hand_in",
    "没有待交至行政机关的当场收缴罚款",
    _ART71,
    lambda ctx: cash_pending(ctx.obj),
)
CASH_TO_DEPOSIT = guard(
    "cash_to_deposit",
    "没有已交至行政机关、待缴付指定银行的当场收缴罚款",
    _ART71,
    lambda ctx: cash_to_deposit(ctx.obj),
)
CASH_SETTLED = guard(
    "cash_settled",
    "当场收缴的罚款应当交至行政机关并缴付指定的银行后方可结案",
    _ART71,
    lambda ctx: not ctx.obj.payments.filter(on_spot=True, deposited_on=None).exists(),
)


def _collected(ctx: Context):
    row = _pending(ctx.obj, handed_in=False)
    return None if row is None else (row.landed_on or row.paid_on)


def _handed_in(ctx: Context):
    row = _pending(ctx.obj, handed_in=True)
    return None if row is None else row.handed_in_on


LANDED_AFTER_COLLECTION = not_before(
    "landed_after_collection",
    step_day("landed_on"),
    step_day(),
    later_label="抵岸日",
    earlier_label="收缴日",
    citation=_ART71,
    when=lambda ctx: _on_spot(ctx) and bool(ctx.data.get("on_water")),
)
HANDED_IN_NOT_FUTURE = not_after_today("handed_in_not_future", step_day(), label="交至行政机关日")
HANDED_IN_AFTER_COLLECTION = not_before(
    "handed_in_after_collection",
    step_day(),
    _collected,
    later_label="交至行政机关日",
    earlier_label="收缴日（抵岸日）",
    citation=_ART71,
)
DEPOSITED_NOT_FUTURE = not_after_today("deposited_not_future", step_day(), label="缴付银行日")
DEPOSITED_AFTER_HAND_IN = not_before(
    "deposited_after_hand_in",
    step_day(),
    _handed_in,
    later_label="缴付银行日",
    earlier_label="交至行政机关日",
    citation=_ART71,
)

__all__ = [
    "CASH_SETTLED",
    "CASH_TO_DEPOSIT",
    "CASH_TO_HAND_IN",
    "DEPOSITED_AFTER_HAND_IN",
    "DEPOSITED_NOT_FUTURE",
    "HANDED_IN_AFTER_COLLECTION",
    "HANDED_IN_NOT_FUTURE",
    "LANDED_AFTER_COLLECTION",
    "ONE_COLLECTION_AT_A_TIME",
    "ON_SPOT_GROUND",
    "ON_SPOT_RECEIPT",
    "ON_SPOT_SUMMARY",
    "ON_WATER_LANDED",
    "SUMMARY_CERTIFICATE",
    "SUMMARY_HEARD",
    "SUMMARY_NOTIFIED",
    "cash_pending",
    "cash_to_deposit",
]
