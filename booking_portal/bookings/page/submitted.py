"""A submitted booking page, built only from what the page carried: no Omneo look-up at all.

The time must be one the page offered for the very service, store, staff member and date
submitted, and on that date in the store's zone; anything else is a message on the time field.
"""

from __future__ import annotations

from django.http import QueryDict

from booking_portal.bookings import messages
from booking_portal.bookings.answer_forms import answer_forms_for
from booking_portal.bookings.forms import BookingForm
from booking_portal.omneo.reads import catalogue
from booking_portal.omneo.reads.zones import store_zone

from .build import form_choices, int_or_none, slot_label
from .carried import unseal_choices, unseal_listing
from .reads import month_start
from .state import BookingPage
from .times import window_start


def submitted_page(*, source: QueryDict) -> BookingPage:
    """The page as submitted, bound to its values and to the choices it carried."""
    carried = unseal_choices(source.get("choices_seal"))
    page = BookingPage()
    if carried is not None:
        page.carried = carried
    carried = page.carried
    definitions = list(catalogue.definition_list_cached() or [])
    if carried.definition and all(d.id != carried.definition.id for d in definitions):
        definitions.insert(0, carried.definition)
    if carried.definition and carried.definition.id == int_or_none(source.get("definition")):
        page.definition = carried.definition
    if carried.location and carried.location.id == int_or_none(source.get("location")):
        page.location = carried.location
    page.zone = store_zone(page.location.timezone if page.location else None)
    page.month_start = month_start(page.zone)  # the strip, as the page showed it
    page.open_days, page.open_days_for = list(carried.open_days), carried.open_days_for
    page.day = carried.day
    page.window_start = window_start(page.month_start, carried.day)
    page.staff = list(carried.staff)
    page.slots, page.slots_known = list(carried.slots), carried.slots_known
    page.profiles_term, page.profiles = unseal_listing(source.get("people_seal"))
    page.profile = next((p for p in page.profiles if p.id == source.get("profile")), None)
    questions = carried.questions if page.definition else ()
    page.form = BookingForm(source, **form_choices(page, definitions, carried.locations))
    page.answer_forms = answer_forms_for(questions, source)
    return page


def submitted_page_is_valid(page: BookingPage) -> bool:
    """Validate the form, every answer, and that the time belongs to the submitted choices."""
    answers_valid = [answer_form.is_valid() for answer_form in page.answer_forms]  # all of them
    form_valid = page.form.is_valid()
    if form_valid:
        _check_carried(page)
    return page.form.is_valid() and all(answers_valid) and page.choices() is not None


def _check_carried(page: BookingPage) -> None:
    """Refuse choices the page did not offer together, and a time not on the submitted date."""
    data, carried = page.form.cleaned_data, page.carried
    if page.definition is None:
        page.form.add_error("definition", messages.SERVICE_AGAIN)
        return
    if page.location is None:
        page.form.add_error("location", messages.STORE_AGAIN)
        return
    if page.profile is None:
        page.form.add_error("profile", messages.CUSTOMER_AGAIN)
    chosen = data["slot"]
    value = chosen.strftime("%Y-%m-%dT%H:%M")
    if chosen.date() != data["date"]:
        page.form.add_error(
            "slot",
            messages.TIME_NOT_ON_DATE.format(
                time=slot_label(value), date=data["date"].strftime("%a %-d %b %Y")
            ),
        )
        return
    offered_for = (
        carried.definition.id if carried.definition else None,
        carried.location.id if carried.location else None,
        carried.slots_for_staff or None,
        carried.day,
    )
    submitted = (data["definition"], data["location"], data.get("staff") or None, data["date"])
    if offered_for != submitted or value not in dict(carried.slots):
        page.form.add_error("slot", messages.TIME_NOT_OFFERED.format(time=slot_label(value)))
