from django.urls import path

from . import views

app_name = "importing"

urlpatterns = [path("<str:importer>/", views.import_view, name="import")]
