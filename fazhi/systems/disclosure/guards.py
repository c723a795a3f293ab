"""The guards of the 依申请公开 workflow: each a condition of 政府信息公开条例 with its article and a
Chinese message, checked by :func:`fazhi.core.workflow.engine.perform` before anything is saved;
and the small readers of the request's state that the guards, effects and timers share.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.workflow.dates import not_before, on_record, step_day
from fazhi.core.workflow.engine import Context, Guard

from . import rules
from .models import Consultation, DisclosureRequest

# -- reading the request's state -------------------------------------------------------------


def open_consultation(obj: DisclosureRequest) -> Consultation | None:
    return obj.consultations.filter(status=Consultation.Status.OPEN).order_by("-id").first()


def counting_from(obj: DisclosureRequest) -> date | None:
    """The day the answer period runs from: the corrected request's receipt, else the receipt."""
    return obj.correction_received_on or obj.received_on


def current_due(obj: DisclosureRequest) -> date | None:
    """The running answer deadline's due date (from the deadlines table)."""
    from fazhi.core.deadlines.services import find

    d = find(obj, rules.RULE_ANSWER)
    return d.due if d is not None else obj.answer_due


def consultation_due(obj: DisclosureRequest) -> date | None:
    """The open consultation's 15-working-day due date (第三十二条、第三十四条): its running
    clock's (which a holiday notice may have moved), else the date recorded when it was sent."""
    from fazhi.core.deadlines.services import find

    c = open_consultation(obj)
    if c is None:
        return None
    d = find(obj, rules.CONSULTATIONS[c.kind].extra["rule"])
    return d.due if d is not None else c.due


def _lapsed(ctx: Context) -> bool:
    """The consulted party's period has run out by the day the result is recorded."""
    due = consultation_due(ctx.obj)
    return due is not None and (ctx.day("replied_on") or ctx.on_date) > due


def resume_day(ctx: Context) -> date:
    """The last day of the consultation time not counted (第三十三条第三款): the day the opinion
    arrived, but never past the consulted party's own 15 working days (第三十二条、第三十四条)."""
    replied = ctx.day("replied_on") or ctx.on_date
    due = consultation_due(ctx.obj)
    return min(replied, due) if due is not None else replied


def open_kind(ctx: Context) -> str:
    c = open_consultation(ctx.obj)
    return c.kind if c is not None else ""


def assignee_of(ctx: Context) -> Any:
    return ctx.obj.handler or ctx.actor


def G(code: str, message: str, citation: str, check) -> Guard:  # noqa: N802 - reads as a table
    return Guard(code=code, message=message, citation=citation, check=check)


# -- guards: registration (第二十九条、第三十一条) ---------------------------------------------

RECEIPT_FIXED = G(
    "receipt_date",
    "收到申请之日须按提交渠道确定（当面提交为提交之日，邮寄为签收之日，平常信函、"
    "互联网和传真为确认之日）",
    f"{rules.XXGK}第三十一条",
    lambda ctx: ctx.obj.received_on is not None,
)
APPLICANT_NAMED = G(
    "applicant",
    "申请须载明申请人的姓名或者名称、联系方式",
    rules.APPLICANT_IDENTITY.citation,
    lambda ctx: bool(ctx.obj.applicant_name.strip()),
)
CONTENT_GIVEN = G(
    "content",
    "申请须载明所申请公开政府信息的名称、文号或者便于查询的其他特征性描述",
    rules.REQUEST_CONTENT.citation,
    lambda ctx: bool(ctx.obj.content.strip()),
)

# -- guards: 补正 (第三十条) -------------------------------------------------------------------

ART30 = rules.CORRECTION.citation
CORRECTION_ITEMS = G(
    "correction_items",
    "补正告知须说明需要补正的事项",
    ART30,
    lambda ctx: bool(ctx.text("correction_items")),
)
CORRECTION_PERIOD = G(
    "correction_period",
    "补正告知须给出合理的补正期限（晚于告知之日）",
    ART30,
    lambda ctx: (
        (d := ctx.day("correction_due")) is not None and d > (ctx.day("notice_on") or ctx.on_date)
    ),
)
CORRECTION_ONCE = G(
    "correction_once",
    "补正应当一次性告知，本申请已告知过补正，不能再次要求补正",
    ART30,
    lambda ctx: ctx.obj.correction_notice_on is None,
)
CORRECTION_AFTER_RECEIPT = not_before(
    "correction_after_receipt",
    step_day("notice_on"),
    on_record("received_on"),
    later_label="补正告知日",
    earlier_label="收到申请之日",
    citation=ART30,
)
CORRECTED_AFTER_NOTICE = not_before(
    "corrected_after_notice",
    step_day("received_on"),
    on_record("correction_notice_on"),
    later_label="收到补正申请之日",
    earlier_label="补正告知日",
    citation=ART30,
)
REVIEWED_AFTER_RECEIPT = not_before(
    "reviewed_after_receipt",
    step_day("reviewed_on"),
    on_record("received_on"),
    later_label="审查确认日",
    earlier_label="收到申请之日",
    citation=ART30,
)
CORRECTION_LAPSED = G(
    "correction_lapsed",
    "补正期限尚未届满，不能视为放弃申请（申请人无正当理由逾期不补正的，才视为放弃）",
    ART30,
    lambda ctx: (
        ctx.obj.correction_due is not None
        and (ctx.day("closed_on") or ctx.on_date) > ctx.obj.correction_due
    ),
)

