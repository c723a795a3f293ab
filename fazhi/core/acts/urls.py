from django.urls import path

from . import views

app_name = "acts"
urlpatterns = [
    path("<int:ct_id>/<int:pk>/", views.act_matters, name="matters"),
    path("pick/", views.pick, name="pick"),
    path("losses/", views.losses_index, name="losses_index"),
    path("losses/<str:kind>/", views.losses, name="losses"),
]
