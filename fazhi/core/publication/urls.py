"""/public/: the portal (no login) and, under /public/manage/, the staff pages."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("manage/", views.PublishedItemListView.as_view(), name="manage"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/withdraw/", views.manage_withdraw, name="manage_withdraw"),
]
