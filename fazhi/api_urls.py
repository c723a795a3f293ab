"""The REST API: each app contributes its routes from its own ``api/urls.py``."""

from django.urls import include, path

from fazhi.core.ui.api import me

urlpatterns = [
    path("me/", me, name="api-me"),
    path("orgs/", include("fazhi.core.orgs.api.urls")),
    path("deadlines/", include("fazhi.core.deadlines.api.urls")),
    path("indicators/", include("fazhi.core.indicators.api.urls")),
    path("publication/", include("fazhi.core.publication.api.urls")),
]
