"""Three years of 建议、提案 in the demo county (2024–2026, to the anchor date 2026-11-20),
deterministic and idempotent, every item worked through the services.

2025 reproduces the figures a county's report gives for its year (tests/fixtures/seeds/001_*.txt):
358 人大代表建议 and 5 政协委员提案, all answered, 满意率 100 % (two items answered first to
不满意 and re-handled to 满意). 2024 is similar but smaller; 2026's items are still being handled and a few are past their answer date.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from fazhi.core.accounts import provisioning
from fazhi.core.accounts.models import User
from fazhi.core.deadlines.services import calendar
from fazhi.core.numbering import services as numbering
from fazhi.core.orgs.models import Agency

from . import rules, services
from .models import Proposal
from .roles import Role

ANCHOR = date(2026, 11, 20)
#: year -> (建议, 提案, the session's first day)
YEARS = {
    2024: (120, 4, date(2024, 1, 16), "县十八届人大三次会议", "县政协十一届三次会议"),
    2025: (358, 5, date(2025, 1, 14), "县十八届人大四次会议", "县政协十一届四次会议"),
    2026: (150, 5, date(2026, 1, 13), "县十八届人大五次会议", "县政协十一届五次会议"),
}
UNITS = ("nrp", "housing", "market", "eco", "drc", "justice")
TOPICS = (
    ("关于加快{town}农村公路提档升级的建议", ("housing", "drc")),
    ("关于加强{town}耕地保护和土地整治的建议", ("nrp",)),
    ("关于规范城区农贸市场食品安全管理的建议", ("market",)),
    ("关于{town}生活污水集中处理设施建设的建议", ("eco", "housing")),
    ("关于优化营商环境、降低企业制度性交易成本的建议", ("drc", "market")),
    ("关于加强基层公共法律服务站点建设的建议", ("justice",)),
    ("关于{town}老旧小区改造的建议", ("housing",)),
    ("关于加强{town}河道生态保护的建议", ("eco", "nrp")),
)
#: The lead unit's 答复文号 (its own document number, one serial a year for 建议 and 提案).
ANSWER_NUMBERS = numbering.Series(
    "proposals.answer",
    Proposal,
    "answer_number",
    lambda unit, year: f"{unit.display_name}复〔{year}〕",
    agency_field=None,
)
TOWNS = ("城关镇", "东溪镇", "南塘镇", "西岭乡", "北湖街道")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


def _user(county: Any, key: str, username: str) -> User:
    """A demo login (demo password) holding 建议提案办理人员 at ``key``'s agency."""
    from django.utils import timezone

    from fazhi.core.demo.generator import demo_password_hash

    agency = county.government if key == "government" else county.agency(key)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = provisioning.create_account(
            username,
            display_name=f"{agency.display_name}建议提案办理人员",
            actor=provisioning.BOOTSTRAP,
            source="demo",
            password_hash=demo_password_hash(),
        )
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
    provisioning.provision_roles(
        user, [Role.PROPOSAL_STAFF], agency, actor=provisioning.BOOTSTRAP, source="demo"
    )
    return user


def _workday(d: date) -> date:
    cal = calendar()
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


