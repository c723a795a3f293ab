"""Demo rules for the demo county: every enforcement agency's 执法主体 record and matter list;
for 市场监管, 生态环境 and 应急管理 realistic penalty matters with versioned bases, benchmarks
(three tiers by the 30% split of 国市监法规〔2022〕2号 第十条, plus 减轻 where the law has a
minimum) and the four lists (首违不罚 items); the market regulator's benchmarks and 事前公示 are
published through the publication door.

Idempotent (natural keys: matter code, benchmark version label, list version) and deterministic.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.core.orgs.models import Agency

from . import services
from .demo_data import DETAILED, NO_COERCION_BASIS, SECTOR_LAWS, TOWNSHIP_LAW
from .models import (
    BenchmarkVersion,
    EnforcementSubject,
    LegalBasis,
    LenientList,
    Matter,
    MatterListRevision,
)

ACTOR = "演示数据"
LIST_DATE = date(2024, 1, 1)
SPLIT_RULE = "按《关于规范市场监督管理行政处罚裁量权的指导意见》（国市监法规〔2022〕2号）第十条：从轻为法定幅度较低的30%，从重为较高的30%"
LENIENT_CODES = ["cooperative", "small_amount", "short_duration", "first_violation"]
SEVERE_CODES = ["repeat", "serious_harm", "obstruction", "vulnerable_victims"]
MITIGATING_CODES = ["eliminated_harm", "coerced", "confessed", "meritorious"]
KIND_CODES = {"penalty": "1", "licence": "2", "coercion": "3", "inspection": "4"}


def _money(x: Decimal) -> Decimal:
    return x.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def tiers_for(low: Decimal | None, high: Decimal) -> list[dict[str, Any]]:
    """从轻/一般/从重 by the 30% split, and 减轻 below a statutory minimum when there is one."""
    lo = low or Decimal(0)
    span = high - lo
    a, b = _money(lo + span * Decimal("0.3")), _money(high - span * Decimal("0.3"))
    tiers = [
        {
            "tier": "lenient",
            "severity": "light",
            "circumstances": LENIENT_CODES,
            "min_amount": low,
            "max_amount": a,
            "standard": SPLIT_RULE,
        },
        {
            "tier": "ordinary",
            "severity": "serious",
            "circumstances": [],
            "min_amount": a,
            "max_amount": b,
            "standard": "无从轻、从重情节的，在法定幅度中间40%内处罚",
        },
        {
            "tier": "severe",
            "severity": "grave",
            "circumstances": SEVERE_CODES,
            "min_amount": b,
            "max_amount": high,
            "standard": SPLIT_RULE,
        },
    ]
    if low:
        tiers.append(
            {
                "tier": "mitigated",
                "severity": "slight",
                "circumstances": MITIGATING_CODES,
                "min_amount": _money(low * Decimal("0.2")),
                "max_amount": _money(low * Decimal("0.9")),
                "standard": "有行政处罚法第三十二条规定情形的，可在法定最低罚款以下减轻处罚，须经集体讨论",
            }
        )
    return tiers


def _subject(agency: Agency, government_name: str) -> None:
    if EnforcementSubject.objects.filter(agency=agency).exists():
        return
    services.save_subject(
        agency,
        actor=ACTOR,
        nature=EnforcementSubject.Nature.STATUTORY,
        basis=f"《{government_name}机构改革方案》及本机关职能配置、内设机构和人员编制规定",
        duties="依照法律、法规、规章和本机关权责清单，实施本领域的行政处罚、行政许可、行政强制、行政检查等行政执法事项。",
        address=f"{agency.name}办公楼",
        phone="0570-0000000",
        complaint_phone="12345",
        procedure="立案—调查取证（执法人员不少于两人，出示执法证件）—告知拟作出的处罚及陈述、申辩、听证权利—"
        "陈述申辩或者听证—法制审核（重大执法决定）—负责人决定或者集体讨论—送达—执行—结案归档。",
        remedies=f"对行政执法决定不服的，可以自知道该决定之日起六十日内向{government_name}申请行政复议，"
        "或者自知道该决定之日起六个月内向人民法院提起行政诉讼。",
    )


def _matters(agency: Agency, key: str, index: int, county: Any) -> list[Matter]:
    detailed = DETAILED.get(key)
    if detailed is None:
        law = TOWNSHIP_LAW if key.startswith("town:") else SECTOR_LAWS.get(key)
        if law is None:
            return []
        from fazhi.systems.officers.demo import fields_for

        field = fields_for(key)[0]
        detailed = (
            (
                "inspection",
                f"对{field}领域行政相对人遵守法律法规情况的行政检查",
                field,
                None,
                None,
                {},
                (
                    (
                        law,
                        "（条款见本机关正式执法事项清单）",
                        "演示数据：依据条文以本机关公布的执法事项清单为准。",
                        date(2020, 1, 1),
                        None,
                        None,
                        None,
                    ),
                ),
            ),
        )
    out = []
    counters: dict[str, int] = {}
    for kind, name, field, lo, hi, options, bases in detailed:
        counters[kind] = counters.get(kind, 0) + 1
        code = f"{county.county.code}{index:02d}{KIND_CODES.get(kind, '9')}{counters[kind]:03d}"
        matter = Matter.objects.filter(agency=agency, code=code).first()
        if matter is None:
            matter = services.save_matter(
                agency,
                code=code,
                actor=ACTOR,
                name=name,
                kind=kind,
                field=field,
                fine_min=Decimal(lo) if lo is not None else None,
                fine_max=Decimal(hi) if hi is not None else None,
                in_review_catalogue=bool(options.get("review")),
                review_catalogue_reason=options.get("review", ""),
                criminal_threshold_amount=Decimal(options["threshold"])
                if "threshold" in options
                else None,
                criminal_threshold_note=options.get("threshold_note", ""),
                life_health_finance=bool(options.get("lhf")),
            )
            services.replace_bases(
                matter,
                [
                    {
                        "role": LegalBasis.Role.PRIMARY,
                        "instrument": i,
                        "article": a,
                        "quote": q,
                        "effective_from": f,
                        "effective_to": t,
                        "fine_min": Decimal(mn) if mn is not None else None,
                        "fine_max": Decimal(mx) if mx is not None else None,
                    }
                    for i, a, q, f, t, mn, mx in bases
                ],
                actor=ACTOR,
            )
        out.append(matter)
    return out


def _benchmarks(matters: list[Matter], publish_through_door: bool, doc: str) -> int:
    made = 0
    for m in matters:
        if m.kind != Matter.Kind.PENALTY or m.fine_max is None:
            continue
        if BenchmarkVersion.objects.filter(benchmark__matter=m, label="2024版").exists():
            continue
        basis = m.bases.filter(effective_to__isnull=True).first()
        version = services.save_benchmark_version(
            m,
            label="2024版",
            effective_from=LIST_DATE,
            tiers=tiers_for(m.fine_min, m.fine_max),
            violation=m.name.removeprefix("对").removesuffix("的行政处罚"),
            basis_text=basis.citation if basis else "",
            published_on=None if publish_through_door else date(2023, 12, 28),
            document_number="" if publish_through_door else doc,
            actor=ACTOR,
        )
        if publish_through_door:
            services.publish_benchmark_version(
                version, on=date(2023, 12, 28), document_number=doc, actor=ACTOR
            )
        made += 1
    return made


def _lists(agency: Agency, matters: list[Matter]) -> int:
    if LenientList.objects.filter(agency=agency).exists():
        return 0
    by_name = {m.name: m for m in matters}

    def find(fragment: str) -> Matter | None:
        return next((m for n, m in by_name.items() if fragment in n), None)

    first = ["first_violation", "minor_harm", "corrected"]
    plans = {
        "no_penalty": [
            {
                "matter": find("营业执照置于"),
                "description": "未将营业执照置于住所或者主要经营场所醒目位置",
                "conditions": first,
                "legal_basis": "《中华人民共和国行政处罚法》第三十三条第一款",
                "measure": "责令改正，并对当事人进行教育",
            },
            {
                "matter": find("进货查验"),
                "description": "未按规定建立并遵守进货查验记录制度",
                "conditions": first,
                "legal_basis": "《中华人民共和国行政处罚法》第三十三条第一款",
                "measure": "责令改正，并对当事人进行教育",
            },
            {
                "matter": None,
                "general": True,
                "description": "违法行为轻微并及时改正，没有造成危害后果的",
                "conditions": ["minor_violation", "corrected", "no_harm"],
                "legal_basis": "《中华人民共和国行政处罚法》第三十三条第一款",
                "measure": "不予行政处罚，并进行教育",
            },
        ],
        "lighter": [
            {
                "matter": find("不符合食品安全标准"),
                "description": "生产经营不符合食品安全标准的食品，货值金额较小且积极配合调查",
                "conditions": ["cooperative", "small_amount"],
                "legal_basis": "本机关行政裁量权基准",
                "measure": "在从轻阶次内处罚",
            },
        ],
        "mitigated": [
            {
                "matter": None,
                "general": True,
                "description": "主动消除或者减轻违法行为危害后果的",
                "conditions": ["eliminated_harm"],
                "legal_basis": "《中华人民共和国行政处罚法》第三十二条第（一）项",
                "measure": "经集体讨论后减轻处罚",
            },
        ],
        "no_coercion": [
            {
                "matter": find("查封、扣押"),
                "description": "涉案食品数量少、已主动下架封存且没有明显社会危害的",
                "conditions": [
                    {"code": "no_obvious_harm", "label": "情节显著轻微或者没有明显社会危害"},
                    "corrected",
                ],
                "legal_basis": NO_COERCION_BASIS,
                "measure": "不采取查封、扣押措施，责令改正",
            },
        ],
    }
    made = 0
    for kind, items in plans.items():
        # Items of matters this agency does not have are left out; general items apply to all.
        items = [i for i in items if i.pop("general", False) or i["matter"] is not None]
        if not items:
            continue
        services.save_lenient_list(
            agency,
            kind=kind,
            version="2024版",
            title=f"{agency.display_name}{LenientList.Kind(kind).label}",
            effective_from=LIST_DATE,
            items=items,
            document_number=f"{agency.display_name}〔2023〕18号",
            published_on=date(2023, 12, 28),
            actor=ACTOR,
        )
        made += 1
    return made


def load_demo(county: Any) -> dict[str, int]:
    """The demo loader registered as ``matters`` (runs after ``officers``)."""
    from fazhi.core.publication.models import PublishedItem

    counts = {"matters": 0, "benchmarks": 0, "lists": 0, "published": 0}
    government = county.agencies.get("government")
    gov_name = government.name if government else "本级人民政府"
    for index, key in enumerate(sorted(county.agencies)):
        agency = county.agencies[key]
        if not agency.enforcement_subject or key == "police":
            continue
        _subject(agency, gov_name)
        matters = _matters(agency, key, index, county)
        counts["matters"] += len(matters)
        if not MatterListRevision.objects.filter(agency=agency).exists() and matters:
            services.record_revision(
                agency, effective_from=LIST_DATE, note="演示数据：2024年版执法事项清单", actor=ACTOR
            )
        if key in DETAILED:
            doc = f"{agency.display_name}〔2023〕17号"
            counts["benchmarks"] += _benchmarks(
                matters, publish_through_door=key == "market", doc=doc
            )
        if key in ("market", "eco"):
            counts["lists"] += _lists(agency, matters)
        if (
            key == "market"
            and not PublishedItem.objects.filter(agency=agency, kind="pre_enforcement").exists()
        ):
            services.publish_pre_enforcement(agency, actor=ACTOR)
            counts["published"] += 1
    return counts
