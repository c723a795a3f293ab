"""Three years of 依申请公开 in the demo county (to the anchor date 2026-11-20), deterministic and
idempotent: every request is registered and worked through the services, so its clocks, ledger
entries, letters and annual-report figures are real. A few requests are left unanswered past
their due date (逾期), some are in 补正 or under consultation, most were answered on time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from fazhi.core.accounts import provisioning
from fazhi.core.accounts.models import StaffMember, User
from fazhi.core.deadlines.services import calendar
from fazhi.kernel.timelimits import compute_due

from . import rules, services
from .models import DisclosureRequest
from .roles import Role

ANCHOR = date(2026, 11, 20)
FIRST = date(2024, 1, 2)
#: Agencies handling requests, with their yearly volume and what people ask them for.
AGENCIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "government": (
        16,
        (
            "{y}年县政府常务会议关于旧城改造的会议纪要",
            "{y}年度县级财政预算执行情况",
            "城关镇{y}年征收补偿安置方案",
            "县政府关于{y}年重大建设项目的批复文件",
            "{y}年县政府信息公开工作年度报告所涉数据来源",
        ),
    ),
    "nrp": (
        12,
        (
            "{y}年{town}集体土地征收的批准文件及“一书四方案”",
            "{town}某地块国有建设用地使用权出让合同",
            "{y}年度耕地占补平衡指标使用情况",
            "{town}宅基地审批台账",
        ),
    ),
    "housing": (
        8,
        (
            "{town}棚户区改造项目房屋征收决定及补偿方案",
            "{y}年保障性住房分配名单",
            "某小区竣工验收备案材料",
        ),
    ),
    "market": (
        8,
        (
            "对某超市的行政处罚决定书（{y}年）",
            "{y}年食品安全抽检不合格产品处理情况",
            "某企业的登记注册档案",
        ),
    ),
    "eco": (
        6,
        (
            "{town}某化工企业环境影响评价文件及批复",
            "{y}年县域地表水水质监测数据",
            "对某养殖场的环境行政处罚案卷",
        ),
    ),
}
TOWNS = ("城关镇", "东溪镇", "南塘镇", "西岭乡", "北湖街道")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "华",
    "建国",
)
COMPANIES = (
    "示范县宏达建材有限公司",
    "示范县绿源农业开发有限公司",
    "浙江某某律师事务所",
    "示范县某某商贸有限公司",
)


def _staff_user(county: Any, key: str) -> User:
    """The agency's disclosure officer: the demo login for the government, an account made here
    (``gongkai_<key>``, demo password) for a department."""
    if key == "government":
        return county.users["gongkai"]
    agency = county.agency(key)
    username = f"gongkai_{key}"
    user = User.objects.filter(username=username).first()
    if user is None:
        from fazhi.core.demo.generator import demo_password_hash

        staff = (
            StaffMember.objects.filter(agency=agency, user__isnull=True, position="科员")
            .order_by("pk")
            .first()
        )
        user = provisioning.create_account(
            username,
            display_name=staff.name if staff else f"{agency.display_name}信息公开工作人员",
            actor=provisioning.BOOTSTRAP,
            source="demo",
            password_hash=demo_password_hash(),
        )
        from django.utils import timezone

        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
        if staff is not None:
            staff.user = user
            staff.save(update_fields=["user"])
    provisioning.provision_roles(
        user, [Role.DISCLOSURE_STAFF], agency, actor=provisioning.BOOTSTRAP, source="demo"
    )
    return user


def _workday_on_or_before(d: date, floor: date) -> date:
    cal = calendar()
    while d > floor and not cal.is_workday(d):
        d -= timedelta(days=1)
    return d


def _workday_after(d: date, n: int) -> date:
    return calendar().add_working_days(d, n)


def _applicant(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.8:
        return rules.PERSON, rng.choice(SURNAMES) + rng.choice(GIVEN)
    if roll < 0.9:
        return "business", rng.choice(COMPANIES[:2] + COMPANIES[3:])
    if roll < 0.95:
        return "legal_service", COMPANIES[2]
    return "other_org", "示范县某某村股份经济合作社"


def _channel(rng: random.Random, received: date) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.55:
        return {
            "channel": rules.ONLINE,
            "submitted_on": received - timedelta(days=rng.choice((0, 0, 1, 2))),
            "confirmed_on": received,
        }
    if roll < 0.75:
        return {"channel": rules.IN_PERSON, "submitted_on": received}
    if roll < 0.9:
        return {
            "channel": rules.REGISTERED_POST,
            "submitted_on": received - timedelta(days=rng.randint(0, 3)),
            "signed_on": received,
        }
    if roll < 0.95:
        return {
            "channel": rules.ORDINARY_LETTER,
            "submitted_on": received,
            "confirmed_on": received,
        }
    return {"channel": rules.FAX, "submitted_on": received, "confirmed_on": received}


ANSWERS = (
    (
        0.25,
        rules.PUBLIC_ALREADY,
        {
            "access_way": "该信息已在示范县人民政府门户网站“政府信息公开”专栏主动公开，可在线查阅、下载。"
        },
    ),
    (
        0.50,
        rules.DISCLOSED,
        {"access_way": "现以纸质文本方式向您提供该政府信息（共{n}页），随本答复书一并邮寄。"},
    ),
    (
        0.60,
        rules.PARTIAL,
        {
            "refusal_ground": "third_party",
            "access_way": "向您提供相关文件（已对个人信息作区分处理）。",
            "reason": "其中涉及的个人身份证号码、银行账号等属于个人隐私，公开会损害第三方合法权益。",
        },
    ),
    (
        0.67,
        rules.REFUSED,
        {
            "refusal_ground": "process",
            "reason": "您申请的材料为内部讨论稿和请示报告，属于过程性信息。",
        },
    ),
    (
        0.82,
        rules.NOT_EXIST,
        {"reason": "经对本机关档案室及相关业务科室检索，本机关未制作或获取该政府信息。"},
    ),
    (
        0.92,
        rules.NOT_RESPONSIBLE,
        {
            "reason": "该信息由其他机关制作，不属于本机关负责公开。",
            "responsible_agency": "示范县人民政府办公室，电话0571-8888××××",
        },
    ),
    (
        0.95,
        rules.SPECIAL_LAW,
        {"special_law": "《不动产登记暂行条例》及其实施细则关于查询不动产登记资料"},
    ),
    (0.97, rules.NEEDS_CREATION, {"reason": "您要求的统计分析需要对现有信息进行加工、汇总。"}),
    (
        1.00,
        rules.NOT_PROCESSED,
        {
            "not_processed_reason": "petition",
            "reason": "您的申请实为对征收补偿标准的投诉，请通过信访渠道提出。",
        },
    ),
)


def _answer_kwargs(rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    for limit, code, fields in ANSWERS:
        if roll < limit:
            return {
                "answer_type": code,
                **{k: v.format(n=rng.randint(2, 30)) for k, v in fields.items()},
            }
    raise AssertionError("unreachable")


def _work(req: DisclosureRequest, actor: User, rng: random.Random, *, leave_open: bool) -> None:
    """Carry a registered request through a plausible course of steps."""
    cal = calendar()
    start = req.received_on
    if rng.random() < 0.12:
        notice = _workday_after(start, rng.randint(2, 6))
        if notice > ANCHOR:
            return
        req = services.request_correction(
            req,
            actor=actor,
            notice_on=notice,
            correction_items="请明确所需信息的具体名称、年度或文号。",
            correction_due=notice + timedelta(days=15),
        )
        corrected = notice + timedelta(days=rng.randint(3, 12))
        if rng.random() < 0.3:
            if notice + timedelta(days=16) <= ANCHOR:
                services.abandon_request(req, actor=actor, closed_on=notice + timedelta(days=16))
            return
        if corrected > ANCHOR:
            return
        req = services.receive_correction(req, actor=actor, received_on=corrected)
        start = corrected
    else:
        reviewed = _workday_after(start, rng.randint(1, 5))
        if reviewed <= ANCHOR:
            req = services.review_request(req, actor=actor, reviewed_on=reviewed)
    if rng.random() < 0.14:
        sent = _workday_after(start, rng.randint(3, 8))
        if sent > ANCHOR:
            return
        kind = rules.THIRD_PARTY if rng.random() < 0.75 else rules.OTHER_AGENCY
        party = "示范县某某矿业有限公司" if kind == rules.THIRD_PARTY else "示范县财政局"
        req = services.consult(
            req,
            actor=actor,
            kind=kind,
            party=party,
            sent_on=sent,
            delivered_on=sent + timedelta(days=1),
        )
        replied = _workday_after(sent, rng.randint(4, 14))
        if replied > ANCHOR:
            return
        opinion = rules.CONSENT if rng.random() < 0.6 else rules.OBJECTION
        if kind == rules.OTHER_AGENCY and rng.random() < 0.3:
            replied, opinion = _workday_after(sent, 17), rules.DEEMED_CONSENT
            if replied > ANCHOR:
                return
        req = services.record_opinion(
            req, actor=actor, opinion=opinion, replied_on=replied, opinion_text=""
        )
    if rng.random() < 0.08:
        approved = _workday_after(start, rng.randint(14, 18))
        if approved <= min(ANCHOR, req.answer_due):
            req = services.extend_answer_period(
                req,
                actor=actor,
                approver="办公室主任",
                approved_on=approved,
                notified_on=approved,
                reason="所需信息涉及多个科室，需要调取档案。",
            )
    if leave_open:
        return
    due = req.answer_due
    late = rng.random() < 0.05
    if late:
        answered = _workday_after(due, rng.randint(1, 8))
    else:
        earliest = _workday_after(start, 2)
        answered = _workday_on_or_before(
            min(due, start + timedelta(days=rng.randint(5, 30))), earliest
        )
        if not cal.is_workday(answered):
            answered = earliest
    if answered > ANCHOR:
        return
    kwargs = _answer_kwargs(rng)
    if (
        kwargs["answer_type"] in (rules.DISCLOSED, rules.PUBLIC_ALREADY)
        and req.consultations.filter(opinion=rules.OBJECTION).exists()
    ):
        kwargs = {"answer_type": rules.PARTIAL, **dict(ANSWERS[2][2])}
    services.answer_request(req, actor=actor, answered_on=answered, **kwargs)


def load_demo(county: Any) -> dict[str, int]:
    """Create (or complete) the demo requests; returns how many were created."""
    rng = county.rng("disclosure")
    created = 0
    for key, (per_year, topics) in AGENCIES.items():
        agency = county.agency(key)
        actor = _staff_user(county, key)
        agency_rng = random.Random(f"{rng.random()}:{key}")
        for year in (2024, 2025, 2026):
            last = ANCHOR if year == 2026 else date(year, 12, 31)
            first = date(year, 1, 2)
            count = per_year if year < 2026 else per_year * 10 // 12
            days = sorted(
                first + timedelta(days=agency_rng.randrange((last - first).days))
                for _ in range(count)
            )
            for n, received in enumerate(days, start=1):
                received = _workday_on_or_before(received, first)
                number = f"{agency.short_name or agency.name}依申〔{year}〕{n}号"
                kind, name = _applicant(agency_rng)
                topic = agency_rng.choice(topics).format(
                    y=year - agency_rng.randint(0, 2), town=agency_rng.choice(TOWNS)
                )
                channel = _channel(agency_rng, received)
                plan_rng = random.Random(f"{number}")
                if DisclosureRequest.objects.filter(agency=agency, number=number).exists():
                    continue
                due = compute_due(rules.RULE_ANSWER, received, calendar=calendar()).due
                # leave the last requests open; a few older ones forgotten past their due date
                leave_open = received > ANCHOR - timedelta(days=25) or (
                    year == 2026 and n in (count - 3, count - 5) and due < ANCHOR
                )
                req = services.register_request(
                    agency=agency,
                    actor=actor,
                    handler=actor,
                    number=number,
                    applicant_kind=kind,
                    applicant_name=name,
                    applicant_contact=f"138{plan_rng.randrange(10**8):08d}",
                    applicant_address=f"示范县{agency_rng.choice(TOWNS)}{plan_rng.randint(1, 99)}号",
                    content=topic,
                    delivery_form=plan_rng.choice(list(rules.DELIVERY_FORMS)[:2]),
                    **channel,
                )
                _work(req, actor, plan_rng, leave_open=leave_open)
                created += 1
    return {"requests": created, "total": DisclosureRequest.objects.count()}
