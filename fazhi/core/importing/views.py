"""The import page every importer gets: ``?template=1`` downloads the template, a POST imports
the file (all rows or none) and the page lists every bad row and column in Chinese."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.accounts.policies import require
from fazhi.core.ui.excel import XLSX

from . import registry
from .forms import ImportForm
from .run import import_file
from .template import template_bytes


@login_required
def import_view(request: HttpRequest, importer: str) -> HttpResponse:
    """The page of the importer registered as ``importer``; an app maps its own import URL here
    with ``{"importer": "<name>"}`` so its links keep working."""
    declared = registry.get(importer)
    if declared is None:
        raise Http404("没有这种导入。")
    require(declared.may_import(request.user), declared.refused or f"您不能导入{declared.label}。")
    if request.GET.get("template"):
        response = HttpResponse(template_bytes(declared), content_type=XLSX)
        response["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{quote(declared.template_filename)}"
        )
        return response
    form_class = declared.options_form or ImportForm
    form = form_class(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_file(
            declared,
            upload,
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
            filename=upload.name,
            **form.options(),
        )
        if result.imported:
            messages.success(request, result.summary())
    return render(
        request,
        "importing/import.html",
        {
            "title": f"导入{declared.label}",
            "importer": declared,
            "form": form,
            "result": result,
            "export_url": declared.export(request.user) if declared.export else "",
        },
        status=400 if result is not None and not result.ok else 200,
    )
