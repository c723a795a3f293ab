from django.urls import path

from . import views

app_name = "matters"
urlpatterns = [
    path("", views.MatterListView.as_view(), name="matter_list"),
    path("<int:pk>/", views.matter_detail, name="matter_detail"),
    path("benchmarks/", views.BenchmarkVersionListView.as_view(), name="benchmark_list"),
    path("benchmarks/<int:pk>/publish/", views.benchmark_publish, name="benchmark_publish"),
    path("lenient/", views.LenientItemListView.as_view(), name="lenient_list"),
    path("publicity/", views.publicity, name="publicity"),
    path("import/<str:kind>/", views.import_page, name="import"),
    path("export/<str:kind>/", views.export, name="export"),
]
