from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from fazhi.core.orgs.models import Agency

from . import roles
from .models import User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败达到限定次数后账号将被锁定。",
        "inactive": "该账号已停用。",
        "locked": "账号已锁定至 %(until)s，请稍后再试或联系安全保密管理员解锁。",
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            until = getattr(self.request, "fazhi_locked", None)
            if until:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M")},
                ) from None
            raise


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput)
    new_password2 = forms.CharField(label="确认新密码", widget=forms.PasswordInput)

    def __init__(self, user: User, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("原密码不正确。")
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        new, again = data.get("new_password"), data.get("new_password2")
        if new and again and new != again:
            self.add_error("new_password2", "两次输入的新密码不一致。")
        elif new:
            if self.user.check_password(new):
                self.add_error("new_password", "新密码不得与原密码相同。")
            try:
                validate_password(new, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password", exc)
        return data


class RoleGrantForm(forms.Form):
    user = forms.ModelChoiceField(label="用户", queryset=User.objects.order_by("username"))
    role = forms.ChoiceField(label="角色", choices=roles.choices)
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.all())
