"""Whether the 法制审核 and the 集体讨论 a decision rests on are current.

第五十八条 requires the review of the decision about to be made, and 第五十七条第二款 the heads'
discussion of it; a review or discussion made before a 重新告知 (a new proposal, new rights) or
before a hearing was held (the decision rests on its record, 第六十五条) saw neither. The case
counts those events in ``proposal_generation``; a review or discussion counts only if made at
the case's current generation, and the case can be sent to review again (提交法制审核 is open
from 告知 and from 待决定).
"""

from __future__ import annotations

from fazhi.core.workflow.engine import Context

from ..rules import XZCF
from .common import guard


def latest_review(case):
    return case.reviews.order_by("-round", "-id").first()


def review_current(case) -> bool:
    """The latest 法制审核 passed and was made on the proposal in force."""
    last = latest_review(case)
    return (
        last is not None
        and last.result == "passed"
        and last.proposal_generation == case.proposal_generation
    )


def to_review(case) -> bool:
    """The case needs a (fresh) 法制审核 before its decision."""
    return case.needs_legal_review and not review_current(case)


def discussion_current(case) -> bool:
    """A 集体讨论 was held on the proposal in force."""
    return case.discussions.filter(proposal_generation=case.proposal_generation).exists()


def _stale_review(ctx: Context) -> bool:
    case = ctx.obj
    last = latest_review(case)
    return (
        case.needs_legal_review
        and last is not None
        and last.result == "passed"
        and last.proposal_generation != case.proposal_generation
    )


def _stale_review_detail(ctx: Context) -> str | None:
    last = latest_review(ctx.obj)
    if last is None or last.completed_on is None:
        return None
    return (
        f"第{last.round}轮法制审核于{last.completed_on:%Y年%m月%d日}通过，此后本案又重新告知或者"
        "举行了听证，该审核未审核最终的拟处罚决定和听证笔录，应当重新提交法制审核"
    )


REVIEW_CURRENT = guard(
    "legal_review_current",
    "法制审核通过后又重新告知、举行听证或者变更了拟处罚决定的，原审核不再有效，应当重新法制审核后方可作出决定",
    f"{XZCF}第五十八条第一款",
    lambda ctx: not _stale_review(ctx),
    detail=_stale_review_detail,
)


def _stale_discussion(ctx: Context) -> bool:
    case = ctx.obj
    return case.complex_or_major and case.discussions.exists() and not discussion_current(case)


def _stale_discussion_detail(ctx: Context) -> str | None:
    last = ctx.obj.discussions.order_by("-held_on", "-id").first()
    if last is None:
        return None
    return (
        f"集体讨论于{last.held_on:%Y年%m月%d日}举行，此后本案又重新告知或者举行了听证，"
        "负责人应当就最终的拟处罚决定重新集体讨论"
    )


DISCUSSION_CURRENT = guard(
    "collective_discussion_current",
    "集体讨论后又重新告知、举行听证或者变更了拟处罚决定的，原讨论不再有效，行政机关负责人应当重新集体讨论决定",
    f"{XZCF}第五十七条第二款",
    lambda ctx: not _stale_discussion(ctx),
    detail=_stale_discussion_detail,
)
