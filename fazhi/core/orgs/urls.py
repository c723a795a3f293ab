from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("import/", views.import_page, name="import"),
    path("import/template/<str:kind>.xlsx", views.import_template, name="import_template"),
]
