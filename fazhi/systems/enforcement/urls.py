"""The 行政处罚 pages; the case step view (``enforcement:case_step``) is core's, mounted from
the declared steps (:mod:`.steps`)."""

from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("summary/new/", views.summary_new, name="summary_new"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/documents/<int:doc>/", views.document_download, name="document_download"),
    path("cases/<int:pk>/archive.zip", views.archive_download, name="archive_download"),
    path("stats/", views.stats, name="stats"),
]
