"""Home page, the health check and the favicon."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fazhi.core.accounts import roles
from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency

from .home import blocks_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    return render(
        request,
        "ui/home.html",
        {
            "title": "工作台",
            "agencies": Agency.objects.filter(pk__in={a for _, a in p.grants}),
            "roles": sorted({roles.label(r) for r in p.roles}),
            "home_blocks": blocks_for(request),
        },
    )


def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for whatever the page links: the static icon, no login."""
    path = finders.find("fazhi/favicon.ico")
    if not path:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    response["Cache-Control"] = "public, max-age=86400"
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the process answers and the database is reachable."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
    except Exception as exc:  # noqa: BLE001 - report any database failure as unhealthy
        return JsonResponse({"status": "error", "database": str(exc)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
