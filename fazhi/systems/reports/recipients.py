"""Who receives an annual report: the 主送 and 抄送 机关 proposed from the organisation hierarchy.

The routing follows 第二十三条第二款 (:data:`rules.SUBMISSION_CITATION`): a department reports to
本级党委和政府 and copies 本级督察单位; a government below the province reports to 上一级党委和
政府 and copies 上一级督察单位. The party committees and people's congresses are not agencies on
the platform, so they are named from the division (中共示范县委员会). The proposal is a default
for the 报送 step, where staff may change it; what was actually sent is stored on the report and
in the ledgered transition.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.orgs.models import Agency

from . import rules

GOVERNMENT_KINDS = (Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP)


@dataclass(frozen=True)
class Recipients:
    main: str
    copy: str


def join(names: list[str]) -> str:
    seen: list[str] = []
    for n in names:
        if n and n not in seen:
            seen.append(n)
    return rules.RECIPIENT_SEPARATOR.join(seen)


def supervising_bodies_of(government: Agency | None, *, exclude: Agency | None = None) -> list[str]:
    """The 督察单位 of a government: its 依法治X办 (议事协调机构办公室) where the platform holds
    one, otherwise its supervising bodies (司法局)."""
    if government is None:
        return []
    bodies = list(
        Agency.objects.filter(government=government, is_supervisor=True, active=True).order_by(
            "order", "name"
        )
    )
    if exclude is not None:
        bodies = [b for b in bodies if b.pk != exclude.pk]
    offices = [b for b in bodies if b.kind == Agency.Kind.OFFICE]
    return [b.name for b in (offices or bodies)]


def _party(division_name: str) -> str:
    return rules.PARTY_COMMITTEE.format(division=division_name)


def default_recipients(agency: Agency) -> Recipients:
    """The recipients 第二十三条第二款 gives for ``agency``'s annual report."""
    upper = agency.government
    if agency.kind in GOVERNMENT_KINDS:
        if upper is not None:
            return Recipients(
                main=join([_party(upper.division.name), upper.name]),
                copy=join(supervising_bodies_of(upper)),
            )
        # the top of the platform's hierarchy: 同级党委、人大常委会, copied to its own 督察单位
        return Recipients(
            main=join(
                [
                    _party(agency.division.name),
                    rules.PEOPLES_CONGRESS.format(division=agency.division.name),
                ]
            ),
            copy=join(supervising_bodies_of(agency)),
        )
    if upper is None:
        return Recipients(main="", copy="")
    return Recipients(
        main=join([_party(upper.division.name), upper.name]),
        copy=join(supervising_bodies_of(upper, exclude=agency)),
    )
