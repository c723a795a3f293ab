from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("divisions", views.DivisionViewSet, basename="orgs-division")
router.register("agencies", views.AgencyViewSet, basename="orgs-agency")
router.register("units", views.UnitViewSet, basename="orgs-unit")
router.register("staff", views.StaffViewSet, basename="orgs-staff")

urlpatterns = router.urls
