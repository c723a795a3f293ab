"""URL map: the platform layer, each declared system (:mod:`fazhi.core.system`), the API and the
public portal."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from fazhi.core import system
from fazhi.core.ui.views import healthz

urlpatterns = [
    path("", include("fazhi.core.ui.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("fazhi.core.accounts.urls")),
    path("deadlines/", include("fazhi.core.deadlines.urls")),
    path("tasks/", include("fazhi.core.tasks.urls")),
    path("indicators/", include("fazhi.core.indicators.urls")),
    path("public/", include("fazhi.core.publication.urls")),
    path("orgs/", include("fazhi.core.orgs.urls")),
    path("import/", include("fazhi.core.importing.urls")),
    path("acts/", include("fazhi.core.acts.urls")),
    path("files/", include("fazhi.core.ledger.urls")),
    *system.page_urlpatterns(),
    path("api/", include("fazhi.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

# Chinese error pages inside the site's layout; JSON under /api/ (fazhi.core.ui.errors).
handler400 = "fazhi.core.ui.errors.bad_request"
handler403 = "fazhi.core.ui.errors.permission_denied"
handler404 = "fazhi.core.ui.errors.page_not_found"
handler500 = "fazhi.core.ui.errors.server_error"
