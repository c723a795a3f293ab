"""What each transition of the 行政处罚 workflow writes, once its guards have passed.

Effects run inside :func:`fazhi.core.workflow.engine.perform`'s transaction, on the locked case
row, from the step's data (already validated and made JSON-safe by the services). They create
the step's own rows (evidence, hearing, review…) and the per-item clocks that a declared
:class:`~fazhi.core.workflow.engine.Timer` cannot key (one 先行登记保存 clock per preservation).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fazhi.core.deadlines.service import PUBLIC_NOTICE, service_date
from fazhi.core.numbering import services as numbering
from fazhi.core.tasks import services as tasks
from fazhi.core.workflow.engine import Context

from . import rules, sectors
from .amounts import crosses_threshold, outstanding
from .models import (
    Case,
    CollectiveDiscussion,
    Deferral,
    Evidence,
    Hearing,
    LegalReview,
    Payment,
    Preservation,
    Recusal,
    Remedy,
    Statement,
    Transfer,
)
from .publishing import publish, withdraw


def _deadlines():
    from fazhi.core.deadlines import services

    return services


def assign(obj: Any, data: dict[str, Any], names: tuple[str, ...]) -> None:
    """Copy ``names`` present in ``data`` onto ``obj``, each converted by its model field."""
    for name in names:
        if name in data:
            field = obj._meta.get_field(name)
            value = data[name]
            setattr(
                obj,
                field.attname,
                None if value in (None, "") and field.null else field.to_python(value),
            )


def _prefix(case: Case) -> str:
    return agency_prefix(case.agency)


def agency_prefix(agency: Any) -> str:
    return agency.short_name or agency.name[:4]


#: 立案号 and 决定书文号 of the agency and year, numbered in order: 某某罚立〔2025〕12号.
CASE_NUMBERS = numbering.Series(
    "enforcement.case", Case, "number", lambda a, y: f"{agency_prefix(a)}罚立〔{y}〕"
)
DECISION_NUMBERS = numbering.Series(
    "enforcement.decision", Case, "decision_number", lambda a, y: f"{agency_prefix(a)}罚决〔{y}〕"
)


FACT_FIELDS = (
    "party_name",
    "party_id_number",
    "party_uscc",
    "party_birth_date",
    "party_address",
    "party_phone",
    "violation_date",
    "violation_end_date",
    "discovered_on",
    "facts",
    "amount_involved",
    "harms_life_health_finance",
    "complex_or_major",
    "review_public_interest",
    "review_complex",
    "review_other_law",
    "circumstances",
)


def register_source(ctx: Context) -> None:
    case = ctx.obj
    case.source_number = f"{_prefix(case)}案源〔{case.registered_on.year}〕{case.pk}号"
    if getattr(ctx.actor, "pk", None):
        # the officer who registers the lead handles it until 立案 names the 主办
        tasks.assign(case, lead=ctx.actor, actor=ctx.actor, agency_id=case.agency_id, resync=False)


def decline(ctx: Context) -> None:
    case = ctx.obj
    case.outcome, case.closed_on, case.close_reason = "declined", ctx.on_date, ctx.data["reason"]


def open_case(ctx: Context) -> None:
    case = ctx.obj
    assign(case, ctx.data, FACT_FIELDS + ("officer_exception_basis",))
    case.matter_id = ctx.data["matter"]
    case.opened_on = ctx.on_date
    case.opened_by = ctx.actor
    case.number = numbering.issue(CASE_NUMBERS, case.agency, ctx.on_date.year)
    case.party_key = case.compute_party_key()
    case.officers.set(ctx.data["officers"])
    _name_handlers(ctx)
    _maybe_transfer(ctx)


def _name_handlers(ctx: Context) -> None:
    """立案 names the 主办 and 协办 among the case's officers (the form offers only officers with
    a login; the registering officer stays 主办 when the head names nobody)."""
    from fazhi.core.accounts.models import StaffMember

    staff = {s.pk: s for s in StaffMember.objects.filter(pk__in=ctx.data["officers"])}
    chosen = [staff[pk] for pk in ctx.data["officers"] if pk in staff and staff[pk].user_id]
    lead = staff.get(ctx.data.get("lead") or 0)
    assistant = staff.get(ctx.data.get("assistant") or 0)
    current = tasks.lead_of(ctx.obj)
    if lead is None:
        keep = current is not None and any(s.user_id == current.pk for s in chosen)
        lead_user = current if keep else (chosen[0].user if chosen else None)
    else:
        lead_user = lead.user
    if assistant is None:
        others = [s for s in chosen if lead_user is None or s.user_id != lead_user.pk]
        assistant = others[0] if others else None
    if lead_user is not None:
        tasks.assign(
            ctx.obj,
            lead=lead_user,
            assistant=assistant.user if assistant is not None else None,
            actor=ctx.actor,
            agency_id=ctx.obj.agency_id,
            resync=False,
        )


def record_findings(ctx: Context) -> None:
    case = ctx.obj
    assign(case, ctx.data, FACT_FIELDS)
    case.party_key = case.compute_party_key()
    _maybe_transfer(ctx)


def _maybe_transfer(ctx: Context) -> None:
    """两法衔接: crossing the matter's criminal threshold raises the transfer task by itself."""
    case = ctx.obj
    if crosses_threshold(case) and not case.transfers.exists():
        matter = case.matter
        Transfer.objects.create(
            case=case,
            raised_on=ctx.on_date,
            raised_by=ctx.actor if getattr(ctx.actor, "pk", None) else None,
            automatic=True,
            amount_involved=case.amount_involved,
            threshold_amount=matter.criminal_threshold_amount,
            threshold_note=matter.criminal_threshold_note or "",
            reason=f"涉案金额{case.amount_involved}元达到“{matter.name}”的刑事追诉标准"
            f"（{matter.criminal_threshold_amount}元），涉嫌犯罪",
        )
        ctx.data["transfer_raised"] = True


