"""Adding a customer who is not in Omneo yet, from the booking page's customer step (htmx)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_htmx.http import reselect, reswap, retarget

from booking_portal.bookings.forms import BookingForm
from booking_portal.bookings.new_customer import NewCustomerForm, customer_add
from booking_portal.bookings.page.state import BookingPage
from booking_portal.omneo.resources import Person
from booking_portal.staff.roles import booking_staff_required

FORM_TEMPLATE = "bookings/_new_customer.html"
CUSTOMERS_PART = "bookings/book.html#customers"
CUSTOMERS = "#customers"


@require_http_methods(["GET", "POST"])
@booking_staff_required
def book_customer_new(request: HttpRequest) -> HttpResponse:
    """GET: the empty form. POST: the form again with why, in its own place; or, once Omneo has
    the customer, the customers part with them chosen, swapped over the whole part."""
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {"form": NewCustomerForm()})
    form = NewCustomerForm(request.POST)
    created = customer_add(form=form) if form.is_valid() else None
    if created is None:
        return render(request, FORM_TEMPLATE, {"form": form})
    response = render(request, CUSTOMERS_PART, {"page": _chosen(created)})
    # The button targets its own form, so the part marked busy (booking.js) is the one replaced
    # whatever the answer; only a success goes wider.
    retarget(response, CUSTOMERS)
    reselect(response, CUSTOMERS)
    return reswap(response, "outerHTML")


def _chosen(person: Person) -> BookingPage:
    """The customers part listing only the new customer, chosen (and carried in the seal)."""
    form = BookingForm(initial={"profile": person.id, "profile_search": ""}, profiles=[person])
    return BookingPage(
        form=form, answer_forms=[], profiles=[person], profile=person, profiles_term=None
    )
