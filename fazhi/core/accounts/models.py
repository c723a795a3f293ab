"""User accounts, staff members, role assignments and the security audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from fazhi.core.orgs.models import Agency, Unit
from fazhi.core.orgs.validators import validate_id_number

from . import roles


class User(AbstractUser):
    """A login. Security state lives here; the person behind it is a :class:`StaffMember`."""

    display_name = models.CharField("姓名", max_length=64, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    failed_logins = models.PositiveSmallIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class StaffMember(models.Model):
    """工作人员 of an agency, optionally linked to a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="staff"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="内设机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    name = models.CharField("姓名", max_length=64)
    id_number = models.CharField(
        "公民身份号码", max_length=18, unique=True, validators=[validate_id_number]
    )
    position = models.CharField("职务", max_length=64, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["agency", "name"]
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.agency.display_name}）"


class RoleAssignment(models.Model):
    """A role held by a user within an agency. Changed only through ``services.assign_role``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField("角色", max_length=32, choices=roles.choices)
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="role_assignments"
    )
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="授予人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "角色授予"
        verbose_name_plural = "角色授予"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency.display_name}"


class SecurityEvent(models.Model):
    """安全审计记录: logins, logouts, failures, lockouts, unlocks and permission changes.

    Each row is also sealed into the ledger, so deleting or editing one is detectable.
    Only the audit administrator may read it; nobody may change it.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGOUT = "logout", "退出登录"
        FAILURE = "failure", "登录失败"
        LOCKOUT = "lockout", "账号锁定"
        UNLOCK = "unlock", "账号解锁"
        PASSWORD = "password", "修改密码"
        ROLE_GRANTED = "role_granted", "授予角色"
        ROLE_REVOKED = "role_revoked", "撤销角色"
        ACCOUNT = "account", "账号变更"
        DENIED = "denied", "越权访问被拒绝"

    time = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    kind = models.CharField("事件", max_length=16, choices=Kind.choices)
    username = models.CharField("用户名", max_length=150)
    actor = models.CharField("操作人", max_length=150, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    ledger_leaf = models.BigIntegerField("存证回执号", null=True, blank=True)

    class Meta:
        verbose_name = "安全审计记录"
        verbose_name_plural = "安全审计记录"
        ordering = ["-time", "-id"]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
