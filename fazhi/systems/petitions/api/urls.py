from django.urls import path

from . import views

urlpatterns = [
    path("", views.PetitionListAPIView.as_view(), name="api-petitions"),
    path("<int:pk>/", views.PetitionDetailAPIView.as_view(), name="api-petition"),
    path("tickets/", views.TicketListAPIView.as_view(), name="api-tickets"),
    path("tickets/<int:pk>/", views.TicketDetailAPIView.as_view(), name="api-ticket"),
]
