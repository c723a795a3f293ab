"""The channels through which an act is challenged or complained about.

A system whose records point at acts (``ActLink``) registers its model here from its
``AppConfig.ready``::

    register_channel(Channel("reconsideration", "行政复议", ReconsiderationCase,
                             corrected=Q(decision_type__in=[...])))

Cross-channel questions — every matter about one act, repeat complaints about the same act —
are then answered over all registered channels without one system reading another's models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class Channel:
    """One kind of matter that links to acts (a model inheriting ``ActLink``)."""

    key: str
    label: str
    model: type[Model]
    #: The rows whose outcome corrected the act (revoked, changed, confirmed unlawful, ordered
    #: to act); None when the channel does not decide on the act's legality.
    corrected: Q | None = None
    #: The date the outcome was decided (or the judgment served): the period of 纠错率 / 败诉率.
    decided_on: str = ""
    #: The date the matter arrived: the period of repeat complaints.
    received_on: str = ""
    #: A court channel: its corrected rows are the agency's losses (败诉).
    court: bool = False
    #: The agency that handles the matter (whose staff may read it).
    agency_field: str = "agency"


@dataclass(frozen=True)
class ActKind:
    """A kind of record on the platform that matters are about (e.g. the 行政处罚案件), counted by
    the cross-channel figures; ``matter_field`` names its 执法事项 (败诉率 by matter).

    How a clerk finds one in the act picker (:mod:`.search`): ``search_fields`` are matched by
    any part, ignoring case (numbers, the party's name and codes); a value typed whole into
    ``number_fields`` (案号, 决定书文号) names the act without the picker; ``exclude`` leaves
    out rows that are not acts yet (e.g. drafts)."""

    key: str
    label: str
    model: type[Model]
    agency_field: str = "agency"
    matter_field: str = ""
    search_fields: tuple[str, ...] = ()
    number_fields: tuple[str, ...] = ()
    exclude: Q | None = None


_CHANNELS: dict[str, Channel] = {}
_ACT_KINDS: dict[str, ActKind] = {}
_KIND_LISTENERS: list[Callable[[ActKind], None]] = []


def register_channel(channel: Channel) -> Channel:
    _CHANNELS[channel.key] = channel
    return channel


def channels() -> list[Channel]:
    return list(_CHANNELS.values())


def register_act_kind(kind: ActKind) -> ActKind:
    """Count ``kind`` in the cross-channel figures (纠错率, 败诉率, repeat complaints)."""
    _ACT_KINDS[kind.key] = kind
    for listener in _KIND_LISTENERS:
        listener(kind)
    return kind


def on_act_kind(listener: Callable[[ActKind], None]) -> None:
    """Call ``listener`` with every act kind, those registered already and those to come (the
    cross-channel figures of :mod:`.indicators` subscribe so; the registry imports none of its
    consumers)."""
    _KIND_LISTENERS.append(listener)
    for kind in act_kinds():
        listener(kind)


def act_kinds() -> list[ActKind]:
    return list(_ACT_KINDS.values())


def matters_about(act: Any) -> dict[str, QuerySet]:
    """Every registered channel's matters linked to ``act``, by channel key."""
    ct = ContentType.objects.get_for_model(type(act))
    return {c.key: c.model._default_manager.filter(act_type=ct, act_id=act.pk) for c in channels()}
