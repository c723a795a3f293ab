from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("notifications/", views.notifications, name="notifications"),
    path("reassign/<int:ct>/<int:pk>/", views.reassign, name="reassign"),
]
