from django.urls import path

from . import views

urlpatterns = [
    path("", views.IndicatorList.as_view(), name="indicators-list"),
    path("values/", views.IndicatorValues.as_view(), name="indicators-values"),
    path("<str:code>/records/", views.IndicatorRecords.as_view(), name="indicators-records"),
]
