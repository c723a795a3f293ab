"""The declaration of 行政处罚: what this system brings to the platform."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.acts.registry import ActKind
from fazhi.core.ledger.files import Attachment
from fazhi.core.ledger.tracking import Record, within
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from . import policies, selectors
from .demo import load_demo
from .filters import SEARCH_FIELDS
from .models import (
    Case,
    CaseDocument,
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
)
from .steps import CASE_STEPS


def _nav(label: str, url_name: str, order: int, allowed=policies.can_use, refused="") -> NavItem:
    return NavItem("行政执法", label, url_name, allowed=allowed, order=order, refused=refused)


def _opening(label: str, url_name: str, order: int, refused: str) -> NavItem:
    """An entry that opens a case: shown, and its page opened, only by an officer."""
    return _nav(label, url_name, order, policies.can_register_any, refused)


SYSTEM = System(
    label="enforcement",
    name="行政处罚",
    urls="fazhi.systems.enforcement.urls",
    api_urls="fazhi.systems.enforcement.api.urls",
    steps=[CASE_STEPS],
    nav=[
        _nav("行政处罚案件", "enforcement:case_list", 20),
        _opening("登记案源", "enforcement:case_new", 21, policies.REGISTER_REFUSED),
        _opening("当场处罚", "enforcement:summary_new", 22, policies.SUMMARY_REFUSED),
        _nav("行政处罚统计", "enforcement:stats", 23),
    ],
    # 复议, 诉讼, 信访… about a case count in 纠错率, 败诉率 by 执法事项 and repeat complaints;
    # the act picker finds a case by any part of its numbers or party, or by its whole 案号 or
    # 决定书文号 typed into the act field.
    act_kinds=[
        ActKind(
            "penalty_case",
            "行政处罚案件",
            Case,
            matter_field="matter",
            search_fields=SEARCH_FIELDS,
            number_fields=("number", "decision_number"),
            exclude=Q(state="draft"),
        )
    ],
    # 行政执法公示 of decisions (三项制度), each timed by a kernel rule: 行政处罚/行政许可决定
    # 7 个工作日 and 其他执法决定 20 个工作日 (国办发〔2018〕118号 二（六）); 抽查结果 20 个工作日
    # (a configurable default, its source unverified). A penalty is withdrawn within 3 working
    # days of its change (行政处罚法 第四十八条).
    publication_kinds=[
        PublicationKind(
            "penalty",
            "行政处罚决定",
            rule_id="penalty.publication",
            withdrawal_rule_id="penalty.withdrawal",
            order=20,
        ),
        PublicationKind("licence", "行政许可决定", rule_id="licence.publication", order=30),
        PublicationKind(
            "other_enforcement",
            "其他执法决定",
            rule_id="enforcement.decision_publication",
            order=40,
        ),
        PublicationKind("inspection", "双随机抽查结果", rule_id="inspection.publication", order=50),
    ],
    # After ``officers`` (certificates) and ``matters`` (matters, benchmarks, four lists).
    demo=DemoLoader(load_demo, order=200),
    # the case's sub-records: evidence, the party's statements, hearings, reviews, payments…
    # A 文书's version is its place among the generations of its kind (ledgered with each
    # generation's entry), so the column added for it is not part of the row's state.
    records=[
        Record(m, name=within("case"), exclude=("version",) if m is CaseDocument else ())
        for m in (
            CaseDocument,
            Evidence,
            Preservation,
            Recusal,
            Statement,
            Hearing,
            LegalReview,
            CollectiveDiscussion,
            Payment,
            Deferral,
            Remedy,
        )
    ],
    # The files a case holds, opened from the case page by whoever may see the case.
    files=[
        Attachment(
            "enforcement.evidence",
            "enforcement.Evidence",
            selectors.of_visible_cases(Evidence),
            label="证据",
        ),
        Attachment(
            "enforcement.document",
            "enforcement.CaseDocument",
            selectors.of_visible_cases(CaseDocument),
            label="文书",
            name=lambda doc: doc.file_name,
        ),
        Attachment(
            "enforcement.statement",
            "enforcement.Statement",
            selectors.of_visible_cases(Statement),
            label="陈述申辩材料",
        ),
        Attachment(
            "enforcement.hearing_record",
            "enforcement.Hearing",
            selectors.of_visible_cases(Hearing),
            field="record_file",
            label="听证笔录",
        ),
    ],
)
