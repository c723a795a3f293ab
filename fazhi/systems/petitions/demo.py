"""Three years of 信访 and 12345 tickets in the demo county (to the anchor date 2026-11-20),
deterministic and idempotent: every matter is registered and worked through the services, so its
clocks, ledger entries and opinions are real. Some are routed or answered late, a few objected
to, diverted, extended, reviewed and rechecked (with a hearing); recent ones are still open and
a few older ones are left overdue. The county's 信访局 also runs the 12345 hotline here.

复查/复核 chain in the demo: a township's matter is reviewed by the county department in charge
and rechecked by the county government (the usual county arrangement); a department's matter is
reviewed by the county government (its 复核 body, the city, is not in the demo county).
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
from fazhi.core.workflow.engine import Refused

from . import rules, selectors, services
from .models import HotlineTicket, Petition
from .roles import Role

ANCHOR = date(2026, 11, 20)
YEARS = (2024, 2025, 2026)
#: Departments petitions are about (yearly volume) and what people complain of.
DEPARTMENTS: dict[str, tuple[int, tuple[str, ...]]] = {
    "market": (
        7,
        ("要求撤销对其店铺的罚款", "投诉某超市销售过期食品未获处理", "反映执法人员态度粗暴"),
    ),
    "nrp": (6, ("对征地补偿标准有异议", "反映宅基地审批久拖不办", "要求查处违法占地")),
    "housing": (
        6,
        ("反映棚改安置房迟迟不能交付", "投诉物业服务企业乱收费", "要求处理小区违章搭建"),
    ),
    "hrss": (5, ("反映某企业拖欠工资", "对社保待遇核定有异议")),
    "eco": (3, ("投诉某化工企业夜间排污", "反映养殖场臭味扰民")),
    "education": (3, ("反映学区划分不合理", "投诉校外培训机构退费难")),
}
TOWN_VOLUME = 3
TICKETS_PER_YEAR = 70
TICKET_UNITS = ("market", "housing", "nrp", "hrss", "transport", "eco", "civil", "education")
TICKET_TOPICS = {
    "consult": ("咨询社保卡补办流程", "咨询不动产登记所需材料", "咨询营业执照变更手续"),
    "help": ("小区路灯不亮", "窨井盖缺失", "公交站牌损坏"),
    "complaint": ("餐馆油烟扰民", "装修噪声扰民", "占道经营", "快递网点乱堆放"),
    "report": ("举报无证经营", "举报违法建筑", "举报非法行医"),
    "suggestion": ("建议增设公交线路", "建议延长图书馆开放时间"),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "华")


def _account(county: Any, key: str) -> User:
    """The agency's 信访 staff: the demo login at the 信访局, an account made here elsewhere."""
    if key == "petition":
        return county.users["xinfang"]
    agency = county.agency(key)
    username = f"xinfang_{key.replace(':', '_')}"
    user = User.objects.filter(username=username).first()
    if user is None:
        from fazhi.core.demo.generator import demo_password_hash

        staff = (
            StaffMember.objects.filter(agency=agency, user__isnull=True)
            .exclude(position__in=("局长", "县长", "主任", "镇长", "乡长"))
            .order_by("pk")
            .first()
        )
        user = provisioning.create_account(
            username,
            display_name=staff.name if staff else f"{agency.display_name}信访工作人员",
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
        user, [Role.PETITION_STAFF], agency, actor=provisioning.BOOTSTRAP, source="demo"
    )
    return user


def _wd(d: date, n: int) -> date:
    return calendar().add_working_days(d, n) if n else d


def _workday(d: date) -> date:
    cal = calendar()
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


def _acts(agency: Any) -> list[Any]:
    """A few enforcement cases of the agency, so that repeat complaints about one act occur."""
    if not apps.is_installed("fazhi.systems.enforcement"):
        return []
    model = apps.get_model("enforcement", "Case")
    return list(model.objects.filter(agency=agency).order_by("pk")[:3])


