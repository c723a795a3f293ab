"""The platform's own indicators: they give the dashboard real figures before any system app
registers its own. Each counts rows of a platform table (deadlines, publications, staff).

Registered once, from :meth:`fazhi.core.indicators.apps.IndicatorsConfig.ready`.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .registry import Indicator, Period, Value, register, register_area

DEADLINES = register_area("期限管理", 80)
PUBLICATION = register_area("政务公开", 60)
STAFF = "队伍建设"


# -- deadlines ----------------------------------------------------------------------------


def _met_in(agency_ids: frozenset[int], period: Period) -> QuerySet:
    """The agency's own deadlines met (the awaited act done) within the period: the base of the
    on-time figures (a party paying late, or a court's period, is not the agency's delay)."""
    from fazhi.core.deadlines.models import AGENCY, Deadline

    return Deadline.objects.filter(
        agency_id__in=agency_ids,
        binds=AGENCY,
        status=Deadline.Status.MET,
        closed_on__gte=period.start,
        closed_on__lte=period.end,
        on_time__isnull=False,
    ).select_related("agency")


def _met_on_time_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    return _met_in(agency_ids, period).filter(on_time=True)


def _met_on_time(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.count(_met_on_time_records(agency_ids, period).count(), "件")


def _on_time_rate(agency_ids: frozenset[int], period: Period) -> Value:
    counts = _met_in(agency_ids, period).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(on_time=True))
    )
    return Value.ratio(counts["on_time"], counts["total"])


def _as_of(period: Period):
    """ "At period end" for a period still running means today."""
    return min(period.end, timezone.localdate())


def _overdue_open_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    """Deadlines that were still running and already past due at the end of the period:
    started by then, due before then, and not closed by then (closed later, or still open).
    Only the agency's own periods: a party's or a court's window that has passed is not late."""
    from fazhi.core.deadlines.models import AGENCY, Deadline

    as_of = _as_of(period)
    running = Q(status__in=[Deadline.Status.OPEN, Deadline.Status.SUSPENDED]) | Q(
        closed_on__gt=as_of
    )
    return (
        Deadline.objects.filter(
            agency_id__in=agency_ids, binds=AGENCY, trigger__lte=as_of, due__lt=as_of
        )
        .filter(running)
        .select_related("agency")
    )


def _overdue_open(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.count(
        _overdue_open_records(agency_ids, period).count(),
        "件",
        note=f"截至 {_as_of(period):%Y-%m-%d}",
    )


_DEADLINE_COLUMNS = [
    ("事项", "subject_label"),
    ("期限事项", "title"),
    ("承办机关", "agency.display_name"),
    ("起算日", "trigger"),
    ("届满日", "due"),
    ("完成日", "closed_on"),
    ("状态", "get_status_display"),
    ("按期完成", "on_time"),
]

# -- publication --------------------------------------------------------------------------


def _publications_with_deadline(agency_ids: frozenset[int], period: Period) -> QuerySet:
    from fazhi.core.publication.models import PublishedItem

    return PublishedItem.objects.filter(
        agency_id__in=agency_ids,
        published_on__gte=period.start,
        published_on__lte=period.end,
        on_time__isnull=False,
    ).select_related("agency")


def _publication_rate(agency_ids: frozenset[int], period: Period) -> Value:
    counts = _publications_with_deadline(agency_ids, period).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(on_time=True))
    )
    return Value.ratio(counts["on_time"], counts["total"])


def _publications(agency_ids: frozenset[int], period: Period) -> QuerySet:
    from fazhi.core.publication.models import PublishedItem

    return PublishedItem.objects.filter(
        agency_id__in=agency_ids, published_on__gte=period.start, published_on__lte=period.end
    ).select_related("agency")


def _publication_count(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.count(_publications(agency_ids, period).count(), "件")


_PUBLICATION_COLUMNS = [
    ("标题", "title"),
    ("类别", "get_kind_display"),
    ("公开机关", "agency.display_name"),
    ("决定日期", "decided_on"),
    ("公开期限", "due"),
    ("公开日期", "published_on"),
    ("按期公开", "on_time"),
    ("状态", "get_status_display"),
]


def _publication_link(item) -> str:
    from django.urls import reverse

    return reverse("portal:manage_detail", args=[item.pk])


# -- staff --------------------------------------------------------------------------------


def _staff_records(agency_ids: frozenset[int], period: Period) -> QuerySet:
    from fazhi.core.accounts.models import StaffMember

    return StaffMember.objects.filter(agency_id__in=agency_ids, active=True).select_related(
        "agency", "unit"
    )


def _staff_count(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.count(_staff_records(agency_ids, period).count(), "人", note="当前在岗人数")


BUILTIN = (
    Indicator(
        code="deadlines.met_on_time",
        name="按期完成的法定期限",
        unit="件",
        area=DEADLINES,
        compute=_met_on_time,
        records=_met_on_time_records,
        record_columns=_DEADLINE_COLUMNS,
        description="本期内完成、且完成日不晚于届满日的法定期限数。",
        higher_is_better=True,
        order=10,
    ),
    Indicator(
        code="deadlines.on_time_rate",
        name="法定期限按期完成率",
        unit="%",
        area=DEADLINES,
        compute=_on_time_rate,
        records=lambda ids, p: _met_in(ids, p),
        record_columns=_DEADLINE_COLUMNS,
        description="本期内完成的法定期限中，按期完成的比例（按期完成数 ÷ 完成数）。",
        higher_is_better=True,
        aggregate="ratio",
        order=20,
    ),
    Indicator(
        code="deadlines.overdue_open",
        name="期末逾期未完成的法定期限",
        unit="件",
        area=DEADLINES,
        compute=_overdue_open,
        records=_overdue_open_records,
        record_columns=_DEADLINE_COLUMNS,
        description="期末（本期尚未结束的为今日）已超过届满日仍未完成的法定期限数。",
        higher_is_better=False,
        order=30,
    ),
    Indicator(
        code="publication.published",
        name="公开事项",
        unit="件",
        area=PUBLICATION,
        compute=_publication_count,
        records=_publications,
        record_columns=_PUBLICATION_COLUMNS,
        description="本期内经公开通道发布的事项数（含其后撤回的）。",
        order=10,
        record_link=_publication_link,
    ),
    Indicator(
        code="publication.on_time_rate",
        name="公开事项按期公开率",
        unit="%",
        area=PUBLICATION,
        compute=_publication_rate,
        records=_publications_with_deadline,
        record_columns=_PUBLICATION_COLUMNS,
        description="本期内公开、且有法定公开期限的事项中，在期限内公开的比例。",
        citation="国办发〔2018〕118号 二（六）：行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开",
        higher_is_better=True,
        aggregate="ratio",
        order=20,
        record_link=_publication_link,
    ),
    Indicator(
        code="accounts.staff_count",
        name="在岗工作人员",
        unit="人",
        area=STAFF,
        compute=_staff_count,
        records=_staff_records,
        record_columns=[
            ("姓名", "name"),
            ("所属机关", "agency.display_name"),
            ("内设机构", "unit.name"),
            ("职务", "position"),
        ],
        description="登记在岗的工作人员数（当前数，不随期间变化）。",
        order=10,
    ),
)


def register_builtin() -> None:
    for indicator in BUILTIN:
        register(indicator)
