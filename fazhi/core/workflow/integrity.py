"""History rows against the ledger: part of ``fazhi ledger verify``.

Every transition writes a ledger entry and a :class:`TransitionLog` row that keeps the entry's
receipt (``ledger_leaf``). A history row deleted outside the workflow (to hide a step, e.g. a
state reset with its history removed), inserted without an entry, or re-pointed at another
record or step breaks that pairing; this check names each one. The record's own state is
checked by the record cross-check (:mod:`fazhi.core.ledger.crosscheck`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from fazhi.core.ledger.models import LedgerEntry
from fazhi.core.ledger.services import integrate

from .engine import ACTION_TYPES, REGISTRY
from .models import TransitionLog

_CHUNK = 5000


def _history_actions() -> set[str]:
    """Actions that always come with a history row: every transition's, and any other a
    history row was written for (e.g. the import of historical cases)."""
    declared = {wf.action(t) for wf in REGISTRY.values() for t in wf.transitions.values()}
    return declared | set(TransitionLog.objects.values_list("action", flat=True).distinct())


def history_problems() -> list[str]:
    """One Chinese sentence per history row without its entry, and per transition entry
    whose history row is gone."""
    integrate()
    actions = _history_actions()
    if not actions:
        return []
    entries: dict[int, tuple[int, str, str]] = {}
    for leaf, seq, subject, action in (
        LedgerEntry.objects.filter(action__in=actions)
        .values_list("leaf", "seq", "subject", "action")
        .iterator(chunk_size=_CHUNK)
    ):
        if leaf is not None:
            entries[leaf] = (seq, subject, action)
    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    problems: list[str] = []
    rows = TransitionLog.objects.values_list(
        "pk", "ledger_leaf", "subject_type_id", "subject_id", "action"
    ).order_by("pk")
    for pk, leaf, type_id, subject_id, action in rows.iterator(chunk_size=_CHUNK):
        subject = f"{labels.get(type_id, type_id)}:{subject_id}"
        step = ACTION_TYPES.get(action, action)
        entry = entries.pop(leaf, None)
        if entry is None:
            problems.append(
                f"流程记录 #{pk}（{subject}，{step}）没有对应的存证记录（回执号 {leaf}）："
                "该流程记录是在工作流之外写入或改动的"
            )
        elif entry[1:] != (subject, action):
            problems.append(
                f"流程记录 #{pk}（{subject}，{step}）与其存证记录第{entry[0]}条"
                f"（{entry[1]}，{ACTION_TYPES.get(entry[2], entry[2])}）不符：流程记录被改动"
            )
    for seq, subject, action in sorted(entries.values()):
        problems.append(
            f"存证记录第{seq}条（{subject}，{ACTION_TYPES.get(action, action)}）的流程记录"
            "已被删除：页面上的办理经过少了这一步"
        )
    return problems
