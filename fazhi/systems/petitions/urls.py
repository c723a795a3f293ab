from django.urls import path

from fazhi.core.importing.views import import_view

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.PetitionListView.as_view(), name="list"),
    path("new/", views.register, name="register"),
    path("import/", import_view, {"importer": "petitions.register"}, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/opinion/", views.opinion, name="opinion"),
    path("tickets/", views.TicketListView.as_view(), name="tickets"),
    path("tickets/new/", views.register_ticket, name="ticket_register"),
    path("tickets/<int:pk>/", views.ticket, name="ticket"),
]
