"""Queries over 行政复议 and 行政应诉: the rows behind the indicators, the links to acts, and the
figures other apps read (the disclosure annual report's section 四)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from fazhi.core.acts import registry as acts_registry
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.workflow.engine import labelled_history

from . import rules
from .models import CourtHearing, LitigationCase, Recommendation, ReconsiderationCase, Respondence

MODELS: dict[str, Any] = {
    "reconsideration": ReconsiderationCase,
    "respondence": Respondence,
    "litigation": LitigationCase,
}
CORRECTING_DECISIONS = [
    k for k, v in rules.RECONSIDERATION_DECISIONS.items() if v.result == rules.CORRECTED
]


def clocks(obj: Any) -> list[Any]:
    return deadlines_of(obj)


def timeline(obj: Any) -> list[Any]:
    return labelled_history(obj)


def matters_about(act: Any) -> dict[str, QuerySet]:
    """Every matter in any channel (复议, 诉讼, 信访…) linked to ``act`` (an enforcement case, a
    disclosure request...), by channel key; see :mod:`fazhi.core.acts.registry`."""
    return acts_registry.matters_about(act)


# -- the rows behind the indicators ---------------------------------------------------------------


def cases_received(ids: Iterable[int], start: date, end: date) -> QuerySet[ReconsiderationCase]:
    return ReconsiderationCase.objects.filter(
        agency_id__in=list(ids), received_on__gte=start, received_on__lte=end
    ).exclude(state="new")


def cases_decided(ids: Iterable[int], start: date, end: date) -> QuerySet[ReconsiderationCase]:
    return ReconsiderationCase.objects.filter(
        agency_id__in=list(ids), state="decided", decided_on__gte=start, decided_on__lte=end
    )


def decisions_about(ids: Iterable[int], start: date, end: date) -> QuerySet[ReconsiderationCase]:
    """Decided cases whose respondent is one of ``ids`` (the agencies' acts reviewed)."""
    return ReconsiderationCase.objects.filter(
        respondent_id__in=list(ids), state="decided", decided_on__gte=start, decided_on__lte=end
    ).exclude(decision_type__in=("terminate", "mediation"))


def answers_due(ids: Iterable[int], start: date, end: date) -> QuerySet[Respondence]:
    """Respondent answers given within the period (the on-time figure's base)."""
    return Respondence.objects.filter(
        agency_id__in=list(ids), answered_on__gte=start, answered_on__lte=end, on_time__isnull=False
    )


def defences_due(ids: Iterable[int], start: date, end: date) -> QuerySet[LitigationCase]:
    return LitigationCase.objects.filter(
        agency_id__in=list(ids),
        defence_submitted_on__gte=start,
        defence_submitted_on__lte=end,
        on_time__isnull=False,
    )


def court_hearings(ids: Iterable[int], start: date, end: date) -> QuerySet[CourtHearing]:
    return CourtHearing.objects.filter(
        case__agency_id__in=list(ids), held_on__gte=start, held_on__lte=end
    ).select_related("case__agency")


def judged(ids: Iterable[int], start: date, end: date) -> QuerySet[LitigationCase]:
    """Cases whose judgment or ruling was served in the period (the loss rate's base): suits
    withdrawn or mediated are not judgments on the act and are left out."""
    return LitigationCase.objects.filter(
        agency_id__in=list(ids), served_on__gte=start, served_on__lte=end
    ).exclude(outcome__in=("withdrawn", "mediated", ""))


def recommendations_due(ids: Iterable[int], start: date, end: date) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(
        agency_id__in=list(ids), feedback_due__gte=start, feedback_due__lte=end
    )


# -- the disclosure annual report's section 四 ------------------------------------------------------


def _result(outcome: str, table: dict[str, rules.Outcome]) -> str:
    o = table.get(outcome)
    return o.result if o else rules.OTHER


def disclosure_dispute_figures(agency_ids: Iterable[int], year: int) -> dict[str, dict[str, int]]:
    """行政复议 and 行政诉讼 about 政府信息公开 against ``agency_ids`` received in ``year``, by
    result at the year's end: 维持 / 纠正 / 其他 / 尚未审结 (国办公开办函〔2021〕30号 section 四)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    ids = list(agency_ids)

    def blank() -> dict[str, int]:
        return {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}

    out = {"reconsideration": blank(), "litigation_direct": blank(), "litigation_after": blank()}
    for r in Respondence.objects.filter(
        agency_id__in=ids,
        category=rules.DISCLOSURE,
        copy_received_on__gte=start,
        copy_received_on__lte=end,
    ):
        done = r.decided_on is not None and r.decided_on <= end and r.decision_type
        key = _result(r.decision_type, rules.RECONSIDERATION_DECISIONS) if done else "pending"
        out["reconsideration"][key] += 1
        out["reconsideration"]["total"] += 1
    for c in LitigationCase.objects.filter(
        agency_id__in=ids,
        category=rules.DISCLOSURE,
        complaint_received_on__gte=start,
        complaint_received_on__lte=end,
    ):
        bucket = out["litigation_after" if c.after_reconsideration else "litigation_direct"]
        done = c.served_on is not None and c.served_on <= end and c.outcome
        key = _result(c.outcome, rules.LITIGATION_OUTCOMES) if done else "pending"
        bucket[key] += 1
        bucket["total"] += 1
    return out
