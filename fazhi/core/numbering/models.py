"""The last number issued in each series (one row per agency, kind and year)."""

from __future__ import annotations

from django.db import models

from fazhi.core.orgs.models import Agency


class Sequence(models.Model):
    """The last value issued for ``kind`` numbers of ``agency`` in ``year``.

    The row is locked (``SELECT ... FOR UPDATE``) while a number is allocated and stays locked
    until the caller's transaction ends, so two writers never receive the same value and a
    rolled-back record gives its value back.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, verbose_name="机关", related_name="number_sequences"
    )
    kind = models.CharField("编号种类", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year"], name="numbering_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last}"
