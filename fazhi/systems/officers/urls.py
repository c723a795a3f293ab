from django.urls import path

from . import views

app_name = "officers"
urlpatterns = [
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/expiring/", views.ExpiringCertificateListView.as_view(), name="expiring"),
    path("certificates/new/", views.certificate_issue, name="certificate_issue"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("training/", views.TrainingSummaryView.as_view(), name="training_summary"),
    path("training/records/", views.TrainingRecordListView.as_view(), name="training_records"),
    path("training/new/", views.training_add, name="training_add"),
    path("import/<str:kind>/", views.import_page, name="import"),
    path("export/<str:kind>/", views.export, name="export"),
]
