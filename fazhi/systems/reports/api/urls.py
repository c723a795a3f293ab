from django.urls import path

from . import views

urlpatterns = [
    path("", views.ReportListAPIView.as_view(), name="api-reports"),
    path("<int:pk>/composed/", views.ReportComposedAPIView.as_view(), name="api-report-composed"),
    path("<int:pk>/<str:fmt>/", views.ReportFileAPIView.as_view(), name="api-report-file"),
    path("bulletin/", views.BulletinAPIView.as_view(), name="api-reports-bulletin"),
]