def add_evidence(ctx: Context) -> None:
    d = ctx.data
    ev = Evidence.objects.create(
        case=ctx.obj,
        kind=d["kind"],
        title=d["title"],
        description=d.get("description", ""),
        file_id=d.get("file_digest") or None,
        collected_on=ctx.day("collected_on"),
        collected_by=d.get("collected_by", ""),
        id_shown=d.get("id_shown") is True,
        electronic_monitoring=d.get("electronic_monitoring", False),
        monitoring_audited=d.get("monitoring_audited", False),
        added_by=ctx.actor,
    )
    ctx.data["evidence"] = ev.pk


def preserve_evidence(ctx: Context) -> None:
    d = ctx.data
    p = Preservation.objects.create(
        case=ctx.obj,
        items=d["items"],
        reason=d.get("reason", ""),
        preserved_on=ctx.on_date,
        approved_by_id=d["approved_by"],
    )
    deadline = _deadlines().start(
        ctx.obj,
        rules.RULE_PRESERVATION,
        ctx.on_date,
        agency_id=ctx.obj.agency_id,
        key=p.key,
        assignee=ctx.actor,
        label=ctx.obj.label,
    )
    p.due = deadline.due
    p.save(update_fields=["due"])
    ctx.data["preservation"] = p.pk


def decide_preservation(ctx: Context) -> None:
    p = ctx.obj.preservations.get(pk=ctx.data["preservation"])
    p.decision, p.decision_detail, p.decided_on = (
        ctx.data["decision"],
        ctx.data.get("detail", ""),
        ctx.on_date,
    )
    p.save(update_fields=["decision", "decision_detail", "decided_on"])
    _deadlines().stop(ctx.obj, rules.RULE_PRESERVATION, ctx.on_date, key=p.key)


def request_recusal(ctx: Context) -> None:
    r = Recusal.objects.create(
        case=ctx.obj,
        applicant=ctx.data["applicant"],
        target_id=ctx.data["target"],
        reason=ctx.data["reason"],
        requested_on=ctx.on_date,
    )
    ctx.data["recusal"] = r.pk


def decide_recusal(ctx: Context) -> None:
    r = ctx.obj.recusals.get(pk=ctx.data["recusal"])
    r.decision, r.decided_on, r.decided_by = ctx.data["decision"], ctx.on_date, ctx.actor
    r.save(update_fields=["decision", "decided_on", "decided_by"])
    if r.decision == Recusal.Decision.GRANTED:
        ctx.obj.officers.set(ctx.data["officers"])


