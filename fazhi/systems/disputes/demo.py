"""Three years of 行政复议 and 行政应诉 in the demo county (to 2026-11-20), deterministic and
idempotent, every record worked through the services: the 司法局's cases with the departments'
answers, suits against the departments with the heads' appearances, judgments, appeals and loss
analyses, 司法建议 and 检察建议. Disclosure matters link to the disclosure answers they are
about, penalty matters to an enforcement case when the enforcement app has one. Some matters
are still running at the anchor date and a few are overdue.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.utils import timezone

from fazhi.core.accounts import provisioning
from fazhi.core.accounts.models import StaffMember, User
from fazhi.core.deadlines.services import calendar

from . import guards, rules, services
from .models import LitigationCase, Recommendation, ReconsiderationCase
from .roles import Role

ANCHOR = date(2026, 11, 20)
YEARS = (2024, 2025, 2026)
#: Departments whose acts are challenged, with yearly volumes (复议, 诉讼).
RESPONDENTS = {
    "market": (9, 5),
    "nrp": (8, 6),
    "housing": (6, 5),
    "cua": (8, 4),
    "eco": (4, 2),
    "transport": (4, 2),
    "government": (3, 3),
}
CATEGORY_OF = {
    "market": ("penalty", "penalty", "disclosure", "registration"),
    "nrp": ("levy", "registration", "disclosure", "penalty"),
    "housing": ("levy", "disclosure", "omission"),
    "cua": ("penalty", "coercion", "penalty"),
    "eco": ("penalty", "licence"),
    "transport": ("penalty", "licence"),
    "government": ("disclosure", "levy", "omission"),
}
ACTS = {
    "penalty": "行政处罚决定",
    "coercion": "强制拆除违法建筑决定",
    "licence": "行政许可决定",
    "disclosure": "政府信息公开申请答复",
    "levy": "房屋征收补偿决定",
    "registration": "登记行为",
    "omission": "未履行法定职责（未答复申请）",
    "other": "行政行为",
}
SURNAMES, GIVEN = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林",
    ("伟", "芳", "敏", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "华"),
)
RECON_DECISIONS = (
    (0.50, "uphold"),
    (0.68, "dismiss"),
    (0.75, "revoke"),
    (0.79, "unlawful"),
    (0.81, "change"),
    (0.83, "perform"),
    (0.95, "terminate"),
    (1.0, "mediation"),
)
SUIT_OUTCOMES = (
    (0.62, "dismiss_claim"),
    (0.68, "revoke"),
    (0.73, "unlawful"),
    (0.75, "perform"),
    (0.87, "withdrawn"),
    (0.96, "dismiss_suit"),
    (1.0, "mediated"),
)


def _pick(rng: random.Random, table: tuple[tuple[float, str], ...]) -> str:
    roll = rng.random()
    return next(code for limit, code in table if roll < limit)


def _account(county: Any, key: str) -> User:
    """The agency's 复议应诉 staff: the demo login at the 司法局, an account made here elsewhere."""
    if key == "justice":
        return county.users["yingsu"]
    agency = county.agency(key)
    username = f"yingsu_{key}"
    user = User.objects.filter(username=username).first()
    if user is None:
        from fazhi.core.demo.generator import demo_password_hash

        staff = (
            StaffMember.objects.filter(agency=agency, user__isnull=True)
            .exclude(position__in=("局长", "县长", "主任"))
            .order_by("-pk")
            .first()
        )
        user = provisioning.create_account(
            username,
            display_name=staff.name if staff else f"{agency.display_name}应诉工作人员",
            actor=provisioning.BOOTSTRAP,
            source="demo",
            password_hash=demo_password_hash(),
        )
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
        if staff is not None:
            staff.user = user
            staff.save(update_fields=["user"])
    provisioning.provision_roles(
        user, [Role.LITIGATION_STAFF], agency, actor=provisioning.BOOTSTRAP, source="demo"
    )
    return user


def _wd(d: date, n: int) -> date:
    return calendar().add_working_days(d, n)


def _workday(d: date) -> date:
    cal = calendar()
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _act_for(category: str, agency: Any) -> Any:
    """A record on the platform the matter is about, when there is one."""
    if category == rules.DISCLOSURE and apps.is_installed("fazhi.systems.disclosure"):
        from fazhi.systems.disclosure.models import DisclosureRequest

        return (
            DisclosureRequest.objects.filter(
                agency=agency, answer_type__in=("refused", "partial", "not_exist")
            )
            .order_by("?")
            .first()
        )
    if category == "penalty" and apps.is_installed("fazhi.systems.enforcement"):
        model = apps.get_model("enforcement", "Case")
        return model.objects.filter(agency=agency).order_by("pk").first()
    return None


