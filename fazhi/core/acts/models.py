"""The link from a matter (a 复议, a lawsuit, a petition, a disclosure request...) to the act it is
about: a record on the platform (an enforcement case, a normative document, a disclosure answer)
and/or a description for acts outside it. Each channel's model inherits :class:`ActLink` and is
registered in :mod:`fazhi.core.acts.registry`, so that correction rates, losses and repeat
complaints can be counted across channels from the links."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.orgs.models import Agency


class ActLink(models.Model):
    """The act a matter is about: a record on the platform and/or a description."""

    act_type = models.ForeignKey(
        ContentType,
        verbose_name="所涉行政行为记录类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    act_id = models.BigIntegerField("所涉行政行为记录编号", null=True, blank=True)
    act = GenericForeignKey("act_type", "act_id")
    act_description = models.CharField("所涉行政行为", max_length=300)
    act_agency = models.ForeignKey(
        Agency,
        verbose_name="作出行政行为的机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True
