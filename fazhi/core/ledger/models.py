"""The ledger's tables: queued leaves, sealed entries, the head, and stored files.

A write appends a :class:`LedgerLeaf` in the business transaction (no lock: its id comes from
the database's sequence) and gets its id back as the receipt (存证回执号). After commit the
sequencer (:func:`services.integrate`) moves queued leaves into :class:`LedgerEntry` rows,
giving each the next sequence number and sealing it to the previous entry, under a short
lock on the single :class:`LedgerHead` row.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models


class LedgerLeaf(models.Model):
    """A ledgered fact committed with its business change, waiting to be sealed in the chain.

    Its ``id`` is the receipt the writer keeps (``TransitionLog.ledger_leaf``); the sealed
    entry carries the same number in :attr:`LedgerEntry.leaf`.
    """

    id = models.BigAutoField(primary_key=True)
    subject = models.CharField("对象", max_length=128)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=96)
    time = models.CharField("时间", max_length=40)
    body = models.TextField("内容（规范 JSON）")
    payload_digest = models.CharField("内容摘要", max_length=64)

    class Meta:
        verbose_name = "待封存存证"
        verbose_name_plural = "待封存存证"

    def __str__(self) -> str:
        return f"回执 {self.id} {self.action} {self.subject}"

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)


class LedgerHead(models.Model):
    """The one row the sequencer locks: the last sealed entry's number and digest."""

    seq = models.BigIntegerField("序号", default=0)
    digest = models.CharField("摘要", max_length=64)

    class Meta:
        verbose_name = "账本链头"
        verbose_name_plural = "账本链头"

    def __str__(self) -> str:
        return f"#{self.seq} {self.digest[:12]}…"


#: A sealed entry's columns in the order of the kernel's ``Entry`` fields, then the payload text:
#: what readers of the stored ledger select (``Entry(*row[:8])``, ``row[8]``).
ENTRY_FIELDS = (
    "seq",
    "subject",
    "actor",
    "action",
    "time",
    "payload_digest",
    "prev_digest",
    "digest",
    "body",
)


class LedgerEntry(models.Model):
    """An append-only, hash-chained entry. Written only by :func:`services.integrate` (and
    :func:`services.record_many` for bulk loads)."""

    seq = models.BigIntegerField("序号", primary_key=True)
    subject = models.CharField("对象", max_length=128, db_index=True)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=96)
    time = models.CharField("时间", max_length=40)
    # The payload exactly as digested (kernel canonical JSON), so that verification hashes the
    # stored text and never parses or re-serialises it; ``payload`` decodes it for readers.
    body = models.TextField("内容（规范 JSON）")
    payload_digest = models.CharField("内容摘要", max_length=64)
    prev_digest = models.CharField("前序摘要", max_length=64)
    digest = models.CharField("摘要", max_length=64, unique=True)
    leaf = models.BigIntegerField("存证回执号", unique=True, null=True)

    class Meta:
        verbose_name = "存证记录"
        verbose_name_plural = "存证记录"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)


class StoredFile(models.Model):
    """A file kept by its content digest (evidence, documents, generated letters)."""

    digest = models.CharField("内容摘要", max_length=64, primary_key=True)
    algorithm = models.CharField("算法", max_length=16, default="sm3")
    size = models.BigIntegerField("大小（字节）")
    name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("类型", max_length=128, blank=True)
    created = models.DateTimeField("存入时间", auto_now_add=True)

    class Meta:
        verbose_name = "存证文件"
        verbose_name_plural = "存证文件"

    def __str__(self) -> str:
        return f"{self.name} ({self.digest[:12]}…)"

    @property
    def storage_name(self) -> str:
        return f"{self.digest[:2]}/{self.digest[2:4]}/{self.digest}"
