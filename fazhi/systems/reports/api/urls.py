from django.urls import path

from . import views

urlpatterns = [
    path("", views.ReportListAPIView.as_view(), name="api-reports"),
    path("<int:pk>/composed/", views.ReportComposedAPIView.as_view(), name="api-report-composed"),
]
