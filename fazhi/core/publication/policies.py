"""Who may see what of the publication door.

The public portal needs no login: what it shows passed redaction. The staff view (timing,
what was masked and why) is business data of the publishing agency, readable by whoever may
see that agency (its own staff, and the supervising 司法局 for everything beneath its
government).
"""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.accounts import roles
from fazhi.core.accounts.policies import can_act_for, principal

from .models import PublishedItem


def public_items() -> QuerySet[PublishedItem]:
    """Everything the portal lists: published and withdrawn items alike (a withdrawn item stays
    listed with its public reason)."""
    return PublishedItem.objects.select_related("agency")


def can_view_any_publications(user) -> bool:
    return bool(principal(user).visible_agency_ids)


def staff_items(user) -> QuerySet[PublishedItem]:
    """The items whose staff view this user may open."""
    return PublishedItem.objects.filter(
        agency_id__in=principal(user).visible_agency_ids
    ).select_related("agency")


def can_withdraw(user, item: PublishedItem) -> bool:
    """Who may withdraw an item by hand: the agency's head, and the roles a system registers
    with :data:`~fazhi.core.accounts.roles.WITHDRAW_PUBLICATION` (the disclosure staff).
    Withdrawals that follow a changed decision are made by the system app's own transition."""
    withdrawing = roles.having(roles.WITHDRAW_PUBLICATION)
    return not item.is_withdrawn and can_act_for(user, item.agency_id, *withdrawing)
