"""Django validators that delegate to the kernel's identifier checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def _ids():
    from fazhi.kernel import ids  # the kernel check; imported late so migrations load fast

    return ids


def validate_uscc(value: str) -> None:
    """统一社会信用代码 per GB 32100-2015."""
    result = _ids().check_uscc(value)
    if not result.ok:
        raise ValidationError(result.reason, code=f"uscc_{result.rule}")


def validate_id_number(value: str) -> None:
    """公民身份号码 per GB 11643-1999."""
    result = _ids().check_id_number(value)
    if not result.ok:
        raise ValidationError(result.reason, code=f"id_{result.rule}")


def validate_division_code(value: str) -> None:
    """行政区划代码 in the six-digit GB/T 2260 shape."""
    result = _ids().check_division_code(value)
    if not result.ok:
        raise ValidationError(result.reason, code=f"division_{result.rule}")
