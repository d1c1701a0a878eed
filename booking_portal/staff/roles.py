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


ROLES = (STORE_STAFF, BOOKING_ADMINS)


def _roles(user: Any) -> frozenset[str]:
    """The portal roles the user holds: one query per user object, so once per request.

    A request's user is loaded afresh for every request, so a role granted or taken away in the
    admin counts from the next request on.
    """
    roles = getattr(user, "_portal_roles", None)
    if roles is None:
        roles = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._portal_roles = roles
    return roles


def can_book(user: Any) -> bool:
    """Store staff and booking admins may book; nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(_roles(user))


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
    return user.is_superuser or BOOKING_ADMINS in _roles(user)
