"""The date a request was received (收到申请之日), which starts every clock of the request.

政府信息公开条例 第三十一条 fixes it by channel: the day of submission in person, the day the
agency signed for registered post, and the day of confirmation with the applicant for ordinary
letters, online requests and faxes. Plain Python: the services and the import both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from . import rules


@dataclass(frozen=True)
class Receipt:
    """The receipt date, the paragraph that fixed it, and a warning when the rule was not kept."""

    received_on: date
    citation: str
    quote: str
    warning: str = ""


def receipt_date(
    channel: str,
    *,
    submitted_on: date | None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    today: date | None = None,
) -> Receipt:
    """收到申请之日 under 第三十一条 for ``channel``; a ValidationError names the missing date.

    ``submitted_on`` is the day the applicant handed the request in, or the day the letter,
    online request or fax reached the agency. An ordinary letter must be confirmed with the
    applicant on the day it arrives (第三十一条第（二）项); a later confirmation still fixes the
    date but is reported as a warning.
    """
    rule = rules.CHANNELS.get(channel)
    if rule is None:
        raise ValidationError({"channel": f"未知的提交渠道“{channel}”。"})
    if submitted_on is None:
        raise ValidationError({"submitted_on": "请填写申请提交（到达）日。"})
    field = rule.extra["date_field"]
    value = {"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on}[
        field
    ]
    label = rules.DATE_FIELD_LABELS[field]
    if value is None:
        raise ValidationError(
            {
                field: f"以“{rule.label}”提交的申请，以{label}为收到申请之日，请填写{label}（依据：{rule.citation}）。"
            }
        )
    if value < submitted_on:
        raise ValidationError(
            {
                field: f"{label}（{value:%Y-%m-%d}）不能早于提交（到达）日（{submitted_on:%Y-%m-%d}）。"
            }
        )
    if today is not None and value > today:
        raise ValidationError(
            {field: f"{label}（{value:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"}
        )
    warning = ""
    if channel == rules.ORDINARY_LETTER and value != submitted_on:
        warning = (
            f"平常信函于 {submitted_on:%Y-%m-%d} 到达，至 {value:%Y-%m-%d} 才与申请人确认；"
            f"{rule.citation}要求于收到申请的当日确认。"
        )
    return Receipt(value, rule.citation, rule.quote, warning)
