from django.urls import path

from . import views

urlpatterns = [
    path(
        "recommendations/",
        views.RecommendationListAPIView.as_view(),
        name="api-disputes-recommendations",
    ),
    *[
        path(f"{kind}/", view.as_view(), name=f"api-disputes-{kind}-list")
        for kind, view in views.LIST_VIEWS.items()
    ],
    *[
        path(f"{kind}/<int:pk>/", view.as_view(), name=f"api-disputes-{kind}")
        for kind, view in views.DETAIL_VIEWS.items()
    ],
]
