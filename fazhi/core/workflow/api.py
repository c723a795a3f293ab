"""REST error handling: refusals and invalid transitions come back as clear Chinese errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

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
    return drf_exception_handler(exc, context)