# -- guards: consultation (第三十二条、第三十三条第三款、第三十四条) ----------------------------

PAUSE = rules.CONSULTATION_PAUSE.citation
PARTY_NAMED = G(
    "consultation_party",
    "须写明被征求意见的第三方或者机关",
    f"{rules.XXGK}第三十二条、第三十四条",
    lambda ctx: bool(ctx.text("party")),
)
CONSULTATION_KIND = G(
    "consultation_kind",
    "征求意见的对象须为第三方（第三十二条）或者共同制作的其他机关（第三十四条）",
    f"{rules.XXGK}第三十二条、第三十四条",
    lambda ctx: ctx.data.get("kind") in rules.CONSULTATIONS,
)
CONSULTATION_DATES = (
    not_before(
        "consultation_sent_after_receipt",
        step_day("sent_on"),
        lambda ctx: counting_from(ctx.obj),
        later_label="发出征求意见书日",
        earlier_label="答复期限的起算日",
        citation=PAUSE,
    ),
    not_before(
        "consultation_delivered_after_sending",
        lambda ctx: ctx.day("delivered_on"),
        step_day("sent_on"),
        later_label="对方收到征求意见书之日",
        earlier_label="发出之日",
        citation=PAUSE,
    ),
)
CONSULT_WITHIN_PERIOD = G(
    "consult_within_period",
    "答复期限已经届满，征求意见所需时间只能从尚未届满的答复期限中扣除",
    PAUSE,
    lambda ctx: (due := current_due(ctx.obj)) is None or (ctx.day("sent_on") or ctx.on_date) <= due,
)
OPINION_KNOWN = G(
    "opinion",
    "请选择被征求意见方的意见",
    PAUSE,
    lambda ctx: ctx.data.get("opinion") in rules.OPINIONS,
)
OPINION_AFTER_DELIVERY = not_before(
    "opinion_after_delivery",
    step_day("replied_on"),
    lambda ctx: c.delivered_on if (c := open_consultation(ctx.obj)) is not None else None,
    later_label="收到意见之日",
    earlier_label="对方收到征求意见书之日",
    citation=PAUSE,
)
NO_REPLY_AFTER_PERIOD = G(
    "no_reply_after_period",
    "第三方提出意见的15个工作日届满后，才能按“逾期未提出意见”处理",
    f"{rules.XXGK}第三十二条",
    lambda ctx: (
        ctx.data.get("opinion") != rules.NO_REPLY
        or (open_kind(ctx) == rules.THIRD_PARTY and _lapsed(ctx))
    ),
)
DEEMED_AFTER_PERIOD = G(
    "deemed_after_period",
    "被征求意见机关提出意见的15个工作日届满后，才能视为同意公开",
    f"{rules.XXGK}第三十四条",
    lambda ctx: (
        ctx.data.get("opinion") != rules.DEEMED_CONSENT
        or (open_kind(ctx) == rules.OTHER_AGENCY and _lapsed(ctx))
    ),
)

# -- guards: extension (第三十三条第二款) -------------------------------------------------------

ART33 = rules.EXTENSION.citation
EXTENSION_APPROVED = G(
    "extension_approval",
    "延长答复期限须经政府信息公开工作机构负责人同意（请登记批准人和批准日）",
    ART33,
    lambda ctx: bool(ctx.text("approver")) and ctx.day("approved_on") is not None,
)
EXTENSION_NOTIFIED = G(
    "extension_notice",
    "延长答复期限须告知申请人（请登记告知日）",
    ART33,
    lambda ctx: ctx.day("notified_on") is not None,
)
EXTENSION_DATES = (
    not_before(
        "extension_approved_after_receipt",
        lambda ctx: ctx.day("approved_on"),
        lambda ctx: counting_from(ctx.obj),
        later_label="批准延长日",
        earlier_label="答复期限的起算日",
        citation=ART33,
    ),
    not_before(
        "extension_notified_after_approval",
        lambda ctx: ctx.day("notified_on"),
        lambda ctx: ctx.day("approved_on"),
        later_label="告知申请人日",
        earlier_label="批准延长日",
        citation=ART33,
    ),
)
EXTENSION_ONCE = G(
    "extension_once",
    "答复期限已经延长，延长的期限最长不得超过20个工作日",
    ART33,
    lambda ctx: not ctx.obj.extended,
)


