"""The business records whose state the ledger keeps (跟踪存证的业务记录).

The hash chain proves that no ledger entry was altered; it says nothing about a case row edited
with SQL. So every record a court may rely on is *tracked*: each write of its row ledgers the
row's full state (``record.saved``), each deletion ledgers ``record.deleted``, and
:mod:`.crosscheck` compares every current row with its latest sealed state.

What is tracked:

- every workflow model, automatically (``Workflow`` calls :func:`track` with its label and
  ``subject_label``);
- what a ``System`` declares in ``records=`` (sub-records holding facts: parties, amounts,
  evidence, hearings, opinions…) and what core apps declare in their ``ready()``
  (publications, role grants, security audit events).

A record's state is its concrete columns as the database returns them (``.values()``), minus
its declared exclusions and the deadline mirror columns (:mod:`fazhi.core.deadlines.mirror`:
copies of a ``Deadline`` that core rewrites in bulk on a calendar change, derived, not facts).
The state is re-read from the database in the writing transaction, so what is sealed is exactly
what :mod:`.crosscheck` reads later.

Signals cover ``save()`` and ``delete()`` (also cascades). A write path that bypasses them
(``bulk_create``, ``bulk_update``, ``QuerySet.update``, raw SQL) on a tracked model must call
:func:`snapshot_many` on the rows it wrote, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, cast

from django.db import connections, models, router
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from fazhi.core.deadlines import mirror
from fazhi.kernel import ledger as kernel

from .services import algorithm, record, record_many

#: Action types of the entries written here (registered with the workflow's action types).
SAVED = "record.saved"
DELETED = "record.deleted"
ACTIONS = {SAVED: "记录状态存证", DELETED: "记录删除存证"}
#: Pointers to ledger entries, set after the entry is written: not a fact of the record.
ALWAYS_EXCLUDED = frozenset({"ledger_leaf"})
_CHUNK = 1000


@dataclass(frozen=True)
class Record:
    """One tracked model: what of it is a fact, and how a person names one of its rows."""

    model: type[models.Model]
    #: Fields (name or attname) that are derived, caches or search keys: not ledgered.
    exclude: tuple[str, ...] = ()
    #: Chinese; default: the model's verbose name.
    label: str = ""
    #: Names one row for a human (e.g. its case number and party); default: ``str(row)``.
    name: Callable[[Any], str] | None = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def title(self) -> str:
        return self.label or str(self.model._meta.verbose_name)

    def subject(self, pk: Any) -> str:
        """The ledger subject of row ``pk`` (the same subject as the workflow's entries)."""
        return f"{self.key}:{pk}"

    def fields(self) -> tuple[str, ...]:
        """The attnames of the columns that make up the state, primary key first."""
        cache_key = (len(mirror.REGISTRY), self.exclude)
        cached = _FIELDS.get(self.key)
        if cached is not None and cached[0] == cache_key:
            return cached[1]
        concrete = self.model._meta.concrete_model
        mirrored = {
            name
            for m in mirror.REGISTRY
            if m.model._meta.concrete_model is concrete
            for name in (m.due_field, m.provisional_field, m.on_time_field)
            if name
        }
        skip = set(self.exclude) | mirrored | ALWAYS_EXCLUDED
        pk = self.model._meta.pk
        names = [pk.attname] + [
            f.attname
            for f in self.model._meta.concrete_fields
            if f is not pk and f.name not in skip and f.attname not in skip
        ]
        out = tuple(names)
        _FIELDS[self.key] = (cache_key, out)
        return out

    def describe(self, obj: Any) -> str:
        """The row's name for a person; never fails (a row read back from a ledgered state may
        lack what the namer reads)."""
        try:
            text = self.name(obj) if self.name is not None else str(obj)
        except Exception:  # noqa: BLE001 - a name is a courtesy; the pk is always given
            text = ""
        return text.strip() or f"#{obj.pk}"


_REGISTRY: dict[type[models.Model], Record] = {}
_FIELDS: dict[str, tuple[tuple[int, tuple[str, ...]], tuple[str, ...]]] = {}


def track(
    model: type[models.Model],
    *,
    exclude: Sequence[str] = (),
    label: str = "",
    name: Callable[[Any], str] | None = None,
) -> Record:
    """Track ``model`` (idempotent; a second declaration adds its exclusions and fills in a
    label or namer the first lacked) and connect its save and delete receivers."""
    if model._meta.abstract or model._meta.proxy:
        raise ValueError(f"{model._meta.label}：只能跟踪具体模型")
    old = _REGISTRY.get(model)
    if old is not None:
        spec = Record(
            model,
            tuple(dict.fromkeys((*old.exclude, *exclude))),
            old.label or label,
            old.name or name,
        )
    else:
        spec = Record(model, tuple(exclude), label, name)
    for field in spec.exclude:
        model._meta.get_field(field)  # a typo fails at start-up
    _REGISTRY[model] = spec
    uid = f"fazhi.ledger.tracking:{spec.key}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
    _watch_set_null(spec)
    _track_many_to_many(spec)
    return spec


def _track_many_to_many(spec: Record) -> None:
    """A record's many-to-many links (a case's officers, a proposal's co-handling units) are
    rows of their own: tracked as such. ``add()`` writes them with ``bulk_create`` (no signal),
    so ``m2m_changed`` snapshots them; ``remove()``/``clear()`` delete through the ORM."""
    for f in spec.model._meta.local_many_to_many:
        through = cast(type[models.Model], f.remote_field.through)
        if not through._meta.auto_created or through in _REGISTRY:
            continue
        source = f.m2m_field_name()
        label = f"{spec.title}·{f.verbose_name}"
        track(through, label=label, name=within(source))
        m2m_changed.connect(
            _links_added,
            sender=through,
            dispatch_uid=f"fazhi.ledger.tracking.m2m:{through._meta.label_lower}",
            weak=False,
        )
        _LINKS[through] = (source, f.m2m_reverse_field_name())


_LINKS: dict[type[models.Model], tuple[str, str]] = {}


def _links_added(
    sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any
) -> None:
    if action != "post_add" or not kwargs.get("pk_set"):
        return
    source, target = _LINKS[sender]
    if kwargs.get("reverse"):
        source, target = target, source
    rows = sender._base_manager.filter(**{source: instance.pk, f"{target}__in": kwargs["pk_set"]})
    snapshot_many(rows)


# -- deleting a row that a tracked record points at with SET_NULL / SET_DEFAULT / SET(): Django
# rewrites the pointing rows with one UPDATE and no signal, so they are snapshotted here. ------

_POINTING: dict[type[models.Model], list[tuple[Record, str]]] = {}
_PENDING: dict[int, list[tuple[Record, list[Any]]]] = {}


def _watch_set_null(spec: Record) -> None:
    for f in spec.model._meta.concrete_fields:
        remote = getattr(f, "remote_field", None)
        on_delete = getattr(remote, "on_delete", None)
        if on_delete is None or on_delete in (models.CASCADE, models.PROTECT, models.RESTRICT):
            continue
        if on_delete is models.DO_NOTHING:
            continue
        target = cast(type[models.Model], getattr(remote, "model", None))
        pairs = _POINTING.setdefault(target, [])
        if all(p[0].model is not spec.model or p[1] != f.name for p in pairs):
            pairs.append((spec, f.name))
        uid = f"fazhi.ledger.tracking.pointed:{target._meta.label_lower}"
        pre_delete.connect(_pointed_deleting, sender=target, dispatch_uid=uid, weak=False)
        post_delete.connect(_pointed_deleted, sender=target, dispatch_uid=uid, weak=False)


def _pointed_deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    found = []
    for spec, field in _POINTING.get(sender, ()):
        pks = list(
            spec.model._base_manager.filter(**{field: instance.pk}).values_list("pk", flat=True)
        )
        if pks:
            found.append((spec, pks))
    if found:
        _PENDING[id(instance)] = found


def _pointed_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    for spec, pks in _PENDING.pop(id(instance), ()):
        snapshot_many(pks, model=spec.model)


def within(parent: str) -> Callable[[Any], str]:
    """A namer for a sub-record: its parent's name, then its own (``within("case")``)."""
    return lambda obj: f"{getattr(obj, parent)} · {obj}"


def track_record(spec: Record) -> Record:
    """:func:`track` from a declared :class:`Record` (a ``System``'s ``records=``)."""
    return track(spec.model, exclude=spec.exclude, label=spec.label, name=spec.name)


def tracked() -> list[Record]:
    return list(_REGISTRY.values())


def spec_for(model: type[models.Model]) -> Record | None:
    return _REGISTRY.get(model)


def _raw_default(value: Any) -> Any:
    """Column values a driver returns that JSON has no type for (PostgreSQL's dates, amounts,
    times; bytes). SQLite returns only numbers, text and bytes."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot digest {type(value).__name__}")


_RAW = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_raw_default
).encode


def row_digest(row: Sequence[Any], alg: str | None = None) -> str:
    """The digest of one row as the database driver returns it (the columns of
    :meth:`Record.fields`, in that order, before any conversion): what is sealed and what
    :mod:`.crosscheck` recomputes for every row, so the check pays no conversion per row."""
    return kernel.digest(_RAW(list(row)).encode("utf-8"), alg or algorithm())


def row_digester(alg: str) -> Callable[[Sequence[Any]], str]:
    """:func:`row_digest` for many rows: the JSON encoder and the hash prepared once (the
    encoder ``_RAW`` itself builds per call for its one-shot path, with the same options)."""
    base = hashlib.new(alg)
    encode: Callable[[list[Any]], str] = _RAW
    if c_make_encoder is not None:  # else no C accelerator: the encoder as it is
        chunks = c_make_encoder(
            None, _raw_default, encode_basestring, None, ":", ",", True, False, True
        )

        def encode(row: list[Any]) -> str:
            return "".join(chunks(row, 0))

    def digest(row: Sequence[Any]) -> str:
        h = base.copy()
        h.update(encode(list(row)).encode("utf-8"))
        return h.hexdigest()

    return digest


class Reader:
    """Rows of one tracked model read with a raw cursor: the driver's tuples (digested) and,
    on demand, the values Django would give (``.values()``: dates, amounts, JSON decoded),
    which make the ledgered state a person reads."""

    def __init__(self, spec: Record, qs: models.QuerySet, using: str) -> None:
        self.spec = spec
        self.fields = spec.fields()
        self.using = using
        self.compiler = qs.values_list(*self.fields).query.get_compiler(using=using)
        self.sql, self.params = self.compiler.as_sql()
        cols = [s[0] for s in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(cols)

    def raw(self, chunk: int = _CHUNK) -> Iterator[tuple[Any, ...]]:
        connection = connections[self.using]
        with connection.chunked_cursor() as cursor:
            cursor.execute(self.sql, self.params)
            while rows := cursor.fetchmany(chunk):
                yield from rows

    def values(self, row: Sequence[Any]) -> dict[str, Any]:
        """The row as ``.values()`` gives it."""
        values = row
        if self.converters:
            values = next(iter(self.compiler.apply_converters([list(row)], self.converters)))
        return dict(zip(self.fields, values, strict=True))

    def state(self, row: Sequence[Any]) -> dict[str, Any]:
        """:meth:`values` made JSON: what the ledger stores (dates ISO, amounts as text)."""
        return json.loads(kernel.canonical_json(self.values(row)))

    def payload(self, row: Sequence[Any]) -> dict[str, Any]:
        # the ledger makes the values JSON itself (the same canonical form as :meth:`state`)
        return {"state": self.values(row), "digest": row_digest(row)}


def reader(spec: Record, qs: models.QuerySet | None = None, *, using: str | None = None) -> Reader:
    using = using or router.db_for_read(spec.model)
    base = spec.model._base_manager.db_manager(using).all() if qs is None else qs
    return Reader(spec, base.order_by("pk"), using)


def _payloads(spec: Record, pks: Sequence[Any]) -> Iterator[tuple[str, dict]]:
    """(subject, payload) of the current rows ``pks``, in primary-key order."""
    using = router.db_for_write(spec.model)
    r = reader(spec, spec.model._base_manager.db_manager(using).filter(pk__in=pks), using=using)
    for row in r.raw():
        yield spec.subject(row[0]), r.payload(row)


_ONE: dict[tuple[str, str, int], Reader] = {}


def _reader_of_one(spec: Record, using: str) -> Reader:
    """The compiled read of one row by its key (compiled once: a save pays one query)."""
    key = (spec.key, using, len(mirror.REGISTRY))
    r = _ONE.get(key)
    if r is None or r.fields != spec.fields():
        r = _ONE[key] = Reader(spec, spec.model._base_manager.db_manager(using).filter(pk=0), using)
        assert len(r.params) == 1, r.sql
    return r


def _spec_of(model: type[models.Model] | None) -> Record | None:
    if model is None:
        return None
    return _REGISTRY.get(model) or _REGISTRY.get(
        cast(type[models.Model], model._meta.concrete_model)
    )


def snapshot(obj: models.Model, *, actor: Any = None, using: str | None = None) -> None:
    """Ledger the current state of ``obj``'s row (read back from the database)."""
    spec = _spec_of(type(obj))
    if spec is None:
        return
    using = using or router.db_for_write(spec.model)
    r = _reader_of_one(spec, using)
    with connections[using].cursor() as cursor:
        cursor.execute(r.sql, [obj.pk])
        row = cursor.fetchone()
    if row is None:  # written and removed again before the receiver ran
        return
    record(spec.subject(obj.pk), SAVED, r.payload(row), actor=actor)


def snapshot_many(
    rows: models.QuerySet | Iterable[models.Model],
    *,
    model: type[models.Model] | None = None,
    actor: Any = None,
) -> int:
    """Ledger the current state of many rows at once (after ``bulk_create``, ``bulk_update``,
    ``QuerySet.update`` or raw SQL), in the caller's transaction, through the ledger's bulk
    path. ``rows`` is a queryset or model instances (``model`` names the model of bare pks);
    returns the number of rows ledgered (0 for an untracked model)."""
    if isinstance(rows, models.QuerySet):
        model = rows.model
        pks: list[Any] = list(rows.values_list("pk", flat=True))
    else:
        items = list(rows)
        if not items:
            return 0
        if model is None:
            model = type(items[0])
        pks = [getattr(o, "pk", o) for o in items]
    spec = _spec_of(model)
    if spec is None or not pks:
        return 0
    count = 0
    ordered = sorted(set(pks))
    for i in range(0, len(ordered), _CHUNK):  # bounded memory for a large import
        items = [
            (subject, SAVED, data) for subject, data in _payloads(spec, ordered[i : i + _CHUNK])
        ]
        if items:
            record_many(items, actor=actor)  # (its return value is not relied on)
        count += len(items)
    return count


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    snapshot(instance, using=kwargs.get("using"))


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    spec = _REGISTRY.get(sender)
    if spec is None or instance.pk is None:
        return
    record(spec.subject(instance.pk), DELETED, {"digest": ""}, actor=None)
