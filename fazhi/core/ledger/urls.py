"""``/files/<key>/<pk>/``: a declared attachment's file, inline or as a download."""

from django.urls import path

from . import views

app_name = "files"
urlpatterns = [
    path("<str:key>/<int:pk>/", views.view, name="view"),
    path("<str:key>/<int:pk>/download/", views.download, name="download"),
]
