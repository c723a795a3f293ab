"""The one view that serves a stored file from the record holding it (:mod:`.files`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from . import files


@login_required
@require_safe
def view(request: HttpRequest, key: str, pk: int) -> HttpResponseBase:
    """Open the file inline: images and PDF are previewed, anything else is downloaded."""
    stored, name = files.opened(key, pk, request.user)
    return files.file_response(request, stored, inline=True, name=name)


@login_required
@require_safe
def download(request: HttpRequest, key: str, pk: int) -> HttpResponseBase:
    """Download the file as an attachment under its original name."""
    stored, name = files.opened(key, pk, request.user)
    return files.file_response(request, stored, inline=False, name=name)
