"""The one HTML step view every system's record page posts to.

It finds the record through the step set's ``get`` (404 when the user may not see it), refuses a
step the user may not take now (403), validates the step's form, calls the service and either
returns to the record page with a message or shows the page again with the form bound: the
refusal's reasons and articles, or the invalid fields, where the person reads them, and nothing
saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .engine import InvalidTransition, Refused
from .steps import REGISTRY, errors_to_form


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, name: str, *, steps: str) -> HttpResponse:
    """Perform step ``name`` on record ``pk`` of the step set ``steps``."""
    stepset = REGISTRY[steps]
    obj = stepset.get(request.user, pk)
    step = stepset.by_name.get(name)
    if step is None:
        raise Http404("没有该办理步骤。")
    if stepset.refuse_unavailable(step, obj, request.user):
        raise PermissionDenied(f"您无权执行“{step.label}”，或者当前状态不允许。")
    form = stepset.form(obj, request.user, name, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            stepset.perform(obj, request.user, name, form, request.FILES)
        except (Refused, InvalidTransition, ValidationError) as exc:
            status = errors_to_form(form, exc)
        else:
            messages.success(request, f"已完成“{step.label}”。")
            return redirect(stepset.detail_url(obj))
    obj = stepset.get(request.user, pk)
    return stepset.render_page(request, obj, bound={name: form}, status=status)
