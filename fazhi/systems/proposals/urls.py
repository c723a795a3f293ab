from django.urls import path

from fazhi.core.importing.views import import_view

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("new/", views.register, name="register"),
    path("import/", import_view, {"importer": "proposals.register"}, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
]
