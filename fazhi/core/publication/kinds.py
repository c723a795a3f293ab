"""The registry of publication kinds (公开类别). Core owns only 其他; each system registers the
kinds it publishes from its ``AppConfig.ready``, with the kernel rules that time them, so that a
new system publishes through the door without editing core or migrating: the ``kind`` field's
choices are read from here (:func:`choices`). Publishing a kind nobody registered is refused.

This module imports nothing of Django's models or of any system, so that a system's
declaration can import it at any time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class PublicationKind:
    code: str
    label: str
    #: The kernel rule of the statutory publication deadline ("" if the law sets none); the
    #: deadline runs from the decision. A caller may still name another rule, or none.
    rule_id: str = ""
    #: The kernel rule of the deadline to withdraw an item once its decision is changed
    #: (e.g. 行政处罚法 第四十八条 for a penalty); "" if none.
    withdrawal_rule_id: str = ""
    #: Place in lists (lower first).
    order: int = 500


class KindCode(str):
    """A kind's code (what the database stores), carrying its Chinese label."""

    label: str

    def __new__(cls, code: str, label: str) -> KindCode:
        obj = super().__new__(cls, code)
        obj.label = label
        return obj


_KINDS: dict[str, PublicationKind] = {}
#: What the kind field can store (``PublishedItem.kind`` holds 32 characters).
_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")


def register(
    code: str, label: str, *, rule_id: str = "", withdrawal_rule_id: str = "", order: int = 500
) -> KindCode:
    """Declare a publication kind and return its code. Registering the same declaration again
    is a no-op; a different one under the same code is a configuration error."""
    if not _CODE.fullmatch(code):
        raise ImproperlyConfigured(
            f"Kind code {code!r} is not a lower-case name of 1-32 characters."
        )
    kind = PublicationKind(code, label, rule_id, withdrawal_rule_id, order)
    known = _KINDS.setdefault(code, kind)
    if known != kind:
        raise ImproperlyConfigured(
            f"Publication kind {code!r} registered twice differently: {known} and {kind}."
        )
    return KindCode(code, label)


def forget(code: str) -> None:
    """Remove a registered kind (for tests that register a kind of their own)."""
    _KINDS.pop(code, None)


def get(code: str) -> PublicationKind | None:
    return _KINDS.get(code)


def label(code: str) -> str:
    kind = _KINDS.get(code)
    return kind.label if kind is not None else code


def all_kinds() -> list[PublicationKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.code))


def choices() -> list[tuple[str, str]]:
    """``(code, label)`` of every registered kind: the ``kind`` field's and filters' choices."""
    return [(k.code, k.label) for k in all_kinds()]


class _Resolving(type):
    def __getattr__(cls, name: str) -> KindCode:
        kind = _KINDS.get(name.lower()) if name.isupper() else None
        if kind is None:
            raise AttributeError(f"No publication kind {name.lower()!r} is registered.")
        return KindCode(kind.code, kind.label)


class Kind(metaclass=_Resolving):
    """Kinds by name: core's own as attributes, any other registered kind resolved by its code
    (``Kind.PENALTY`` is ``"penalty"`` once a system registered it)."""

    OTHER = register("other", "其他", order=1000)
