from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("certificates", views.CertificateViewSet, basename="officers-certificate")
router.register("training", views.TrainingRecordViewSet, basename="officers-training")

urlpatterns = [
    path("check/", views.officers_check, name="officers-check"),
    path("reviewer-check/", views.reviewer_check, name="officers-reviewer-check"),
    *router.urls,
]
