from django.urls import path

from . import views

urlpatterns = [
    path("items/", views.PublicItemList.as_view(), name="publication-items"),
    path("items/<int:pk>/", views.PublicItemDetail.as_view(), name="publication-item"),
    path("staff/items/", views.StaffItemList.as_view(), name="publication-staff-items"),
    path("staff/items/<int:pk>/", views.StaffItemDetail.as_view(), name="publication-staff-item"),
]
