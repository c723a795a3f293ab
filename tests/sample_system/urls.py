from django.urls import path

from .system import detail, permit_list

app_name = "sample_system"
urlpatterns = [
    path("", permit_list, name="list"),
    path("<int:pk>/", detail, name="detail"),
]
