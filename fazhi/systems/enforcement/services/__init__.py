"""The only write path of 行政处罚 cases: one verb per step, as the statute reads.

Each function checks its input (a Chinese :class:`ValidationError` naming the field), turns it
into JSON-safe step data, and performs the declared transition through
:func:`fazhi.core.workflow.engine.perform` — which checks the policy and the statutory guards,
applies the effect, writes the ledger entry and the history row and (re)schedules the clocks,
all in one transaction. A refusal (:class:`Refused`) names each failed guard with its article,
in the words of this very case where the guard can say more; nothing is saved.

Split by sub-domain: :mod:`.cases` (案源, 立案, 调查取证), :mod:`.notice` (告知, 陈述申辩, 听证),
:mod:`.decision` (法制审核, 集体讨论, 决定) and :mod:`.execution` (送达, 执行, 结案, 公示, 移送,
简易程序), with their shared helpers in :mod:`.common`; every verb is re-exported here.
"""

from .cases import (
    add_evidence,
    conclude_investigation,
    decide_preservation,
    decide_recusal,
    decline_case,
    extend_decision_period,
    open_case,
    preserve_evidence,
    record_findings,
    register_source,
    request_recusal,
    resume_decision_period,
    suspend_decision_period,
)
from .decision import (
    complete_legal_review,
    decide_case,
    recommend_for,
    record_collective_discussion,
    submit_legal_review,
)
from .execution import (
    apply_court_enforcement,
    approve_deferral,
    archive_case,
    close_case,
    conclude_reconsideration_or_suit,
    file_summary_penalty,
    publish_decision,
    raise_transfer,
    record_payment,
    record_reconsideration_or_suit,
    record_transfer_outcome,
    serve_decision,
    summary_penalty,
    withdraw_publication,
)
from .notice import (
    record_hearing,
    record_statement,
    request_hearing,
    review_statement,
    schedule_hearing,
    serve_notice,
)

__all__ = [
    "add_evidence",
    "apply_court_enforcement",
    "approve_deferral",
    "archive_case",
    "close_case",
    "complete_legal_review",
    "conclude_investigation",
    "conclude_reconsideration_or_suit",
    "decide_case",
    "decide_preservation",
    "decide_recusal",
    "decline_case",
    "extend_decision_period",
    "file_summary_penalty",
    "open_case",
    "preserve_evidence",
    "publish_decision",
    "raise_transfer",
    "recommend_for",
    "record_collective_discussion",
    "record_findings",
    "record_hearing",
    "record_payment",
    "record_reconsideration_or_suit",
    "record_statement",
    "record_transfer_outcome",
    "register_source",
    "request_hearing",
    "request_recusal",
    "resume_decision_period",
    "review_statement",
    "schedule_hearing",
    "serve_decision",
    "serve_notice",
    "submit_legal_review",
    "summary_penalty",
    "suspend_decision_period",
    "withdraw_publication",
]