def serve_notice(ctx: Context) -> None:
    case, d = ctx.obj, ctx.data
    case.proposed_types = list(d["types"])
    case.proposed_fine = ctx.decimal("fine")
    case.proposed_confiscation = ctx.decimal("confiscation")
    case.proposed_detail = d.get("detail", "")
    case.notice_facts, case.notice_reasons, case.notice_basis = (
        d["facts"],
        d["reasons"],
        d["basis_text"],
    )
    # 公告送达: the window of 第六十四条 runs from the deemed 送达日 (民事诉讼法 第九十五条).
    mode = str(d.get("mode") or "")
    case.notice_served_on, case.notice_service_mode = service_date(mode, ctx.on_date), mode
    case.notice_posted_on = ctx.on_date if mode == PUBLIC_NOTICE else None
    case.hearing_right = bool(d["hearing_right"])
    # A new notice gives the rights afresh (第四十四条): a waiver of the old one does not carry over.
    case.statement_waived_on = case.hearing_waived_on = None
    # Earlier 法制审核 and 集体讨论 did not see this proposal (第五十八条, 第五十七条第二款).
    case.proposal_generation += 1
    case.hearing_grounds = list(d.get("hearing_grounds") or [])
    case.hearing_basis = d.get("hearing_basis", "")


def record_statement(ctx: Context) -> None:
    case, d = ctx.obj, ctx.data
    if d.get("waive_statement"):
        case.statement_waived_on = ctx.on_date
    if d.get("waive_hearing"):
        case.hearing_waived_on = ctx.on_date
    # A written waiver is no statement: nothing to 复核 (第四十五条); what the officer wrote with
    # it (the waiver's words) stays in the step's ledger entry.
    if d.get("content") and not d.get("waive_statement"):
        s = Statement.objects.create(
            case=case,
            received_on=ctx.on_date,
            oral=d.get("oral", False),
            content=d["content"],
            file_id=d.get("file_digest") or None,
        )
        d["statement"] = s.pk


def review_statement(ctx: Context) -> None:
    s = ctx.obj.statements.get(pk=ctx.data["statement"])
    s.review_result, s.review_opinion = ctx.data["result"], ctx.data.get("opinion", "")
    s.reviewed_on, s.reviewed_by = ctx.on_date, ctx.actor
    s.save(update_fields=["review_result", "review_opinion", "reviewed_on", "reviewed_by"])


def request_hearing(ctx: Context) -> None:
    h = Hearing.objects.create(case=ctx.obj, requested_on=ctx.on_date)
    ctx.data["hearing"] = h.pk


def _open_hearing(case: Case) -> Hearing:
    return case.hearings.filter(outcome="").order_by("-id").first()


def schedule_hearing(ctx: Context) -> None:
    h, d = _open_hearing(ctx.obj), ctx.data
    h.scheduled_for, h.location = ctx.day("scheduled_for"), d.get("location", "")
    h.chair_id, h.notified_on, h.public = d["chair"], ctx.day("notified_on"), d.get("public", True)
    h.save()
    dl = _deadlines()
    # "七日前": the clock's due date is the latest day the notice may go out.
    dl.start(
        ctx.obj,
        rules.RULE_HEARING_NOTICE,
        h.scheduled_for,
        agency_id=ctx.obj.agency_id,
        key=h.key,
        assignee=ctx.actor,
        label=ctx.obj.label,
    )
    dl.stop(ctx.obj, rules.RULE_HEARING_NOTICE, h.notified_on, key=h.key)


def record_hearing(ctx: Context) -> None:
    h, d = _open_hearing(ctx.obj), ctx.data
    h.outcome, h.held_on = d["outcome"], ctx.on_date if d["outcome"] == "held" else None
    h.record, h.record_file_id = d.get("record", ""), d.get("file_digest") or None
    h.save()
    if h.outcome == "held":
        # The decision rests on the hearing record (第六十五条): a review or discussion made
        # before it did not see it.
        ctx.obj.proposal_generation += 1


def submit_legal_review(ctx: Context) -> None:
    rounds = ctx.obj.reviews.count()
    r = LegalReview.objects.create(
        case=ctx.obj,
        round=rounds + 1,
        submitted_on=ctx.on_date,
        submitted_by=ctx.actor,
        materials=ctx.data.get("materials", ""),
    )
    ctx.data["review"] = r.pk


