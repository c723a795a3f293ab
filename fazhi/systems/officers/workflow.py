"""A 执法证/监督证 certificate's life as a declared workflow::

    待发证 ─发证（通过执法资格考试）/登记已发证件→ 有效 ─暂扣→ 暂扣 ─恢复使用→ 有效
                                                  有效/暂扣 ─有效期届满（每日扫描）→ 已过期
                                        有效（换证期间内）/已过期 ─换证→ 有效
                                        有效/暂扣/已过期 ─注销→ 注销（终局）

``待发证`` exists only inside the 发证 transaction (the service creates the row and performs the
step at once), so a refused issue leaves nothing behind. ``登记已发证件`` is the import of a
register of certificates issued before the platform: their exams are not on the platform, so it
does not check them, and the history says which way a certificate came in.

Bases: 纲要 （十五） puts the qualification exam and the issue of certificates with the province;
行政处罚法 第四十二条 requires the qualification of whoever enforces. Renewal, suspension and
revocation follow the province's 行政执法证件管理办法, a local rule named in settings
(:func:`.rules.certificate_rules`) and marked as such; a guard that states only an order of dates
cites nothing.

Each step also writes a :class:`.models.CertificateEvent` (its effect): the dated change that
:func:`.selectors.state_on` reads to answer "was the certificate valid on the day of the act".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.core.workflow.dates import not_before, step_day
from fazhi.core.workflow.engine import Context, Guard, Transition, Workflow

from . import policies
from .models import Certificate, CertificateEvent, ExamResult
from .rules import (
    QUALIFICATION_EXAM,
    TWO_OFFICERS,
    certificate_rules,
    renewal_window,
    renewal_window_days,
)

NEW, VALID, SUSPENDED, EXPIRED, REVOKED = (
    Certificate.Status.NEW.value,
    Certificate.Status.VALID.value,
    Certificate.Status.SUSPENDED.value,
    Certificate.Status.EXPIRED.value,
    Certificate.Status.REVOKED.value,
)
STATES = {s.value: str(s.label) for s in Certificate.Status}

LOCAL = certificate_rules()
#: The window is read once, when the workflow is declared (settings are loaded by then).
WINDOW, WINDOW_DAYS = renewal_window(), renewal_window_days()


def _last_change(cert: Certificate) -> date | None:
    last = cert.events.order_by("-on", "-id").first()
    return last.on if last else None


# -- guards ----------------------------------------------------------------------------------

EXAM_PASSED = Guard(
    "qualification_exam_passed",
    "持证人未通过行政执法资格考试（须在发证日期前通过），不得发放执法证件",
    f"{QUALIFICATION_EXAM.citation}；{TWO_OFFICERS.citation}",
    lambda ctx: ExamResult.objects.filter(
        staff_id=ctx.obj.staff_id,
        kind=ExamResult.Kind.QUALIFICATION,
        passed=True,
        date__lte=ctx.on_date,
    ).exists(),
)
NOT_REVOKED = Guard(
    "revoked_is_final",
    "证件已注销，注销是终局的，不能换证或恢复；如需执法，应重新考试并发证",
    LOCAL.citation,
    lambda ctx: ctx.obj.status != REVOKED,
)
NOT_SUSPENDED = Guard(
    "suspended_cannot_be_used",
    "证件在暂扣期间不得使用，也不能换证；应先恢复使用或注销",
    LOCAL.citation,
    lambda ctx: ctx.obj.status != SUSPENDED,
)
IN_RENEWAL_WINDOW = Guard(
    "renewal_window",
    f"证件尚在有效期内，须在有效期届满前{WINDOW_DAYS}日内方可换证",
    WINDOW.citation,
    lambda ctx: (
        ctx.obj.status == EXPIRED or ctx.on_date >= ctx.obj.expires_on - timedelta(days=WINDOW_DAYS)
    ),
)
NOT_EXPIRED = Guard(
    "expired_cannot_be_suspended",
    "证件有效期已届满，已失效的证件不能暂扣；应换证或注销",
    LOCAL.citation,
    lambda ctx: ctx.obj.status != EXPIRED and ctx.on_date <= ctx.obj.expires_on,
)
WITHIN_VALIDITY = Guard(
    "reinstate_within_validity",
    "证件有效期已届满，不能恢复使用；应换证或注销",
    LOCAL.citation,
    lambda ctx: ctx.on_date <= ctx.obj.expires_on,
)
VALIDITY_ENDED = Guard(
    "validity_ended",
    "证件尚在有效期内，不能作期满失效处理",
    LOCAL.citation,
    # Today, not the step's date: the step is dated the day after the last valid day.
    lambda ctx: timezone.localdate() > ctx.obj.expires_on,
)
REASON_GIVEN = Guard(
    "reason_given",
    "请填写原因：暂扣、注销须写明事由",
    LOCAL.citation,
    lambda ctx: bool(str(ctx.data.get("reason") or "").strip()),
)
NOT_BEFORE_HISTORY = not_before(
    "not_before_history",
    step_day(),
    lambda ctx: _last_change(ctx.obj),
    later_label="生效日期",
    earlier_label="该证件最近一次变更的日期",
)


# -- effects: the dated change the day-of-the-act check reads --------------------------------


def _event(ctx: Context, kind: str, **extra: Any) -> None:
    cert: Certificate = ctx.obj
    ctx.data.update(
        {
            "number": cert.number,
            "staff_id": cert.staff_id,
            "staff": cert.staff.name,
            "expires_on": cert.expires_on,
            "fields": list(cert.fields),
            **extra,
        }
    )
    CertificateEvent.objects.create(
        certificate=cert,
        kind=kind,
        on=ctx.on_date,
        reason=str(ctx.data.get("reason") or "").strip()[:300],
        valid_until=extra.get("valid_until"),
    )


def _issued(ctx: Context) -> None:
    ctx.obj.status_changed_on = ctx.on_date
    _event(ctx, CertificateEvent.Kind.ISSUED, valid_until=ctx.obj.expires_on)


def _renewed(ctx: Context) -> None:
    cert: Certificate = ctx.obj
    previous = cert.expires_on
    new: date = ctx.data["new_expires_on"]
    cert.expires_on = new
    if ctx.data.get("new_fields") is not None:
        cert.fields = list(ctx.data["new_fields"])
    if cert.status != VALID:
        cert.status_changed_on = ctx.on_date
    _event(
        ctx,
        CertificateEvent.Kind.RENEWED,
        valid_until=cert.expires_on,
        previous_expires_on=previous,
    )


def _status_change(kind: str):
    def effect(ctx: Context) -> None:
        ctx.data["previous_status"] = ctx.obj.status
        ctx.obj.status_changed_on = ctx.on_date
        _event(ctx, kind)

    return effect


ALLOWED = policies.can_change_certificate
TRANSITIONS = [
    Transition(
        "issue",
        "发证",
        (NEW,),
        VALID,
        guards=(EXAM_PASSED,),
        allowed=ALLOWED,
        effect=_issued,
    ),
    Transition(
        "register",
        "登记已发证件",
        (NEW,),
        VALID,
        allowed=ALLOWED,
        effect=_issued,
    ),
    Transition(
        "renew",
        "换证",
        (VALID, EXPIRED, SUSPENDED, REVOKED),
        VALID,
        guards=(NOT_REVOKED, NOT_SUSPENDED, IN_RENEWAL_WINDOW, NOT_BEFORE_HISTORY),
        allowed=ALLOWED,
        effect=_renewed,
    ),
    Transition(
        "suspend",
        "暂扣",
        (VALID, EXPIRED),
        SUSPENDED,
        guards=(NOT_EXPIRED, REASON_GIVEN, NOT_BEFORE_HISTORY),
        allowed=ALLOWED,
        effect=_status_change(CertificateEvent.Kind.SUSPENDED),
    ),
    Transition(
        "reinstate",
        "恢复使用",
        (SUSPENDED,),
        VALID,
        guards=(WITHIN_VALIDITY, NOT_BEFORE_HISTORY),
        allowed=ALLOWED,
        effect=_status_change(CertificateEvent.Kind.REINSTATED),
    ),
    Transition(
        "revoke",
        "注销",
        (VALID, SUSPENDED, EXPIRED),
        REVOKED,
        guards=(REASON_GIVEN, NOT_BEFORE_HISTORY),
        allowed=ALLOWED,
        effect=_status_change(CertificateEvent.Kind.REVOKED),
    ),
    Transition(
        "expire",
        "有效期届满",
        (VALID, SUSPENDED),
        EXPIRED,
        guards=(VALIDITY_ENDED,),
        allowed=ALLOWED,
        effect=_status_change(CertificateEvent.Kind.EXPIRED),
    ),
]

CERTIFICATE_WORKFLOW = Workflow(
    "officers.certificate",
    "执法证件",
    model=Certificate,
    states=STATES,
    initial=NEW,
    transitions=TRANSITIONS,
    agency_of=lambda cert: cert.staff.agency_id,
    subject_label=lambda cert: f"{cert.get_kind_display()} {cert.number}",
    state_field="status",
    path=(NEW, VALID, EXPIRED),
)
