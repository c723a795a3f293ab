"""What the public sees: one row per published item, already redacted, with its timing.

A row is written only by :func:`fazhi.core.publication.services.publish` and changed only by
:func:`~fazhi.core.publication.services.withdraw`. ``body`` and ``fields`` hold the redacted text
(the original never enters this table); ``findings`` say what was masked, where and on what
ground, without the masked value itself.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.orgs.models import Agency

from . import kinds

#: Chinese names of where a mask was applied (other locations are structured field names).
FINDING_PLACES = {"title": "标题", "body": "正文", "withdrawal_reason": "撤回理由"}
#: Chinese names of the kernel redactor's kinds (fazhi.kernel.redact.RULES).
FINDING_KINDS = {
    "id_number": "公民身份号码",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "name": "自然人姓名",
    "address": "详细地址",
}


class PublishedItem(models.Model):
    """公开事项: a decision, result, document or report shown on the public portal."""

    #: The registered kinds by name (``PublishedItem.Kind.PENALTY``); see :mod:`.kinds`.
    Kind = kinds.Kind

    class Status(models.TextChoices):
        PUBLISHED = "published", "已公开"
        WITHDRAWN = "withdrawn", "已撤回"

    kind = models.CharField("类别", max_length=32, choices=kinds.choices)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文（已去标识化）", blank=True)
    fields = models.JSONField("公开字段（已去标识化）", default=dict, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="公开机关", on_delete=models.PROTECT, related_name="publications"
    )
    source_type = models.ForeignKey(
        ContentType,
        verbose_name="来源记录类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_id = models.BigIntegerField("来源记录编号", null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    decided_on = models.DateField(
        "决定（形成）日期", null=True, blank=True, help_text="公开义务产生之日，公开期限自此起算。"
    )
    rule_id = models.CharField("公开期限规则", max_length=64, blank=True)
    due = models.DateField("公开期限届满日", null=True, blank=True)
    provisional = models.BooleanField(
        "期限暂定",
        default=False,
        help_text="届满日所依赖的年度放假安排尚未公布，按法定节假日推算。",
    )
    published_at = models.DateTimeField("公开时间", db_index=True)
    published_on = models.DateField("公开日期")
    on_time = models.BooleanField("按期公开", null=True, help_text="无法定公开期限的为空。")
    findings = models.JSONField("去标识化记录", default=list, blank=True)
    digest = models.CharField("公开内容摘要", max_length=64)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    withdrawn_at = models.DateTimeField("撤回登记时间", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由（公开）", blank=True)
    withdrawal_rule_id = models.CharField("撤回期限规则", max_length=64, blank=True)
    changed_on = models.DateField(
        "决定变更（撤销）日期",
        null=True,
        blank=True,
        help_text="原决定被依法变更、撤销、确认违法或者确认无效之日，撤回期限自此起算。",
    )
    withdrawal_due = models.DateField("撤回期限届满日", null=True, blank=True)
    withdrawal_on_time = models.BooleanField("按期撤回", null=True)
    search_text = models.TextField("检索文本", blank=True, editable=False)

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["published_at", "id"], name="pub_published"),
            models.Index(fields=["agency", "published_at", "id"], name="pub_agency_published"),
            models.Index(fields=["kind", "published_at", "id"], name="pub_kind_published"),
            models.Index(fields=["source_type", "source_id"], name="pub_source"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def citation(self) -> str:
        """Where the publication period comes from, e.g. "《中华人民共和国行政处罚法》第四十八条"."""
        from fazhi.kernel.timelimits import RULES

        rule = RULES.get(self.rule_id)
        return rule.short_citation if rule is not None else self.rule_id

    @property
    def row_class(self) -> str:
        """Staff lists colour a late publication or a late withdrawal red."""
        return "red" if self.on_time is False or self.withdrawal_on_time is False else ""

    @property
    def on_time_label(self) -> str:
        return {True: "按期", False: "逾期", None: "无法定期限"}[self.on_time]

    @property
    def findings_display(self) -> list[dict]:
        """The findings with Chinese names for the place and the kind (staff page)."""
        return [
            {
                **f,
                "place": FINDING_PLACES.get(f.get("field"), f.get("field")),
                "kind_label": FINDING_KINDS.get(f.get("kind"), f.get("kind")),
            }
            for f in self.findings
        ]
