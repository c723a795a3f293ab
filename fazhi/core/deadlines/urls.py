from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.TodoView.as_view(), name="todo"),
    path("risk/", views.RiskListView.as_view(), name="risk"),
    path("all/", views.DeadlineListView.as_view(), name="list"),
    path("calendar/", views.calendar, name="calendar"),
    path("<int:pk>/explain/", views.explain, name="explain"),
    path("<int:pk>/open/", views.open_subject, name="open"),
]
