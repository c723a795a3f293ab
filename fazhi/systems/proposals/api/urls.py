from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProposalListAPIView.as_view(), name="api-proposals"),
    path("<int:pk>/", views.ProposalDetailAPIView.as_view(), name="api-proposal"),
]
