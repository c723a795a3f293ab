"""The REST API: each app contributes its routes from its own ``api/urls.py``."""

from django.urls import include, path

from fazhi.core import system
from fazhi.core.ui.api import me

urlpatterns = [
    path("me/", me, name="api-me"),
    path("orgs/", include("fazhi.core.orgs.api.urls")),
    path("deadlines/", include("fazhi.core.deadlines.api.urls")),
    path("indicators/", include("fazhi.core.indicators.api.urls")),
    path("publication/", include("fazhi.core.publication.api.urls")),
    path("matters/", include("fazhi.systems.matters.api.urls")),
    path("officers/", include("fazhi.systems.officers.api.urls")),
    path("reports/", include("fazhi.systems.reports.api.urls")),
    *system.api_urlpatterns(),
]
