"""REST error handling: refusals and invalid transitions come back as clear Chinese errors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.ui.errors import is_chinese

from .engine import InvalidTransition, Refused


def exception_handler(exc, context):
    if isinstance(exc, Refused):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, InvalidTransition):
        return Response(
            {"detail": str(exc), "code": "invalid_transition"}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, ValidationError):
        body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (Http404, PermissionDenied)) and not (
        exc.args and isinstance(exc.args[0], str) and is_chinese(exc.args[0])
    ):
        # Django's English ("No Case matches the given query.") gives way to DRF's translated
        # default (未找到。/ 您没有执行该操作的权限。); a reason raised in Chinese is kept.
        exc = type(exc)()
    return drf_exception_handler(exc, context)
