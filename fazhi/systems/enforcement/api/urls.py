"""The case API; one endpoint per declared step (``cases/<pk>/<step>/``) is mounted by core
from :mod:`..steps`."""

from django.urls import path

from . import views

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="api-enforcement-case-list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="api-enforcement-case-detail"),
    path("summary/", views.SummaryView.as_view(), name="api-enforcement-summary"),
]
