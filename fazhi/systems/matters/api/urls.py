from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("matters", views.MatterViewSet, basename="matters-matter")
router.register("benchmarks", views.BenchmarkVersionViewSet, basename="matters-benchmark")
router.register("lenient-lists", views.LenientListViewSet, basename="matters-lenient")

urlpatterns = [
    path("circumstances/", views.circumstances, name="matters-circumstances"),
    *router.urls,
]