def _petition(ctx: dict, rng: random.Random, number: str, received: date, key: str, topic: str):
    office, staff = ctx["office"], ctx["staff"]
    handler = ctx["county"].agency(key)
    acts = ctx["acts"].get(key, [])
    act = acts[rng.randrange(len(acts))] if acts and rng.random() < 0.4 else None
    register = services.register_petition
    kwargs = dict(
        agency=office,
        actor=staff["petition"],
        number=number,
        channel=rng.choice(list(rules.CHANNELS)[:5]),
        petitioner_name=rng.choice(ctx["people"]),
        petitioner_contact=f"139{rng.randrange(10**8):08d}",
        content=topic,
        facts_reasons="信访人认为其合法权益受到侵害，要求依法处理。",
        concerned_agency=handler,
        received_on=received,
        act=act,
        act_description="" if act else f"{handler.display_name}的有关行政行为",
    )
    try:
        p = register(**kwargs)
    except Refused:  # the same matter was closed by 复核: only new facts reopen it (第三十六条)
        p = register(**kwargs, new_facts="信访人提交了新的证据材料。")
    if received > ANCHOR - timedelta(days=8):
        return
    late = rng.random() < 0.06
    routed = received + timedelta(days=rng.randint(17, 21) if late else rng.randint(2, 12))
    if rng.random() < 0.06 and routed <= ANCHOR:
        services.divert(p, actor=staff["petition"], diversion="litigation", closed_on=routed)
        return
    if routed > ANCHOR:
        return
    p = services.route(
        p, actor=staff["petition"], route=rng.choice(list(rules.ROUTES)), handler_agency=handler,
        routed_on=routed,
    )  # fmt: skip
    worker = staff[key]
    delivered = p.delivered_on
    if received > ANCHOR - timedelta(days=30) and rng.random() < 0.5:
        return  # routed, not yet accepted
    if rng.random() < 0.05 and _wd(delivered, 3) <= ANCHOR:
        p = services.object_to_routing(
            p, actor=worker, objection_on=_wd(delivered, 3), reason="该事项属其他部门职责。"
        )
        return  # left with the office to route again
    accepted = _wd(delivered, rng.randint(0, 3))
    if accepted > ANCHOR:
        return
    p = services.accept(p, actor=worker, accepted_on=accepted)
    notice = accepted + timedelta(days=rng.randint(1, 5))
    if notice <= ANCHOR:
        p = services.notify(p, actor=worker, notice_on=notice)
    if rng.random() < 0.1 and accepted + timedelta(days=50) <= ANCHOR:
        approved = accepted + timedelta(days=50)
        p = services.extend(
            p, actor=worker, days=30, approver="局长", approved_on=approved,
            notified_on=approved, reason="涉及多个部门，需要进一步调查核实。",
        )  # fmt: skip
    forgotten = received.year == 2026 and rng.random() < 0.06
    span = rng.randint(62, 75) if rng.random() < 0.06 else rng.randint(20, 58)
    opinion_on = accepted + timedelta(days=span + (25 if p.extended else 0))
    if forgotten or opinion_on > ANCHOR:
        return
    served = opinion_on + timedelta(days=rng.randint(0, 3))
    if served > ANCHOR:
        served = opinion_on
    p = services.decide(
        p, actor=worker, opinion_on=opinion_on, served_on=served,
        opinion=rng.choice(("经调查核实，已责令整改，并将结果告知信访人。", "经调查，原处理认定事实清楚、程序合法，予以维持。", "信访人诉求部分合理，已协调相关单位予以解决。")),
        legal_basis="《信访工作条例》第三十一条第（六）项及相关法律法规",
    )  # fmt: skip
    _afterwards(ctx, rng, p, served, key)


