from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("new/", views.register, name="register"),
    path("import/", views.import_proposals, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
]
