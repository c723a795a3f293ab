"""Password complexity (等保 level 3: GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求)."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError


class ComplexityValidator:
    """At least three of: lower case, upper case, digits, punctuation."""

    classes = 3

    def validate(self, password: str, user=None) -> None:
        kinds = [
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c in string.digits for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(kinds) < self.classes:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。"