def _work(
    p: Proposal,
    lead: str,
    n: int,
    rng: random.Random,
    office: User,
    units: dict[str, User],
    agencies: dict[str, Agency],
) -> None:
    """Assign, gather opinions, answer and ask the representative, as far as the anchor allows."""
    co_keys = [k for k in rng.sample(UNITS, 2) if k != lead][: rng.choice((0, 0, 1))]
    assigned = _workday(p.received_on + timedelta(days=rng.randint(10, 25)))
    due = assigned + timedelta(days=90)
    p = services.assign(
        p,
        actor=office,
        lead_unit=agencies[lead],
        co_units=[agencies[k] for k in co_keys],
        assigned_on=assigned,
        # 建议: three months from 交办 (代表法 第五十一条第二款); 提案: the date the office sets.
        answer_due=due if p.kind == rules.PROPOSAL else None,
    )
    # 2026: the last items are still with the units; a few have run past their date.
    late_open = p.year == 2026 and n % 25 == 2
    answered = _workday(assigned + timedelta(days=rng.randint(30, 85)))
    if late_open or answered > ANCHOR:
        if co_keys and not late_open and assigned + timedelta(days=20) <= ANCHOR:
            services.submit_opinion(
                p,
                actor=units[co_keys[0]],
                opinion="我单位已按职责提出协办意见，送主办单位综合。",
                submitted_on=_workday(assigned + timedelta(days=15)),
            )
        return
    for k in co_keys:
        services.submit_opinion(
            p,
            actor=units[k],
            opinion="我单位已按职责提出协办意见，送主办单位综合。",
            submitted_on=_workday(assigned + timedelta(days=15)),
        )
    result = rng.choices(("A", "B", "C"), weights=(6, 3, 1))[0]
    p = services.answer(
        p,
        actor=units[lead],
        result=result,
        answer=f"经研究，{rules.RESULTS[result][3:]}。具体办理情况如下：已会同有关单位实地调研并落实。",
        answered_on=answered,
        answer_number=numbering.issue(ANSWER_NUMBERS, agencies[lead], p.year),
    )
    feedback = _workday(answered + timedelta(days=rng.randint(5, 15)))
    if feedback > ANCHOR:
        return
    if n in (17, 203) and p.year == 2025:  # 不满意 → 重新办理 → 满意
        p = services.record_satisfaction(
            p,
            actor=office,
            satisfaction=rules.UNSATISFIED,
            feedback_on=feedback,
            feedback_note="答复未说明具体时间安排。",
            answer_due=feedback + timedelta(days=30),
        )
        answered = _workday(feedback + timedelta(days=20))
        for k in co_keys:  # 重新办理 is a new round: the co-handling units answer again
            services.submit_opinion(
                p,
                actor=units[k],
                opinion="我单位已按重新办理要求补充协办意见。",
                submitted_on=_workday(feedback + timedelta(days=10)),
            )
        p = services.answer(
            p,
            actor=units[lead],
            result="B",
            answer="经重新研究，已将该事项列入下一年度实施计划，明确完成时限。",
            answered_on=answered,
        )
        feedback = _workday(answered + timedelta(days=5))
    grade = rules.SATISFIED if rng.random() < 0.8 else rules.BASIC
    services.record_satisfaction(p, actor=office, satisfaction=grade, feedback_on=feedback)


def load_demo(county: Any) -> dict[str, int]:
    """Create (or complete) the demo items; returns how many were created."""
    rng = county.rng("proposals")
    office = _user(county, "government", "jianyi")
    units = {key: _user(county, key, f"jianyi_{key}") for key in UNITS}
    agencies = {key: county.agency(key) for key in UNITS}
    created = 0
    for year, (suggestions, proposals, opened, npc, cppcc) in YEARS.items():
        for kind, count, session in (
            (rules.SUGGESTION, suggestions, npc),
            (rules.PROPOSAL, proposals, cppcc),
        ):
            for n in range(1, count + 1):
                number = f"第{n}号"
                if Proposal.objects.filter(
                    agency=county.government, kind=kind, year=year, number=number
                ).exists():
                    continue
                item_rng = random.Random(f"{rng.random()}:{year}:{kind}:{n}")
                topic, leads = item_rng.choice(TOPICS)
                title = topic.format(town=item_rng.choice(TOWNS))
                if kind == rules.PROPOSAL:
                    title = title.replace("的建议", "的提案")
                received = _workday(opened + timedelta(days=item_rng.randint(0, 4)))
                p = services.register_proposal(
                    agency=county.government,
                    actor=office,
                    kind=kind,
                    number=number,
                    session=session,
                    year=year,
                    author=item_rng.choice(SURNAMES) + item_rng.choice(GIVEN),
                    title=title,
                    content=f"{title[2:-3]}。建议有关部门加大投入，明确责任分工和完成时限。",
                    received_on=received,
                )
                _work(p, item_rng.choice(leads), n, item_rng, office, units, agencies)
                created += 1
    return {"proposals": created, "total": Proposal.objects.count()}
