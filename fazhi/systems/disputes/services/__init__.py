"""The only write path of 行政复议 and 行政应诉. Each function is one step of a declared workflow,
performed through :func:`fazhi.core.workflow.engine.perform` (guards with their articles, ledger
entry, history row, kernel clocks) in one transaction; refusals come back as ``Refused`` (a
guard with its article) or a Chinese ``ValidationError`` naming the field.

Split by sub-domain: :mod:`.reconsideration` (the body's case and the respondent's answer) and
:mod:`.litigation` (suits and recommendations); everything is re-exported here.
"""

from __future__ import annotations

from .litigation import (
    appeal,
    close_litigation,
    receive_recommendation,
    record_court_hearing,
    record_feedback,
    record_judgment,
    record_performance,
    register_litigation,
    request_evidence_extension,
    submit_defence,
)
from .reconsideration import (
    abandon_reconsideration,
    accept_reconsideration,
    apply_deemed_acceptance,
    attend_hearing,
    close_respondence,
    consult_committee,
    decide_reconsideration,
    deem_accepted,
    extend_reconsideration,
    hold_hearing,
    publish_decision,
    receive_opinion,
    receive_reconsideration_correction,
    record_respondence_decision,
    register_reconsideration,
    register_respondence,
    reject_reconsideration,
    report_correction,
    request_reconsideration_correction,
    resume_reconsideration,
    send_copy,
    submit_answer,
    suspend_reconsideration,
    terminate_reconsideration,
)

__all__ = [
    "abandon_reconsideration",
    "accept_reconsideration",
    "appeal",
    "apply_deemed_acceptance",
    "attend_hearing",
    "close_litigation",
    "close_respondence",
    "consult_committee",
    "decide_reconsideration",
    "deem_accepted",
    "extend_reconsideration",
    "hold_hearing",
    "publish_decision",
    "receive_opinion",
    "receive_reconsideration_correction",
    "receive_recommendation",
    "record_court_hearing",
    "record_feedback",
    "record_judgment",
    "record_performance",
    "record_respondence_decision",
    "register_litigation",
    "register_reconsideration",
    "register_respondence",
    "reject_reconsideration",
    "report_correction",
    "request_evidence_extension",
    "request_reconsideration_correction",
    "resume_reconsideration",
    "send_copy",
    "submit_answer",
    "submit_defence",
    "suspend_reconsideration",
    "terminate_reconsideration",
]
