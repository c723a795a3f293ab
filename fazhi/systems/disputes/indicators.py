"""The figures of 行政复议 and 行政应诉 in the indicator registry, each opening onto its records:
复议 received / decided, 纠错率, answers on time, 负责人出庭率, 败诉率 (by agency through the
registry's breakdown), 司法建议 feedback rate."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from fazhi.core.indicators.registry import Indicator, Value, register, register_area

from . import rules, selectors

AREA = register_area("行政复议与应诉", 40)


def _link(obj) -> str:
    return obj.get_absolute_url()


CASE_COLUMNS = [
    ("案号", "number"),
    ("申请人", "applicant_name"),
    ("被申请人", "respondent_label"),
    ("收到申请", "received_on"),
    ("决定", "get_decision_type_display"),
    ("决定日", "decided_on"),
]
LIT_COLUMNS = [
    ("案号", "number"),
    ("被告", "agency.display_name"),
    ("原告", "plaintiff_name"),
    ("裁判结果", "get_outcome_display"),
    ("送达日", "served_on"),
    ("败诉", "lost"),
]


def _ratio(qs, condition: Q) -> Value:
    return Value.ratio(qs.filter(condition).count(), qs.count())


register(
    Indicator(
        code="disputes.reconsideration_received",
        name="收到行政复议申请",
        unit="件",
        area=AREA,
        compute=lambda ids, p: Value.count(selectors.cases_received(ids, p.start, p.end).count()),
        records=lambda ids, p: selectors.cases_received(ids, p.start, p.end).select_related(
            "respondent"
        ),
        record_columns=CASE_COLUMNS,
        record_link=_link,
        order=10,
        citation=f"{rules.XZFY}第三十条",
        description="行政复议机构（司法局）期间内收到的行政复议申请。",
    )
)
register(
    Indicator(
        code="disputes.reconsideration_decided",
        name="作出行政复议决定",
        unit="件",
        area=AREA,
        compute=lambda ids, p: Value.count(selectors.cases_decided(ids, p.start, p.end).count()),
        records=lambda ids, p: selectors.cases_decided(ids, p.start, p.end).select_related(
            "respondent"
        ),
        record_columns=CASE_COLUMNS,
        record_link=_link,
        order=11,
        citation=f"{rules.XZFY}第六十二条",
    )
)
register(
    Indicator(
        code="disputes.correction_rate",
        name="行政复议纠错率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(
            selectors.decisions_about(ids, p.start, p.end),
            Q(decision_type__in=selectors.CORRECTING_DECISIONS),
        ),
        records=lambda ids, p: selectors.decisions_about(ids, p.start, p.end).select_related(
            "respondent"
        ),
        record_columns=CASE_COLUMNS,
        record_link=_link,
        higher_is_better=False,
        order=12,
        description="以被申请人计：复议决定变更、撤销、确认违法、确认无效或责令履行的，占作出实体决定的比例。",
        citation=f"{rules.XZFY}第六十三条至第六十九条",
    )
)
register(
    Indicator(
        code="disputes.answer_on_time_rate",
        name="行政复议按期答复率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(selectors.answers_due(ids, p.start, p.end), Q(on_time=True)),
        records=lambda ids, p: selectors.answers_due(ids, p.start, p.end),
        record_columns=[
            ("案号", "number"),
            ("申请人", "applicant_name"),
            ("收到副本", "copy_received_on"),
            ("答复期限", "answer_due"),
            ("答复日", "answered_on"),
        ],
        record_link=_link,
        higher_is_better=True,
        order=13,
        citation=f"{rules.XZFY}第四十八条、第七十条",
    )
)
register(
    Indicator(
        code="disputes.defence_on_time_rate",
        name="行政应诉按期举证率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(selectors.defences_due(ids, p.start, p.end), Q(on_time=True)),
        records=lambda ids, p: selectors.defences_due(ids, p.start, p.end).select_related("agency"),
        record_columns=LIT_COLUMNS,
        record_link=_link,
        higher_is_better=True,
        order=14,
        citation=f"{rules.XZSS}第六十七条、第三十四条",
    )
)
register(
    Indicator(
        code="disputes.head_appearance_rate",
        name="行政机关负责人出庭应诉率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(
            selectors.court_hearings(ids, p.start, p.end), Q(head_appeared=True)
        ),
        records=lambda ids, p: selectors.court_hearings(ids, p.start, p.end),
        record_columns=[
            ("案号", "case.number"),
            ("被告", "case.agency.display_name"),
            ("开庭日", "held_on"),
            ("负责人出庭", "head_appeared"),
            ("出庭负责人", "head_name"),
            ("委托出庭", "delegate"),
        ],
        record_link=lambda h: reverse("disputes:detail", args=["litigation", h.case_id]),
        higher_is_better=True,
        order=15,
        citation=rules.HEAD_MUST_APPEAR.citation,
        description="期间内开庭的庭次中，被诉行政机关负责人出庭的比例（每一审级分别计）。",
    )
)
register(
    Indicator(
        code="disputes.loss_rate",
        name="行政诉讼败诉率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(selectors.judged(ids, p.start, p.end), Q(lost=True)),
        records=lambda ids, p: selectors.judged(ids, p.start, p.end).select_related("agency"),
        record_columns=LIT_COLUMNS,
        record_link=_link,
        higher_is_better=False,
        order=16,
        description="期间内送达裁判的案件中败诉的比例（撤诉、调解结案不计）。按机关下钻即各机关败诉率。",
        citation=f"{rules.XZSS}第六十九条至第七十七条",
    )
)
register(
    Indicator(
        code="disputes.recommendation_feedback_rate",
        name="司法建议、检察建议书面回复率",
        unit="%",
        area=AREA,
        aggregate="ratio",
        compute=lambda ids, p: _ratio(
            selectors.recommendations_due(ids, p.start, p.end), Q(feedback_on__isnull=False)
        ),
        records=lambda ids, p: selectors.recommendations_due(ids, p.start, p.end).select_related(
            "agency"
        ),
        record_columns=[
            ("类别", "get_kind_display"),
            ("制发机关", "issuer"),
            ("文号", "number"),
            ("回复期限", "feedback_due"),
            ("回复日", "feedback_on"),
        ],
        higher_is_better=True,
        order=17,
        description="回复期限在期间内的建议中，已书面回复的比例。",
    )
)
