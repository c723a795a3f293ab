from django.db import models


class Permit(models.Model):
    """A permit application: registered, then granted or refused."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    applicant = models.CharField("申请人", max_length=100)
    state = models.CharField("状态", max_length=16, default="registered")
    decided_on = models.DateField("决定日", null=True, blank=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = "示例许可申请"

    def __str__(self) -> str:
        return self.applicant
