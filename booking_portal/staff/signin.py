"""Sign-in: the form's wording, the lockout page django-axes shows, and the client's address."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

WRONG_PASSWORD = "Wrong username or password. Both are case-sensitive."  # noqa: S105 - a message
LOCKED_OUT = (
    "Too many failed sign-ins for this user from this device. Try again in {minutes} minutes, "
    "or ask a booking admin to unlock you (Admin → Axes → Access attempts)."
)
LOCKOUT_STATUS = 429
TEMPLATE = "registration/login.html"
CLEAR_SITE_DATA = "Clear-Site-Data"


USERNAME_LENGTH = 150  # Django's own limit for a username


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying plainly when the username or password is wrong."""

    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": WRONG_PASSWORD,
    }


class SignOutView(LogoutView):
    """Django's sign-out, also clearing what this browser keeps for the portal.

    `Clear-Site-Data: "storage"` empties the outbox of bookings and actions held offline (and any
    other storage of this origin) before the next page loads, whether or not a script runs there,
    so the next person at a shared tablet never sends or sees them. Cookies are left to Django.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response[CLEAR_SITE_DATA] = '"storage"'
        return response


def lockout_message() -> str:
    """What a locked-out user reads, with the cool-off period in minutes."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return LOCKED_OUT.format(minutes=minutes)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page again, with the lockout message beside the form (axes' lockout hook)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = SignInForm(request, initial={"username": str(username)[:USERNAME_LENGTH]})
    context = {"form": form, "lockout": lockout_message(), "next": request.GET.get("next", "")}
    return render(request, TEMPLATE, context, status=LOCKOUT_STATUS)


def lockout_username(request: HttpRequest, credentials: Any = None) -> str:
    """The username axes records, cut to a username's length so no typed text overflows it."""
    value = (credentials or {}).get("username") if credentials else None
    if value is None:
        value = request.POST.get("username", "")
    return str(value)[:USERNAME_LENGTH]


def client_address(request: HttpRequest) -> str | None:
    """The address sign-in failures are counted against.

    Behind TRUSTED_PROXY_COUNT proxies, the one the outermost proxy saw; otherwise REMOTE_ADDR.
    Never more of X-Forwarded-For than the proxies wrote, so a client cannot pick its address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
