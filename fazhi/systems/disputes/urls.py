from django.urls import path

from fazhi.core.importing.views import import_view

from . import views

app_name = "disputes"
urlpatterns = [
    path("", views.ReconsiderationListView.as_view(), name="reconsideration"),
    path("respondence/", views.RespondenceListView.as_view(), name="respondence"),
    path("litigation/", views.LitigationListView.as_view(), name="litigation"),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendations"),
    path("recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path(
        "recommendations/<int:pk>/feedback/",
        views.recommendation_feedback,
        name="recommendation_feedback",
    ),
    path(
        "litigation/import/",
        import_view,
        {"importer": "disputes.litigation"},
        name="import_litigation",
    ),
    path("<str:kind>/new/", views.register, name="register"),
    path("reconsideration/<int:pk>/publish/", views.publish, name="publish"),
    path("<str:kind>/<int:pk>/", views.detail, name="detail"),
]
