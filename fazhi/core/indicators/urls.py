from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<str:code>/", views.IndicatorRecordsView.as_view(), name="records"),
]