def extension_length(ctx: Context) -> int | None:
    """The working days asked for (None: the whole extension the rule allows)."""
    value = ctx.data.get("length")
    return int(value) if value not in (None, "") else None


def _max_extension() -> int:
    from fazhi.kernel.timelimits import get_rule

    ext = get_rule(rules.RULE_ANSWER).extension
    return ext.length if ext is not None else 0


EXTENSION_LENGTH = G(
    "extension_length",
    "延长的期限最长不得超过20个工作日",
    ART33,
    lambda ctx: (n := extension_length(ctx)) is None or 1 <= n <= _max_extension(),
)
EXTENSION_IN_TIME = G(
    "extension_in_time",
    "延长须在答复期限届满前经批准并告知申请人",
    ART33,
    lambda ctx: (
        (due := current_due(ctx.obj)) is None
        or max(
            ctx.day("approved_on") or date.min,
            ctx.day("notified_on") or date.min,
        )
        <= due
    ),
)

# -- guards: the answer (第三十六条、第三十七条、第三十二条) -------------------------------------


def answer_type_of(ctx: Context) -> str:
    return str(ctx.data.get("answer_type") or "")


def _requires(code: str):
    """The answer of type ``code`` states everything its article requires."""
    needed = rules.ANSWER_TYPES[code].requires

    def check(ctx: Context) -> bool:
        if answer_type_of(ctx) != code:
            return True
        return all(
            ctx.data.get(f) not in (None, "") and str(ctx.data.get(f)).strip() for f in needed
        )

    return check


def _answer_guard(code: str) -> Guard:
    t = rules.ANSWER_TYPES[code]
    what = "、".join(t.requires.values())
    return G(
        f"answer_{code}", f"答复类型为“{t.label}”的，须写明{what}", t.citation, _requires(code)
    )


ANSWER_TYPE_KNOWN = G(
    "answer_type",
    "请选择答复类型",
    f"{rules.ART36}、第三十七条",
    lambda ctx: answer_type_of(ctx) in rules.ANSWER_TYPES,
)
ANSWER_CONTENT = tuple(_answer_guard(code) for code in rules.ANSWER_TYPES)
GROUND_KNOWN = G(
    "refusal_ground_known",
    "不予公开的依据须为第十四条、第十五条、第十六条等规定的情形",
    f"{rules.XXGK}第十四条至第十六条",
    lambda ctx: (
        answer_type_of(ctx) not in (rules.REFUSED, rules.PARTIAL)
        or ctx.data.get("refusal_ground") in rules.REFUSAL_GROUNDS
    ),
)
NOT_PROCESSED_KNOWN = G(
    "not_processed_known",
    "不予处理须为第三十五条、第三十九条规定的情形",
    f"{rules.XXGK}第三十五条、第三十九条",
    lambda ctx: (
        answer_type_of(ctx) != rules.NOT_PROCESSED
        or ctx.data.get("not_processed_reason") in rules.NOT_PROCESSED_REASONS
    ),
)


def _objected(obj: DisclosureRequest) -> bool:
    return obj.consultations.filter(kind=rules.THIRD_PARTY, opinion=rules.OBJECTION).exists()


PUBLIC_INTEREST = G(
    "public_interest",
    "第三方不同意公开的，决定公开须写明不公开可能对公共利益造成重大影响的理由，并书面告知第三方",
    rules.PUBLIC_INTEREST.citation,
    lambda ctx: (
        not (
            rules.ANSWER_TYPES.get(answer_type_of(ctx))
            and rules.ANSWER_TYPES[answer_type_of(ctx)].discloses
            and answer_type_of(ctx) != rules.PARTIAL
            and _objected(ctx.obj)
        )
        or bool(ctx.text("public_interest_reason"))
    ),
)
PREVIOUS_ANSWERED = G(
    "previous_answered",
    "重复申请须指向本机关已作出答复的同一申请人的原申请",
    f"{rules.ART36}第（六）项",
    lambda ctx: (
        answer_type_of(ctx) != rules.REPEAT
        or DisclosureRequest.objects.filter(
            pk=ctx.data.get("previous_request") or 0,
            agency_id=ctx.obj.agency_id,
            state="answered",
        )
        .exclude(pk=ctx.obj.pk)
        .exists()
    ),
)
ANSWER_AFTER_RECEIPT = not_before(
    "answer_after_receipt",
    step_day("answered_on"),
    lambda ctx: counting_from(ctx.obj),
    later_label="答复日",
    earlier_label="收到申请之日",
    citation=f"{rules.XXGK}第三十三条",
)
CLOSED_AFTER_RECEIPT = not_before(
    "closed_after_receipt",
    step_day("closed_on"),
    on_record("received_on"),
    later_label="终止日",
    earlier_label="收到申请之日",
)
