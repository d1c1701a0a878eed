"""What the booking page says about its choices: services in words, the optional fields."""

from __future__ import annotations

from dataclasses import dataclass

from booking_portal.bookings.forms import BOOKING_TYPE_WORDS, BookingForm
from booking_portal.omneo.resources import Definition

# Under the closed "More options" disclosure: rarely needed at the counter.
MORE_OPTIONS = (
    "status",
    "confirmed_at",
    "transaction_id",
    "transaction_external_id",
    "transaction_receipt_ref",
    "order_id",
    "order_number",
    "order_external_id",
    "order_receipt_ref",
    "meta",
)
STATUS_AT_ONCE = {"instant": "Confirmed at once", "approval_required": "Requested: needs approval"}


@dataclass(frozen=True)
class ServiceChoice:
    """One service as the page lists it."""

    definition: Definition
    words: str  # "confirmed at once", "needs approval", "walk-in only: …"
    status_words: str  # the status a booking gets when staff leave it to the service
    bookable: bool
    chosen: bool

    @property
    def length(self) -> str:
        """How long the service takes, as its card and the recap say it: "45 min"."""
        return f"{self.definition.duration_minutes} min"


def services_in_words(form: BookingForm) -> list[ServiceChoice]:
    """The services to choose from, with how each books in words; walk-in ones not pickable."""
    chosen = str(form["definition"].value() or "")
    return [
        ServiceChoice(
            definition=definition,
            words=BOOKING_TYPE_WORDS.get(definition.booking_type, definition.booking_type),
            status_words=STATUS_AT_ONCE.get(definition.booking_type, ""),
            bookable=definition.offers_slots,
            chosen=str(definition.id) == chosen,
        )
        for definition in getattr(form, "definitions", [])
    ]
