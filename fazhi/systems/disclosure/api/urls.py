from django.urls import path

from . import views

urlpatterns = [
    path("requests/", views.RequestListAPIView.as_view(), name="api-disclosure-requests"),
    path("requests/<int:pk>/", views.RequestDetailAPIView.as_view(), name="api-disclosure-request"),
    path("report/", views.AnnualReportAPIView.as_view(), name="api-disclosure-report"),
]
