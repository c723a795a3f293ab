"""One row per kernel ledger entry, and one row per stored file (by content digest)."""

from __future__ import annotations

from django.db import models


class LedgerEntry(models.Model):
    """An append-only, hash-chained entry. Written only by :func:`services.record`."""

    seq = models.BigIntegerField("序号", primary_key=True)
    subject = models.CharField("对象", max_length=128, db_index=True)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=96)
    time = models.CharField("时间", max_length=40)
    payload = models.JSONField("内容")
    payload_digest = models.CharField("内容摘要", max_length=64)
    prev_digest = models.CharField("前序摘要", max_length=64)
    digest = models.CharField("摘要", max_length=64, unique=True)

    class Meta:
        verbose_name = "存证记录"
        verbose_name_plural = "存证记录"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"


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
