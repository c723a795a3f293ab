"""The annual 法治政府建设情况报告 and its revisions.

Parts follow 法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）第二十五条; their order and
headings are stored per report because real reports vary (some put the 第一责任人 part first).
Every save of the narrative is a new :class:`ReportRevision`, so drafts keep their history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.orgs.models import Agency


class AnnualReport(models.Model):
    """One organisation's annual report for one year."""

    agency = models.ForeignKey(Agency, verbose_name="报告机关", on_delete=models.PROTECT)
    year = models.PositiveIntegerField("报告年度")
    title = models.CharField("标题", max_length=200)
    part_order = models.JSONField("各部分顺序", default=list)
    headings = models.JSONField("各部分标题", default=dict, blank=True)
    state = models.CharField("状态", max_length=20, default="drafting")
    secrecy_reviewed_on = models.DateField("保密审查日期", null=True, blank=True)
    secrecy_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保密审查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secrecy_opinion = models.TextField("保密审查意见", blank=True)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    main_recipients = models.CharField(
        "主送机关", max_length=300, blank=True, help_text="报送时确定，多个机关以顿号分隔。"
    )
    copy_recipients = models.CharField(
        "抄送机关", max_length=300, blank=True, help_text="报送时确定，多个机关以顿号分隔。"
    )
    published_item = models.ForeignKey(
        "publication.PublishedItem",
        verbose_name="公开事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "agency__order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="reports_one_report_per_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> ReportRevision | None:
        """The latest revision of the narrative."""
        return self.revisions.order_by("-number").first()


class ReportRevision(models.Model):
    """One saved version of the narrative: ``parts`` maps a part key to the staff's text."""

    report = models.ForeignKey(
        AnnualReport, verbose_name="报告", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("版本号")
    parts = models.JSONField("各部分正文", default=dict)
    note = models.CharField("修改说明", max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"
