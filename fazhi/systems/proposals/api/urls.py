from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProposalListAPIView.as_view(), name="api-proposals"),
    path("<int:pk>/", views.ProposalDetailAPIView.as_view(), name="api-proposal"),
    *[
        path(f"<int:pk>/{step}/", view.as_view(), name=f"api-proposals-{step}")
        for step, view in views.STEP_VIEWS.items()
    ],
]
