from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("audit/", views.AuditTrailView.as_view(), name="audit"),
    path("security/", views.security_admin, name="security"),
    path("security/unlock/<int:pk>/", views.unlock, name="unlock"),
    path("security/revoke/<int:pk>/", views.revoke, name="revoke"),
]

from . import staff_views  # noqa: E402  (staff pages: appended to the accounts routes)

urlpatterns += [
    path("staff/", staff_views.StaffListView.as_view(), name="staff_list"),
    path("staff/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/password/", staff_views.staff_reset_password, name="staff_reset_password"),
]
