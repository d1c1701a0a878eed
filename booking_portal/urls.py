"""Root URLconf: health probes, admin, sign-in, the booking pages, and the sandbox when on."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from booking_portal import health
from booking_portal.staff.signin import SignInForm, SignOutView

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("", include("booking_portal.bookings.urls")),
    path("", include("booking_portal.appointments.urls")),
    path("clienteling/", include("booking_portal.clienteling.urls")),
]
if settings.OMNEO_SANDBOX_ENABLED:
    from booking_portal.sandbox.clienteling.standin import clienteling_standin_page

    urlpatterns += [
        path("sandbox/api/", include("booking_portal.sandbox.urls")),
        path("sandbox/clienteling/", clienteling_standin_page, name="sandbox-clienteling"),
    ]
