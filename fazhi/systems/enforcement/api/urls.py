from django.urls import path

from . import views

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="api-enforcement-case-list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="api-enforcement-case-detail"),
    path("summary/", views.SummaryView.as_view(), name="api-enforcement-summary"),
    *[
        path(f"cases/<int:pk>/{name}/", view.as_view(), name=f"api-enforcement-case-{name}")
        for name, view in views.STEP_VIEWS.items()
    ],
]
