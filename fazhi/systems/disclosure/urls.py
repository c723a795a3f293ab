from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.register, name="register"),
    path("report/", views.annual_report, name="report"),
    path("import/", views.import_requests, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/publish/", views.publish, name="publish"),
]
