"""Figures of the enforcement workforce: 持证率, training hours against the 纲要's 60 学时,
certificates to renew, and the 5% reviewer ratio (118号 四（十一））.

"At period end" means the period's last day, or today while the period is still running.
Autodiscovered by the indicators app.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from fazhi.core.indicators.registry import Indicator, Period, Value, register, register_area

from . import selectors
from .models import COUNTED_CATEGORIES, Certificate, TrainingRecord
from .rules import ANNUAL_TRAINING_HOURS, GANGYAO, REVIEWER_RATIO, TWO_OFFICERS, expiry_notice

AREA = register_area("队伍建设", 70)

STAFF_COLUMNS = [
    ("姓名", "name"),
    ("机关", "agency.display_name"),
    ("内设机构", "unit.name"),
    ("职务", "position"),
]
CERT_COLUMNS = [
    ("持证人", "staff.name"),
    ("机关", "staff.agency.display_name"),
    ("证件编号", "number"),
    ("执法领域", "fields_display"),
    ("有效期至", "expires_on"),
    ("状态", "get_status_display"),
]


def as_of(period: Period) -> date:
    return min(period.end, timezone.localdate())


def _officers(agency_ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.enforcement_staff(agency_ids)


def _certified_rate(agency_ids: frozenset[int], period: Period) -> Value:
    staff_ids = set(_officers(agency_ids, period).values_list("pk", flat=True))
    certified = selectors.certified_staff_ids(agency_ids, as_of(period)) & staff_ids
    return Value.ratio(len(certified), len(staff_ids), note=f"截至{as_of(period):%Y-%m-%d}")


def _hours_in(agency_ids: frozenset[int], period: Period) -> Decimal:
    total = TrainingRecord.objects.filter(
        staff__in=_officers(agency_ids, period),
        category__in=COUNTED_CATEGORIES,
        date__gte=period.start,
        date__lte=as_of(period),
    ).aggregate(h=Sum("hours"))["h"]
    return total or Decimal(0)


def _training_avg(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.ratio(
        _hours_in(agency_ids, period), _officers(agency_ids, period).count(), unit="学时"
    )


def _training_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    return TrainingRecord.objects.filter(
        staff__in=_officers(agency_ids, period), date__gte=period.start, date__lte=as_of(period)
    ).select_related("staff", "staff__agency")


def _under_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.below_training_minimum(agency_ids, as_of(period).year)


def _under(agency_ids: frozenset[int], period: Period) -> Value:
    year = as_of(period).year
    return Value.count(
        _under_records(agency_ids, period).count(),
        "人",
        note=f"{year}年度截至{as_of(period):%Y-%m-%d}",
    )


def _expiring_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.expiring_certificates(agency_ids, as_of(period)).filter(
        kind=Certificate.Kind.ENFORCEMENT
    )


def _expiring(agency_ids: frozenset[int], period: Period) -> Value:
    days = int(expiry_notice().value)
    end = as_of(period) + timedelta(days=days)
    return Value.count(
        _expiring_records(agency_ids, period).count(),
        "件",
        note=f"{days}日内（至{end:%Y-%m-%d}）到期",
    )


def _reviewer_ratio(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.ratio(
        selectors.reviewers(agency_ids).count(),
        _officers(agency_ids, period).count(),
        note=f"应不低于{REVIEWER_RATIO.value * 100:.0f}%",
    )


INDICATORS = (
    Indicator(
        code="officers.certified_rate",
        name="执法人员持证率",
        unit="%",
        area=AREA,
        compute=_certified_rate,
        records=_officers,
        record_columns=STAFF_COLUMNS,
        description="期末持有有效行政执法证的执法人员 ÷ 执法人员（担任行政执法人员角色或领取过执法证的在岗人员）。",
        citation=f"{TWO_OFFICERS.citation}：「行政处罚应当由具有行政执法资格的执法人员实施。」",
        higher_is_better=True,
        aggregate="ratio",
        order=310,
    ),
    Indicator(
        code="officers.training_hours_avg",
        name="执法人员人均培训学时",
        unit="学时",
        area=AREA,
        compute=_training_avg,
        records=_training_records,
        record_columns=[
            ("姓名", "staff.name"),
            ("机关", "staff.agency.display_name"),
            ("日期", "date"),
            ("类别", "get_category_display"),
            ("培训名称", "title"),
            ("学时", "hours"),
        ],
        description="本期业务知识和法律法规培训学时合计 ÷ 执法人员数（政治理论和党性教育学时不计入）。",
        citation=f"{GANGYAO}{ANNUAL_TRAINING_HOURS.article}",
        higher_is_better=True,
        aggregate="ratio",
        order=320,
    ),
    Indicator(
        code="officers.under_60_hours",
        name=f"年度培训不足{ANNUAL_TRAINING_HOURS.value}学时的执法人员",
        unit="人",
        area=AREA,
        compute=_under,
        records=_under_records,
        record_columns=[*STAFF_COLUMNS, ("年度学时", "counted_hours")],
        description="期末所在年度，业务知识和法律法规培训学时不足60学时的执法人员数。",
        citation=f"{GANGYAO}{ANNUAL_TRAINING_HOURS.article}：「{ANNUAL_TRAINING_HOURS.quote}」",
        higher_is_better=False,
        order=330,
    ),
    Indicator(
        code="officers.expiring_certificates",
        name="即将到期的执法证",
        unit="件",
        area=AREA,
        compute=_expiring,
        records=_expiring_records,
        record_columns=CERT_COLUMNS,
        description="期末起60日内到期的有效行政执法证（管理要求，非法定期限；天数可在设置中调整）。",
        higher_is_better=False,
        order=340,
    ),
    Indicator(
        code="officers.reviewer_ratio",
        name="法制审核人员占执法人员比例",
        unit="%",
        area=AREA,
        compute=_reviewer_ratio,
        records=lambda ids, p: selectors.reviewers(ids),
        record_columns=[
            ("姓名", "staff.name"),
            ("机关", "staff.agency.display_name"),
            ("初次从事法制审核", "first_reviewed_on"),
        ],
        description="法制审核人员名册人数 ÷ 执法人员数，原则上不低于5%。",
        citation=f"{REVIEWER_RATIO.citation}：「{REVIEWER_RATIO.quote}」",
        higher_is_better=True,
        aggregate="ratio",
        order=350,
    ),
)

for _indicator in INDICATORS:
    register(_indicator)
