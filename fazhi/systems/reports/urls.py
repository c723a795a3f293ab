from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/save/", views.report_save, name="save"),
    path("<int:pk>/layout/", views.report_layout, name="layout"),
    path("<int:pk>/step/<str:step>/", views.report_step, name="step"),
    path("<int:pk>/docx/", views.report_docx_view, name="docx"),
    path("<int:pk>/pdf/", views.report_pdf_view, name="pdf"),
    path("bulletin/", views.bulletin_view, name="bulletin"),
    path("assessment/", views.assessment_view, name="assessment"),
    path("check/", views.check_view, name="check"),
]
