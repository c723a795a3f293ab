"""The REST API: core's routes, then each declared system's (:func:`fazhi.core.system.api_urlpatterns`:
its ``api/urls.py`` and one endpoint per declared step)."""

from django.urls import include, path

from fazhi.core import system
from fazhi.core.ui.api import me

urlpatterns = [
    path("me/", me, name="api-me"),
    path("orgs/", include("fazhi.core.orgs.api.urls")),
    path("deadlines/", include("fazhi.core.deadlines.api.urls")),
    path("indicators/", include("fazhi.core.indicators.api.urls")),
    path("publication/", include("fazhi.core.publication.api.urls")),
    *system.api_urlpatterns(),
]
