"""事前公示: an agency's 主体、人员、职责、依据、程序、救济 published through the publication door.

行政处罚法 第三十九条: 「行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。」
118号 二（四）: 「全面准确及时主动公开行政执法主体、人员、职责、权限、依据、程序、救济渠道和随机抽查事项清单等信息。」

Officers' names and certificate numbers are public by design here (亮证执法; 118号 二（四）
lists 人员): none of them is passed to the door as a personal name to mask.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.orgs.models import Agency
from fazhi.systems.officers.selectors import certified_officers

from ..models import EnforcementSubject, LegalBasis, Matter
from ..selectors import in_force

ARTICLE_39 = "《中华人民共和国行政处罚法》第三十九条：「行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。」"


def pre_enforcement_text(agency: Agency, on: date) -> tuple[str, dict[str, Any]]:
    """The body and the structured fields of the 事前公示 of ``agency`` as of ``on``."""
    profile = EnforcementSubject.objects.filter(agency=agency).first()
    if profile is None:
        raise ValidationError({"agency": f"{agency.name}尚未登记执法主体信息，请先登记后再公示。"})
    matters = list(
        Matter.objects.filter(agency=agency, active=True).select_related("unit").order_by("code")
    )
    bases = in_force(LegalBasis.objects.filter(matter__in=matters), on).order_by(
        "matter_id", "role", "id"
    )
    by_matter: dict[int, list[LegalBasis]] = {}
    for b in bases:
        by_matter.setdefault(b.matter_id, []).append(b)
    officers = certified_officers(agency.pk, on)

    lines = [
        "一、执法主体",
        f"{agency.name}（{profile.get_nature_display()}）",
        f"主体资格依据：{profile.basis or '—'}",
        f"办公地址：{profile.address or '—'}；联系电话：{profile.phone or '—'}；投诉监督电话：{profile.complaint_phone or '—'}",
        "",
        f"二、执法人员（{len(officers)}人，持有效行政执法证）",
        *(
            f"{staff.name}　执法证号{cert.number}　执法领域：{cert.fields_display}"
            for staff, cert in officers
        ),
        "",
        "三、职责权限",
        profile.duties or "—",
        *(
            f"{m.code}　{m.name}（{m.get_kind_display()}，{m.field}"
            + (f"，承办机构：{m.unit.name}" if m.unit else "")
            + "）"
            for m in matters
        ),
        "",
        "四、执法依据",
        *(
            f"{m.code}　{m.name}："
            + "；".join(f"{b.citation}：「{b.quote}」" for b in by_matter.get(m.pk, []))
            for m in matters
            if by_matter.get(m.pk)
        ),
        "",
        "五、执法程序",
        profile.procedure or "—",
        "",
        "六、救济渠道",
        profile.remedies or "—",
        "",
        f"（{ARTICLE_39}）",
    ]
    fields = {
        "执法主体": agency.name,
        "主体性质": profile.get_nature_display(),
        "执法事项数": len(matters),
        "持证执法人员数": len(officers),
        "公示基准日": on.isoformat(),
    }
    return "\n".join(lines), fields


@transaction.atomic
def publish_pre_enforcement(agency: Agency, *, actor: Any, on: date | None = None):
    """Publish the agency's 事前公示 as of ``on`` (today by default); returns the published item."""
    from fazhi.core.publication.services import publish

    on = on or timezone.localdate()
    body, fields = pre_enforcement_text(agency, on)
    profile = EnforcementSubject.objects.get(agency=agency)
    return publish(
        kind="pre_enforcement",
        title=f"{agency.name}行政执法事前公示",
        body=body,
        fields=fields,
        agency=agency,
        source=profile,
        rule_id="",  # 事前公示 has no statutory deadline (118号: 「及时」)
        actor=actor,
    )
