"""Adding a customer who is not in Omneo yet, from the booking page's customer step (htmx)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_htmx.http import reselect, reswap, retarget

from booking_portal.bookings.forms import BookingForm
from booking_portal.bookings.new_customer import NewCustomerForm, customer_add
from booking_portal.bookings.page import BookingPage
from booking_portal.bookings.roles import booking_staff_required
from booking_portal.omneo.resources import Person

FORM_TEMPLATE = "bookings/_new_customer.html"
CUSTOMERS_PART = "bookings/book.html#customers"
FORM_ROOT = "#new-customer"


@require_http_methods(["GET", "POST"])
@booking_staff_required
def book_customer_new(request: HttpRequest) -> HttpResponse:
    """GET: the empty form. POST: the customers part with the new customer chosen, or the form
    again with why (swapped in place of the form, never over the customers)."""
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {"form": NewCustomerForm()})
    form = NewCustomerForm(request.POST)
    created = customer_add(form=form) if form.is_valid() else None
    if created is None:
        return _form_again(request, form)
    return render(request, CUSTOMERS_PART, {"page": _chosen(created)})


def _chosen(person: Person) -> BookingPage:
    """The customers part listing only the new customer, chosen (and carried in the seal)."""
    form = BookingForm(initial={"profile": person.id, "profile_search": ""}, profiles=[person])
    return BookingPage(
        form=form, answer_forms=[], profiles=[person], profile=person, profiles_term=None
    )


def _form_again(request: HttpRequest, form: NewCustomerForm) -> HttpResponse:
    response = render(request, FORM_TEMPLATE, {"form": form})
    retarget(response, FORM_ROOT)
    reselect(response, FORM_ROOT)  # the button asks for #customers; this answer holds the form
    return reswap(response, "outerHTML")
