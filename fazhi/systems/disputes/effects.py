"""The effects of the disputes workflows: what each step writes onto its record (and the hearing
rows it adds), plus the small conditions the timers use. Called only by
:func:`fazhi.core.workflow.engine.perform` inside the step's transaction."""

from __future__ import annotations

from fazhi.core.accounts.models import RoleAssignment
from fazhi.core.workflow.engine import Context

from . import guards as g
from . import rules
from .models import CourtHearing, Hearing
from .policies import can_handle
from .roles import Role


def ordinary(ctx: Context) -> bool:
    return ctx.obj.procedure == rules.ORDINARY


def simplified(ctx: Context) -> bool:
    return ctx.obj.procedure == rules.SIMPLIFIED


def accept(kind: str):
    def effect(ctx: Context) -> None:
        ctx.obj.acceptance = kind
        if kind == "deemed":
            # 第三十条: 「审查期限届满之日起视为受理」 — the acceptance date is the last review day.
            ctx.obj.accepted_on = g.running_due(ctx.obj, rules.R_ACCEPTANCE)
            ctx.data["accepted_on"] = ctx.obj.accepted_on
        else:
            ctx.obj.accepted_on = ctx.day("accepted_on") or ctx.on_date

    return effect


def accepted_on(ctx: Context):
    return ctx.obj.accepted_on


def reject(ctx: Context) -> None:
    ctx.obj.acceptance = "rejected"
    ctx.obj.rejection_reason = ctx.text("rejection_reason")
    ctx.obj.closed_on = ctx.on_date


def correction(ctx: Context) -> None:
    ctx.obj.correction_notice_on = ctx.on_date
    ctx.obj.correction_items = ctx.text("correction_items")


def corrected(ctx: Context) -> None:
    ctx.obj.correction_received_on = ctx.on_date


def set(**fields: str):
    """An effect copying step data onto the object (``attr=data key``)."""

    def effect(ctx: Context) -> None:
        for attr, key in fields.items():
            value = ctx.data.get(key)
            setattr(ctx.obj, attr, value.strip() if isinstance(value, str) else value)

    return effect


def extend(ctx: Context) -> None:
    o = ctx.obj
    o.extended = True
    o.extension_days = int(ctx.data["extension_days"])
    o.extension_approver = ctx.text("approver")
    o.extension_notified_on = ctx.day("notified_on")


def suspend(ctx: Context) -> None:
    ctx.obj.suspended_on = ctx.on_date
    ctx.obj.suspension_reason = ctx.text("reason")


def hearing(ctx: Context) -> None:
    Hearing.objects.create(
        case=ctx.obj,
        held_on=ctx.day("held_on"),
        notice_on=ctx.day("notice_on"),
        chair=ctx.text("chair"),
        members=g.members_of(ctx),
        recorder=ctx.text("recorder"),
        head_attended=g.truthy(ctx.data.get("head_attended")),
        head_name=ctx.text("head_name"),
        absence_reason=ctx.text("absence_reason"),
        delegate=ctx.text("delegate"),
    )


def consult_committee(ctx: Context) -> None:
    ctx.obj.committee_consulted_on = ctx.on_date
    ctx.obj.committee_opinion = ctx.text("committee_opinion")


def decide(ctx: Context) -> None:
    o = ctx.obj
    o.decision_type = ctx.data["decision_type"]
    o.decided_on = o.closed_on = ctx.on_date
    o.decision_approval = ctx.text("approval")
    o.decision_summary = ctx.text("decision_summary")
    o.opinion_letter = bool(ctx.data.get("opinion_letter"))


def answered(ctx: Context) -> None:
    ctx.obj.answered_on = ctx.on_date
    ctx.obj.answer_summary = ctx.text("answer_summary")
    ctx.obj.evidence = ctx.text("evidence")


def attended(ctx: Context) -> None:
    o = ctx.obj
    o.hearing_on = ctx.on_date
    o.head_attended = g.truthy(ctx.data.get("head_attended"))
    o.head_name, o.absence_reason, o.delegate = (
        ctx.text("head_name"),
        ctx.text("absence_reason"),
        ctx.text("delegate"),
    )


def court_hearing(ctx: Context) -> None:
    appeared = g.appeared(ctx)
    CourtHearing.objects.create(
        case=ctx.obj,
        instance=ctx.obj.instance,
        held_on=ctx.on_date,
        summons_received_on=ctx.day("summons_received_on"),
        head_appeared=appeared,
        head_name=ctx.text("head_name") if appeared else "",
        head_position=(ctx.data.get("head_position") or "") if appeared else "",
        spoke_on_resolution=appeared and g.HEAD_SPOKE.check(ctx),
        absence_reason="" if appeared else ctx.data.get("absence_reason") or "",
        absence_proof=ctx.text("absence_proof"),
        delegate=ctx.text("delegate"),
    )


def judgment(ctx: Context) -> None:
    o = ctx.obj
    o.document_kind = ctx.data["document_kind"]
    o.outcome = ctx.data["outcome"]
    o.served_on = ctx.on_date
    lost = ctx.data.get("lost")
    o.lost = (
        rules.LITIGATION_OUTCOMES[o.outcome].result == rules.CORRECTED
        if lost in (None, "")
        else bool(lost)
    )
    for f in ("loss_reason", "responsible_unit", "responsible_officer"):
        setattr(o, f, ctx.text(f) or getattr(o, f))


def first_judgment(ctx: Context) -> bool:
    return ctx.obj.instance == rules.FIRST and ctx.data.get("document_kind") == rules.JUDGMENT


def first_ruling(ctx: Context) -> bool:
    return ctx.obj.instance == rules.FIRST and ctx.data.get("document_kind") == rules.RULING


def appeal(ctx: Context) -> None:
    ctx.obj.appealed_on = ctx.on_date
    ctx.obj.appeal_by = ctx.data.get("appeal_by") or "agency"
    ctx.obj.instance = rules.SECOND
    ctx.obj.second_instance_heard = bool(ctx.data.get("second_instance_heard"))


def close_litigation(ctx: Context) -> None:
    ctx.obj.closed_on = ctx.on_date


def respondent_staff(ctx: Context):
    """Whose to-do the answer clock lands on: the actor if they answer for the respondent,
    else the respondent's first 复议应诉工作人员 (the copy was sent from the body's office)."""
    if can_handle(ctx.actor, ctx.obj):
        return ctx.actor
    grant = (
        RoleAssignment.objects.filter(role=Role.LITIGATION_STAFF, agency_id=ctx.obj.agency_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return grant.user if grant else ctx.actor
