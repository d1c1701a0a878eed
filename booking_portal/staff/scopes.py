"""Store scoping: the stores a user may see and act on, and the one check views make.

Booking admins (and superusers) work at every store; store staff at the stores their link names
(none until a booking admin links them). A view calls `store_required` with the store of what it
shows or changes, or wraps itself in `store_from_request` when the store comes in the request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .links import staff_link_of
from .roles import can_review_all

NOT_YOUR_STORE = (
    "This is another store's. You can see and change the day, the waitlist and the "
    "appointments of your own stores only; ask a booking admin if you work there too."
)
NO_STORES = (
    "Your sign-in is not linked to a store yet. Ask a booking admin to add your stores "
    "(Admin → Staff links)."
)


class OutsideStores(PermissionDenied):
    """The user does not work at the store this request is about (a 403 with its message)."""


@dataclass(frozen=True)
class StoreScope:
    """Every store, or these stores only."""

    every_store: bool
    location_ids: frozenset[int] = frozenset()

    def allows(self, location_id: int | None) -> bool:
        return self.every_store or location_id in self.location_ids

    def only[T](self, stores: Iterable[T], *, key: Callable[[T], int]) -> list[T]:
        """The stores of these the user may see, in their order."""
        return [store for store in stores if self.allows(key(store))]


def store_scope(user: Any) -> StoreScope:
    """The stores this user may see and act on."""
    if can_review_all(user):
        return StoreScope(every_store=True)
    link = staff_link_of(user)
    return StoreScope(every_store=False, location_ids=link.stores if link else frozenset())


def store_required(user: Any, location_id: int | None) -> None:
    """Raise OutsideStores (403) unless the user works at this store."""
    scope = store_scope(user)
    if not scope.allows(location_id):
        raise OutsideStores(NOT_YOUR_STORE if scope.location_ids else NO_STORES)


def booking_store_required(user: Any, location_id: int | None) -> None:
    """Booking into any store offering the service, unless PORTAL_BOOK_OTHER_STORES is off."""
    if not settings.PORTAL_BOOK_OTHER_STORES:
        store_required(user, location_id)


def booking_stores(user: Any) -> frozenset[int] | None:
    """The stores the user may book into: None for any store offering the service."""
    if settings.PORTAL_BOOK_OTHER_STORES:
        return None
    scope = store_scope(user)
    return None if scope.every_store else scope.location_ids


def store_from_request(
    name: str = "location",
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """403 when the request names (in GET or POST `name`) a store the user does not work at.

    A request naming no store passes: the view then chooses one of the user's own.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            source = request.POST if request.method == "POST" else request.GET
            raw = source.get(name, "")
            if raw.isascii() and raw.isdigit():  # anything else: the view falls back to its own
                store_required(request.user, int(raw))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
