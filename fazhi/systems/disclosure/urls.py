from django.urls import path

from fazhi.core.importing.views import import_view

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.register, name="register"),
    path("report/", views.annual_report, name="report"),
    path("import/", import_view, {"importer": "disclosure.requests"}, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/publish/", views.publish, name="publish"),
]
