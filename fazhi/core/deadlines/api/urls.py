from django.urls import path

from . import views

urlpatterns = [
    path("", views.DeadlineListAPIView.as_view(), name="api-deadline-list"),
    path("mine/", views.MyDeadlinesAPIView.as_view(), name="api-deadline-mine"),
    path("risk/", views.RiskDeadlinesAPIView.as_view(), name="api-deadline-risk"),
    path("notices/", views.CalendarNoticeListAPIView.as_view(), name="api-calendar-notices"),
    path("<int:pk>/", views.DeadlineDetailAPIView.as_view(), name="api-deadline-detail"),
]
