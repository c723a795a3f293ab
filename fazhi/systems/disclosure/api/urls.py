from django.urls import path

from . import views

urlpatterns = [
    path("requests/", views.RequestListAPIView.as_view(), name="api-disclosure-requests"),
    path("requests/<int:pk>/", views.RequestDetailAPIView.as_view(), name="api-disclosure-request"),
    path("report/", views.AnnualReportAPIView.as_view(), name="api-disclosure-report"),
    *[
        path(f"requests/<int:pk>/{step}/", view.as_view(), name=f"api-disclosure-{step}")
        for step, view in views.STEP_VIEWS.items()
    ],
]
