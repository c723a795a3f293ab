from django.urls import path

from . import views

urlpatterns = [
    path("", views.PetitionListAPIView.as_view(), name="api-petitions"),
    path("<int:pk>/", views.PetitionDetailAPIView.as_view(), name="api-petition"),
    *[
        path(f"<int:pk>/{step}/", view.as_view(), name=f"api-petition-{step}")
        for step, view in views.PETITION_STEP_VIEWS.items()
    ],
    path("tickets/", views.TicketListAPIView.as_view(), name="api-tickets"),
    path("tickets/<int:pk>/", views.TicketDetailAPIView.as_view(), name="api-ticket"),
    *[
        path(f"tickets/<int:pk>/{step}/", view.as_view(), name=f"api-ticket-{step}")
        for step, view in views.TICKET_STEP_VIEWS.items()
    ],
]
