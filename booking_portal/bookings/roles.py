"""The portal's two roles, as Django groups, and the checks views use."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

STORE_STAFF = "Store staff"
BOOKING_ADMINS = "Booking admins"


def can_book(user: Any) -> bool:
    """Store staff and booking admins may book; nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[STORE_STAFF, BOOKING_ADMINS]).exists()


def booking_staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required; then 403 unless the user may book."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_book(request.user):
            raise PermissionDenied("Only store staff and booking admins can book.")
        return view(request, *args, **kwargs)

    return wrapped


def can_review_all(user: Any) -> bool:
    """Booking admins (and superusers) see every attempt, not only their own."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=BOOKING_ADMINS).exists()