def complete_legal_review(ctx: Context) -> None:
    r = ctx.obj.reviews.filter(result="").order_by("-round").first()
    r.reviewer, r.checklist = ctx.actor, ctx.data["checklist"]
    r.result, r.opinion, r.completed_on = (
        ctx.data["result"],
        ctx.data.get("opinion", ""),
        ctx.on_date,
    )
    r.proposal_generation = ctx.obj.proposal_generation
    r.save()


def record_collective_discussion(ctx: Context) -> None:
    d = ctx.data
    c = CollectiveDiscussion.objects.create(
        case=ctx.obj,
        held_on=ctx.on_date,
        chair=d.get("chair", ""),
        attendees=d["attendees"],
        minutes=d["minutes"],
        result=d["result"],
        recorded_by=ctx.actor,
        proposal_generation=ctx.obj.proposal_generation,
    )
    d["discussion"] = c.pk


DECISION_FIELDS = (
    "decision_reasons",
    "tier",
    "tier_label",
    "recommended_min",
    "recommended_max",
    "benchmark_version_id",
    "deviation_reason",
    "lenient_kind",
    "no_penalty_reason",
    "no_fault_exception",
)


def decide_case(ctx: Context) -> None:
    case, d = ctx.obj, ctx.data
    case.outcome, case.decided_on, case.decided_by = d["outcome"], ctx.on_date, ctx.actor
    case.decided_types = list(d.get("types") or [])
    case.decided_fine, case.decided_confiscation = (
        ctx.decimal("fine"),
        ctx.decimal("confiscation"),
    )
    case.decided_detail = d.get("detail", "")
    assign(case, d, DECISION_FIELDS)
    case.lenient_items = d.get("lenient_items") or []
    # Outside the benchmark, or a 可以不予处罚 case penalised all the same (第三十三条第一款).
    case.flagged_for_review = bool(d.get("deviation_reason") or d.get("no_penalty_reason"))
    basis = d.get("basis") or {}
    case.basis_instrument = basis.get("instrument", "")
    case.basis_article = basis.get("article", "")
    case.basis_quote = basis.get("quote", "")
    case.decision_number = numbering.issue(DECISION_NUMBERS, case.agency, ctx.on_date.year)
    dl = _deadlines()
    clock = sectors.running_decision_clock(case)
    if clock is not None and clock.status == "suspended":
        dl.resume(case, clock.rule_id, ctx.on_date)


def serve_decision(ctx: Context) -> None:
    """The 送达日 is the deemed date for 公告送达 (民事诉讼法 第九十五条); the 公告 day is kept."""
    case, mode = ctx.obj, ctx.data["mode"]
    case.decision_served_on, case.service_mode = service_date(mode, ctx.on_date), mode
    case.decision_notice_on = ctx.on_date if mode == PUBLIC_NOTICE else None


def summary_penalty(ctx: Context) -> None:
    case, d = ctx.obj, ctx.data
    decide_case(ctx)
    case.procedure = "summary"
    # 第五十二条第一款, 第四十四条, 第四十五条: what was done on the spot before deciding
    case.summary_id_shown = d["id_shown"]
    case.summary_notified = d["notified"]
    case.summary_statement = d.get("statement") or ""
    if d.get("statement_waived") and not case.summary_statement:
        case.statement_waived_on = ctx.on_date
    case.officers.set(d["officers"])
    case.number = case.decision_number
    case.decision_served_on, case.service_mode = ctx.on_date, "on_spot"


def file_summary_penalty(ctx: Context) -> None:
    ctx.obj.summary_filed_on = ctx.on_date


def record_payment(ctx: Context) -> None:
    case, d = ctx.obj, ctx.data
    amount, extra = ctx.decimal("amount"), ctx.decimal("surcharge") or Decimal(0)
    Payment.objects.create(
        case=case,
        paid_on=ctx.on_date,
        amount=amount,
        surcharge=extra,
        receipt_number=d.get("receipt_number", ""),
        recorded_by=ctx.actor,
        on_spot=bool(d.get("on_spot")),
        on_spot_ground=d.get("on_spot_ground") or "" if d.get("on_spot") else "",
        on_spot_reason=d.get("on_spot_reason") or "" if d.get("on_spot") else "",
        on_water=bool(d.get("on_spot") and d.get("on_water")),
        landed_on=ctx.day("landed_on") if d.get("on_spot") and d.get("on_water") else None,
    )
    case.paid_amount += amount
    case.surcharge_paid += extra
    fine_left, surcharge_left = outstanding(case, ctx.on_date)
    if fine_left <= 0 and surcharge_left <= 0:
        case.paid_on = ctx.on_date
        _deadlines().stop(case, rules.RULE_PAYMENT, ctx.on_date)
        d["paid_in_full"] = True