def _afterwards(ctx: dict, rng: random.Random, p: Petition, served: date, key: str) -> None:
    """复查 (and for a township's matter 复核), or 办结 once the request period has run out."""
    staff = ctx["staff"]
    worker = staff[key]
    town = key.startswith("town:")
    if rng.random() < (0.5 if town else 0.12):
        requested = served + timedelta(days=rng.randint(5, 25))
        if requested > ANCHOR:
            return
        review_key = "nrp" if town else "government"
        p = services.request_review(
            p,
            actor=staff[review_key],
            body=ctx["county"].agency(review_key),
            requested_on=requested,
        )
        decided = requested + timedelta(days=rng.randint(10, 28))
        if decided > ANCHOR:
            return
        p = services.decide_review(
            p, actor=staff[review_key], decided_on=decided, opinion="维持原处理意见。",
            served_on=decided,
        )  # fmt: skip
        if town and rng.random() < 0.7:
            requested = decided + timedelta(days=rng.randint(5, 20))
            if requested > ANCHOR:
                return
            gov = staff["government"]
            p = services.request_recheck(
                p, actor=gov, body=ctx["county"].agency("government"), requested_on=requested
            )
            extra = 0
            if rng.random() < 0.5 and requested + timedelta(days=10) <= ANCHOR:
                start = requested + timedelta(days=6)
                p = services.start_hearing(p, actor=gov, started_on=start, note="公开听证")
                extra = 4
                if start + timedelta(days=4) > ANCHOR:
                    return
                p = services.end_hearing(p, actor=gov, ended_on=start + timedelta(days=4))
            final = requested + timedelta(days=rng.randint(15, 28) + extra)
            if final <= ANCHOR:
                services.decide_recheck(p, actor=gov, decided_on=final, opinion="维持复查意见。")
            return
        served = decided
    due = selectors.due(p, rules.RULE_REVIEW_REQUEST) or selectors.due(
        p, rules.RULE_RECHECK_REQUEST
    )
    closed = (due or served) + timedelta(days=rng.randint(1, 10))
    if closed <= ANCHOR:
        services.conclude(p, actor=worker, closed_on=closed)


def _ticket(ctx: dict, rng: random.Random, number: str, received: date) -> None:
    staff = ctx["staff"]
    office = staff["petition"]
    category = rng.choice(list(rules.CATEGORIES))
    key = rng.choice(TICKET_UNITS)
    t = services.register_ticket(
        office=ctx["office"], actor=office, number=number, category=category,
        caller_name=rng.choice(SURNAMES) + "先生女士"[rng.randrange(2) * 2 : rng.randrange(2) * 2 + 2],
        caller_contact=f"137{rng.randrange(10**8):08d}",
        content=rng.choice(TICKET_TOPICS[category]), received_on=received,
        unit=ctx["county"].agency(key), dispatched_on=received,
    )  # fmt: skip
    # the last fortnight's tickets stop at every stage of the procedure
    recent = received > ANCHOR - timedelta(days=15)
    halt = (
        rng.choice(("dispatched", "returned", "signed", "replied", "unsatisfied", ""))
        if recent
        else ""
    )
    if halt == "dispatched":
        return
    if rng.random() < 0.1 or halt == "returned":
        t = services.return_ticket(
            t, actor=staff[key], returned_on=_wd(received, 1) if rng.random() < 0.5 else received,
            reason="该事项不属于本单位职责。",
        )  # fmt: skip
        decided = _wd(t.bounces.get().returned_on, 1)
        if decided > ANCHOR or halt == "returned":
            return
        if rng.random() < 0.5:
            key = rng.choice([k for k in TICKET_UNITS if k != key])
            t = services.arbitrate(
                t, actor=office, decision=rules.ACCEPT_RETURN, decided_on=decided,
                unit=ctx["county"].agency(key), note="经核实，改派责任单位。",
            )  # fmt: skip
        else:
            t = services.arbitrate(
                t, actor=office, decision=rules.REJECT_RETURN, decided_on=decided,
                note="经核实，属该单位职责，驳回退单。",
            )  # fmt: skip
    signed = _wd(
        t.dispatched_on, rng.choice((0, 0, 1, 1, 1, 2, 3) if rng.random() < 0.1 else (0, 1))
    )
    if signed > ANCHOR:
        return
    worker = staff[key]
    t = services.sign(t, actor=worker, signed_on=signed)
    if halt == "signed":
        return
    if rng.random() < 0.05 and _wd(signed, 3) <= ANCHOR:
        t = services.extend_ticket(t, actor=office, approved_on=_wd(signed, 3), reason="需现场核查")
    replied = _wd(signed, rng.randint(1, 7))
    if replied > ANCHOR or (received.year == 2026 and rng.random() < 0.04):
        return
    t = services.reply(t, actor=worker, replied_on=replied, reply="已核实处理，并电话告知来电人。")
    back = replied + timedelta(days=rng.randint(1, 3))
    if back > ANCHOR or halt == "replied":
        return
    roll = rng.random()
    mood = rules.SATISFIED if roll < 0.78 else rules.BASIC if roll < 0.9 else rules.UNSATISFIED
    if halt == "unsatisfied":
        services.callback(t, actor=office, callback_on=back, satisfaction=rules.UNSATISFIED)
        return
    t = services.callback(t, actor=office, callback_on=back, satisfaction=mood)
    if mood == rules.UNSATISFIED and back + timedelta(days=1) <= ANCHOR:
        if rng.random() < 0.6:
            t = services.reopen(t, actor=office, reopened_on=back + timedelta(days=1))
            again = _wd(back, rng.randint(2, 5))
            if again <= ANCHOR:
                t = services.reply(t, actor=worker, replied_on=again, reply="重新办理，已解决。")
                if again + timedelta(days=1) <= ANCHOR:
                    services.callback(
                        t, actor=office, callback_on=again + timedelta(days=1),
                        satisfaction=rules.BASIC,
                    )  # fmt: skip
        else:
            services.close(t, actor=office, closed_on=back + timedelta(days=1))