def _case(
    county: Any,
    rng: random.Random,
    year: int,
    n: int,
    key: str,
    received: date,
    officer: User,
    staff: User,
) -> int:
    justice = county.justice
    number = f"{justice.short_name}复〔{year}〕{n}号"
    if ReconsiderationCase.objects.filter(agency=justice, number=number).exists():
        return 0
    agency = county.agency(key)
    category = rng.choice(CATEGORY_OF[key])
    late = rng.random() < 0.05
    known = received - timedelta(days=rng.randint(70, 100) if late else rng.randint(5, 50))
    case = services.register_reconsideration(
        office=justice,
        actor=officer,
        number=number,
        applicant_name=_person(rng),
        respondent=agency,
        category=category,
        act_description=f"{agency.display_name}{ACTS[category]}",
        known_on=known,
        received_on=received,
        procedure=rules.SIMPLIFIED
        if category == rules.DISCLOSURE and rng.random() < 0.5
        else rules.ORDINARY,
        major=rng.random() < 0.12,
        act=_act_for(category, agency),
        request_text="请求撤销该行政行为",
    )
    if late:
        services.reject_reconsideration(
            case,
            actor=officer,
            rejected_on=_wd(received, 3),
            rejection_reason="超过法定申请期限且无正当理由（《行政复议法》第二十条）",
        )
        return 1
    roll = rng.random()
    if received > ANCHOR - timedelta(days=6):
        return 1
    if roll < 0.1:
        case = services.request_reconsideration_correction(
            case,
            actor=officer,
            notice_on=_wd(received, 2),
            correction_items="请提交身份证明和原行政行为文书",
        )
        received = _wd(received, 2) + timedelta(days=rng.randint(3, 8))
        if received > ANCHOR - timedelta(days=8):
            return 1
        case = services.receive_reconsideration_correction(
            case, actor=officer, received_on=received
        )
    if roll > 0.9:
        case = services.deem_accepted(case, actor=officer, on=_wd(received, 6))
    else:
        case = services.accept_reconsideration(
            case, actor=officer, accepted_on=_wd(received, rng.randint(1, 4))
        )
    accepted = case.accepted_on
    sent = _wd(accepted, rng.choice((2, 3, 4, 5, 9)))
    if sent > ANCHOR:
        return 1
    case = services.send_copy(
        case, actor=officer, sent_on=sent, delivered_on=sent + timedelta(days=1)
    )
    resp = case.respondences.first()
    if resp is not None:
        answered = _wd(
            resp.copy_received_on,
            rng.choice((3, 4, 5, 6, 7, 8, 9, 9, 10, 12))
            if case.procedure == rules.ORDINARY
            else rng.choice((2, 3, 4, 6)),
        )
        if answered <= ANCHOR:
            services.submit_answer(
                resp,
                actor=staff,
                answered_on=answered,
                answer_summary="被申请人认为原行政行为认定事实清楚、证据确凿、适用依据正确、程序合法。",
                evidence="1.调查笔录；2.现场检查笔录；3.证据材料清单；4.法律依据",
            )
    due = case.decision_due
    if case.major:
        held = _wd(accepted, 20)
        if held > ANCHOR:
            return 1
        services.hold_hearing(
            case,
            actor=officer,
            held_on=held,
            notice_on=_wd(accepted, 12),
            chair="复议科科长",
            members=["复议人员甲", "复议人员乙"],
            recorder="书记员",
            head_attended=rng.random() < 0.8,
            head_name=f"{case.respondent.display_name}副局长",
            absence_reason="参加上级紧急会议",
            delegate="法规科科长",
        )
        if _wd(held, 3) > ANCHOR:
            return 1
        services.consult_committee(
            case, actor=officer, consulted_on=_wd(held, 3), committee_opinion="多数委员建议维持"
        )
    if (
        case.procedure == rules.ORDINARY
        and rng.random() < 0.1
        and due - timedelta(days=5) <= ANCHOR
    ):
        case = services.extend_reconsideration(
            case,
            actor=officer,
            extension_days=30,
            approver="县司法局副局长",
            notified_on=due - timedelta(days=5),
        )
        due = case.decision_due
    span = (due - accepted).days
    decided = _workday(
        accepted
        + timedelta(days=rng.randint(span // 3, span - 2) if rng.random() > 0.03 else span + 3)
    )
    if decided > ANCHOR or (year == 2026 and n % 11 == 4):
        return 1  # still under review (a few of them past their due date)
    decision = _pick(rng, RECON_DECISIONS)
    if decision == "terminate":
        services.terminate_reconsideration(
            case, actor=officer, closed_on=decided, reason="申请人撤回行政复议申请"
        )
        return 1
    opinion = decision in ("revoke", "unlawful") and rng.random() < 0.3
    case = services.decide_reconsideration(
        case,
        actor=officer,
        decision_type=decision,
        decided_on=decided,
        approval="经县人民政府负责人同意",
        decision_summary=f"{rules.RECONSIDERATION_DECISIONS[decision].label}{case.act_description}。",
        opinion_letter=opinion,
    )
    resp = case.respondences.first()
    if opinion and resp is not None:
        reported = decided + timedelta(days=rng.randint(20, 58))
        if reported <= ANCHOR:
            resp = services.report_correction(
                resp,
                actor=staff,
                reported_on=reported,
                correction_report="已撤销原决定并重新调查，对执法人员进行了培训。",
            )
    if (
        resp is not None
        and resp.state == "decided"
        and (resp.opinion_received_on is None or resp.opinion_reported_on)
        and decided + timedelta(days=5) <= ANCHOR
    ):
        services.close_respondence(resp, actor=staff, closed_on=decided + timedelta(days=5))
    return 1


def _suit(
    county: Any, rng: random.Random, year: int, n: int, key: str, received: date, staff: User
) -> int:
    agency = county.agency(key)
    number = f"（{year}）浙1225行初{n}号"
    if LitigationCase.objects.filter(agency=agency, number=number).exists():
        return 0
    category = rng.choice(CATEGORY_OF[key])
    suit = services.register_litigation(
        agency=agency,
        actor=staff,
        court="示范县人民法院",
        number=number,
        plaintiff_name=_person(rng),
        complaint_received_on=received,
        category=category,
        act_description=f"{agency.display_name}{ACTS[category]}",
        after_reconsideration=rng.random() < 0.3,
        act=_act_for(category, agency),
    )
    submitted = received + timedelta(days=rng.choice((5, 8, 10, 12, 14, 17)))
    if submitted > ANCHOR or (year == 2026 and n % 9 == 2):
        return 1  # the defence still being prepared (some past the 15 days)
    suit = services.submit_defence(
        suit,
        actor=staff,
        submitted_on=submitted,
        evidence="证据目录：1.行政行为文书；2.调查笔录；3.送达回证；4.法律依据",
    )
    outcome = _pick(rng, SUIT_OUTCOMES)
    heard = outcome not in ("withdrawn",) or rng.random() < 0.3
    held = _workday(submitted + timedelta(days=rng.randint(20, 60)))
    if held > ANCHOR:
        return 1
    if heard:
        appeared = rng.random() < 0.88
        services.record_court_hearing(
            suit,
            actor=staff,
            held_on=held,
            head_appeared=appeared,
            head_name=f"{agency.display_name}副局长" if appeared else "",
            head_position="deputy" if appeared else "",
            spoke_on_resolution=appeared,
            absence_reason="" if appeared else "irreplaceable_duty",
            absence_proof="" if appeared else "县委常委会会议通知",
            delegate="" if appeared else "法规科科长",
        )
    served = _workday(held + timedelta(days=rng.randint(15, 50)))
    if served > ANCHOR:
        return 1
    kind = (
        rules.RULING
        if outcome in ("dismiss_suit", "withdrawn")
        else rules.MEDIATION
        if outcome == "mediated"
        else rules.JUDGMENT
    )
    lost = rules.LITIGATION_OUTCOMES[outcome].result == rules.CORRECTED
    suit = services.record_judgment(
        suit,
        actor=staff,
        document_kind=kind,
        outcome=outcome,
        served_on=served,
        loss_reason="认定事实的主要证据不足" if lost else "",
        responsible_unit="执法大队" if lost else "",
        responsible_officer="承办人" if lost else "",
    )
    if kind == rules.JUDGMENT and rng.random() < 0.2 and served + timedelta(days=14) <= ANCHOR:
        suit = services.appeal(
            suit,
            actor=staff,
            appealed_on=served + timedelta(days=rng.randint(5, 14)),
            appeal_by="agency" if lost else "other",
            second_instance_heard=True,
        )
        second = _workday(suit.appealed_on + timedelta(days=rng.randint(30, 60)))
        if second > ANCHOR:
            return 1
        services.record_court_hearing(
            suit,
            actor=staff,
            held_on=second,
            head_appeared=True,
            head_name=f"{agency.display_name}局长",
            head_position="principal",
            spoke_on_resolution=True,
        )
        final = _workday(second + timedelta(days=rng.randint(20, 40)))
        if final > ANCHOR:
            return 1
        suit = services.record_judgment(
            suit,
            actor=staff,
            document_kind=rules.JUDGMENT,
            outcome="appeal_upheld",
            served_on=final,
            lost=lost,
        )
    due = guards.running_due(suit, rules.L_APPEAL_JUDGMENT) or guards.running_due(
        suit, rules.L_APPEAL_RULING
    )
    closed = (due or suit.served_on) + timedelta(days=3)
    if closed <= ANCHOR:
        if lost:
            services.record_performance(
                suit,
                actor=staff,
                performed_on=closed - timedelta(days=1),
                performance="已按生效判决重新作出行政行为",
            )
        services.close_litigation(
            suit,
            actor=staff,
            closed_on=closed,
            no_hearing_reason="" if heard else "原告撤诉，未开庭审理",
        )
    return 1


def _recommendations(county: Any, rng: random.Random, staff_of: dict[str, User]) -> int:
    made = 0
    for year in YEARS:
        for n, key in enumerate(("market", "nrp", "cua"), start=1):
            if key not in staff_of:
                continue
            number = f"（{year}）浙1225司建{n}号" if n != 2 else f"示检行公建〔{year}〕{n}号"
            agency = county.agency(key)
            if Recommendation.objects.filter(agency=agency, number=number).exists():
                continue
            received = _workday(date(year, 3 * n + 1, 10))
            if received > ANCHOR:
                continue
            rec = services.receive_recommendation(
                agency=agency,
                actor=staff_of[key],
                kind="procuratorial" if n == 2 else "judicial",
                issuer="示范县人民检察院" if n == 2 else "示范县人民法院",
                number=number,
                received_on=received,
                content="建议规范行政执法程序，加强送达和告知环节管理。",
                feedback_due=received + timedelta(days=60),
            )
            answered = received + timedelta(days=rng.randint(20, 70))
            if answered <= ANCHOR and not (year == 2026 and n == 3):
                services.record_feedback(
                    rec,
                    actor=staff_of[key],
                    feedback_on=answered,
                    feedback="已组织专题整改，完善了送达告知制度。",
                )
            made += 1
    return made


def load_demo(county: Any) -> dict[str, int]:
    """Create (or complete) the demo matters; returns how many were created. Dates and numbers
    come only from the seeded generator, so a second run finds every number and adds nothing."""
    rng = county.rng("disputes")
    officer = _account(county, "justice")
    staff_of = {key: _account(county, key) for key in RESPONDENTS}
    created = {"reconsideration": 0, "litigation": 0}
    for year in YEARS:
        last = ANCHOR if year == 2026 else date(year, 12, 31)
        span = (last - date(year, 1, 2)).days
        events: list[tuple[date, str, str]] = []
        for key, volumes in RESPONDENTS.items():
            for kind, per_year in zip(("reconsideration", "litigation"), volumes, strict=True):
                for _ in range(per_year if year < 2026 else per_year * 10 // 12):
                    events.append(
                        (
                            _workday(date(year, 1, 2) + timedelta(days=rng.randrange(span))),
                            key,
                            kind,
                        )
                    )
        numbers = {"reconsideration": 0, "litigation": 0}
        for day, key, kind in sorted(events):
            numbers[kind] += 1
            n = numbers[kind]
            if day > ANCHOR:
                continue
            local = random.Random(f"{kind}:{year}:{n}")
            if kind == "reconsideration":
                created[kind] += _case(county, local, year, n, key, day, officer, staff_of[key])
            else:
                created[kind] += _suit(county, local, year, n, key, day, staff_of[key])
    return {**created, "recommendations": _recommendations(county, rng, staff_of)}