def _cash(case, *, handed_in: bool) -> Payment:
    rows = case.payments.filter(on_spot=True, deposited_on=None, handed_in_on__isnull=not handed_in)
    return rows.order_by("paid_on", "id").first()


def hand_in_cash(ctx: Context) -> None:
    """第七十一条: the cash collected on the spot reaches the agency."""
    row = _cash(ctx.obj, handed_in=False)
    row.handed_in_on = ctx.on_date
    row.save(update_fields=["handed_in_on"])


def deposit_cash(ctx: Context) -> None:
    """第七十一条: the agency pays the cash into the designated bank."""
    row = _cash(ctx.obj, handed_in=True)
    row.deposited_on = ctx.on_date
    row.save(update_fields=["deposited_on"])


def approve_deferral(ctx: Context) -> None:
    d = ctx.data
    Deferral.objects.create(
        case=ctx.obj,
        kind=d["kind"],
        reason=d["reason"],
        approved_on=ctx.on_date,
        approved_by=ctx.actor,
        until=ctx.day("until"),
        instalments=d.get("instalments") or [],
    )
    ctx.obj.deferral_until = ctx.day("until")
    _deadlines().cancel(ctx.obj, rules.RULE_PAYMENT, ctx.on_date)


def record_remedy(ctx: Context) -> None:
    r = Remedy.objects.create(
        case=ctx.obj, kind=ctx.data["kind"], body=ctx.data.get("body", ""), filed_on=ctx.on_date
    )
    ctx.data["remedy"] = r.pk


def conclude_remedy(ctx: Context) -> None:
    case = ctx.obj
    r = case.remedies.get(pk=ctx.data["remedy"])
    r.ended_on, r.result = ctx.on_date, ctx.data["result"]
    r.save(update_fields=["ended_on", "result"])
    if r.result in Remedy.UNDOING and case.publication_id and not case.publication_withdrawn_on:
        # 第四十八条: withdraw within 3 working days of the change.
        _deadlines().start(
            case,
            rules.RULE_WITHDRAWAL,
            ctx.on_date,
            agency_id=case.agency_id,
            assignee=ctx.actor,
            label=case.label,
        )


def apply_court_enforcement(ctx: Context) -> None:
    case = ctx.obj
    case.court_applied_on, case.court_name = ctx.on_date, ctx.data.get("court", "")
    # A 催告书 served by 公告 counts as served thirty days after it (民事诉讼法 第九十五条).
    posted = ctx.day("demand_served_on")
    if posted is not None:
        mode = str(ctx.data.get("demand_mode") or "")
        case.demand_served_on, case.demand_service_mode = service_date(mode, posted), mode
        case.demand_posted_on = posted if mode == PUBLIC_NOTICE else None


def close_case(ctx: Context) -> None:
    case = ctx.obj
    case.closed_on, case.close_reason = ctx.on_date, ctx.data.get("reason", "")


def drop_case(ctx: Context) -> None:
    case = ctx.obj
    case.outcome = ctx.data.get("outcome") or "dropped"
    case.closed_on, case.close_reason = ctx.on_date, ctx.data["reason"]
    dl = _deadlines()
    for rule in (*sectors.DECISION_RULES, rules.RULE_HEARING_REQUEST):
        dl.cancel(case, rule, ctx.on_date)


def archive_case(ctx: Context) -> None:
    ctx.obj.archived_on = ctx.on_date


def publish_decision(ctx: Context) -> None:
    publish(ctx)


def withdraw_publication(ctx: Context) -> None:
    withdraw(ctx)


def raise_transfer(ctx: Context) -> None:
    case = ctx.obj
    matter = case.matter
    t = Transfer.objects.create(
        case=case,
        raised_on=ctx.on_date,
        raised_by=ctx.actor,
        reason=ctx.data["reason"],
        amount_involved=case.amount_involved,
        threshold_amount=getattr(matter, "criminal_threshold_amount", None),
        threshold_note=getattr(matter, "criminal_threshold_note", "") or "",
    )
    ctx.data["transfer"] = t.pk