def load_demo(county: Any) -> dict[str, int]:
    """Create (or complete) the demo petitions and tickets; returns how many were created."""
    rng = county.rng("petitions")
    towns = sorted(k for k in county.agencies if k.startswith("town:"))[:2]
    keys = ["petition", "government", *DEPARTMENTS, *TICKET_UNITS, *towns]
    ctx = {
        "county": county,
        "office": county.agency("petition"),
        "staff": {k: _account(county, k) for k in dict.fromkeys(keys)},
        "acts": {k: _acts(county.agency(k)) for k in DEPARTMENTS},
        "people": [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(60)],
    }
    head = f"{ctx['office'].short_name or ctx['office'].name}信"
    created = {"petitions": 0, "tickets": 0}
    plan = {**{k: v for k, (v, _) in DEPARTMENTS.items()}, **dict.fromkeys(towns, TOWN_VOLUME)}
    for year in YEARS:
        last = ANCHOR if year == 2026 else date(year, 12, 31)
        span = (last - date(year, 1, 2)).days
        events = sorted(
            (_workday(date(year, 1, 2) + timedelta(days=rng.randrange(span))), key)
            for key, n in plan.items()
            for _ in range(n if year < 2026 else n * 10 // 12)
        )
        for n, (received, key) in enumerate(events, start=1):
            number = f"{head}〔{year}〕{n}号"
            if received > ANCHOR or Petition.objects.filter(number=number).exists():
                continue
            local = random.Random(number)
            topics = (
                DEPARTMENTS[key][1]
                if key in DEPARTMENTS
                else ("反映村道修建占用承包地未获补偿", "对村级财务公开有异议")
            )
            _petition(ctx, local, number, received, key, local.choice(topics))
            created["petitions"] += 1
        days = sorted(
            _workday(date(year, 1, 2) + timedelta(days=rng.randrange(span)))
            for _ in range(TICKETS_PER_YEAR if year < 2026 else TICKETS_PER_YEAR * 10 // 12)
        )
        for n, received in enumerate(days, start=1):
            number = f"12345-{year}-{n:05d}"
            if received > ANCHOR or HotlineTicket.objects.filter(number=number).exists():
                continue
            _ticket(ctx, random.Random(number), number, received)
            created["tickets"] += 1
    return created
