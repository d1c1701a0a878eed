"""The booking page and its htmx parts: parse, call one service, render."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from booking_portal.appointments.waitlist import (
    waiting_customer_remember,
    waitlist_fulfil_after_booking,
)
from booking_portal.bookings import messages
from booking_portal.bookings.answer_encoding import answers_in_words
from booking_portal.bookings.answer_forms import ANSWERS_PREFIX
from booking_portal.bookings.error_mapping import apply_omneo_errors
from booking_portal.bookings.overlap import booking_overlap
from booking_portal.bookings.page.build import (
    booking_page,
    choices_page,
    customers_page,
    times_refreshed,
)
from booking_portal.bookings.page.customer_panel import BOOK_AGAIN, again_source, panel_page
from booking_portal.bookings.page.state import BookingPage
from booking_portal.bookings.page.submitted import submitted_page, submitted_page_is_valid
from booking_portal.bookings.payload import store_appointment_from_forms
from booking_portal.common.input_rules import parse_positive_id
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.staff.links import omneo_staff_id_of
from booking_portal.staff.remembered_store import remember_location, remembered_location
from booking_portal.staff.roles import booking_staff_required, can_review_all
from booking_portal.staff.scopes import booking_store_required, booking_stores
from booking_portal.writes.creates import appointment_book, attempt_settled
from booking_portal.writes.models import UNSETTLED, BookingAttempt
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.selectors import attempts_visible
from booking_portal.writes.sending import WriteFailed
from booking_portal.writes.summary import BookingSummary

TEMPLATE = "bookings/book.html"
PARTS = {"customers", "choices", "times", "panel"}  # "times": store, staff, day and time
PART_TEMPLATES = {"panel": "customer-panel"}
BOOK_ANYWAY = "book_anyway"
NOT_FORM_DATA = {"form_token"}
CARRIED_FIELDS = {"choices_seal", "people_seal"}


@require_GET
@booking_staff_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("bookings:book")


def _render(request: HttpRequest, page: BookingPage, *, status: int = 200, **extra) -> HttpResponse:
    return render(request, TEMPLATE, {"page": page, **extra}, status=status)


def _reopened(request: HttpRequest) -> HttpResponse:
    """The booking page filled with an earlier attempt of this user (admins: anyone's).

    A booking that was made is never reopened: that would book it twice.
    """
    attempts = attempts_visible(user=request.user)
    attempt_id = parse_positive_id(request.GET.get("reopen", ""))
    if attempt_id is None:
        raise Http404("No such booking.")
    attempt = get_object_or_404(attempts, pk=attempt_id)
    if attempt.outcome == BookingAttempt.Outcome.CREATED:
        flash.info(request, messages.ALREADY_BOOKED)
        return redirect("bookings:confirmation", attempt_id=attempt.pk)
    source = QueryDict(mutable=True)
    for key, values in attempt.form_data.items():
        source.setlist(key, values)
    return _render(request, booking_page(source=source))


def _page_for(request: HttpRequest, source: QueryDict) -> BookingPage:
    """The whole page from the values sent, this staff member's last store preselected."""
    return booking_page(source=source, **_who(request))


def _who(request: HttpRequest) -> dict[str, Any]:
    """Who is booking: their last store, their Omneo staff id, the stores they may book into."""
    return {
        "remembered_location": remembered_location(request),
        "me": lambda: omneo_staff_id_of(request.user),
        "only_stores": booking_stores(request.user),
    }


def _with_fresh_token(source: QueryDict) -> QueryDict:
    """The submitted data under a new token: the old one is spent on the failed attempt."""
    fresh = source.copy()
    fresh["form_token"] = str(uuid.uuid4())
    return fresh


@require_http_methods(["GET", "POST"])
@booking_staff_required
def book(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if "reopen" in request.GET:
            return _reopened(request)
        return _render(request, _page_for(request, request.GET))
    if "refresh" in request.POST:
        return _render(request, _page_for(request, request.POST))
    if BOOK_AGAIN in request.POST:
        return _render(request, _page_for(request, again_source(request.POST)))
    if "waitlist" in request.POST:
        return _to_waitlist(request)
    location_id = parse_positive_id(request.POST.get("location", ""))
    if location_id is not None:
        booking_store_required(request.user, location_id)
    page = submitted_page(source=request.POST)
    if not submitted_page_is_valid(page):
        return _render(request, page, status=422)
    appointment, answer_index, summary = store_appointment_from_forms(
        form=page.form, answer_forms=page.answer_forms, choices=page.choices()
    )
    if BOOK_ANYWAY not in request.POST and (question := _overlap(summary)):
        return _render(request, page, overlap=question)  # nothing sent; the same token goes on
    form_data = _kept_for_reopening(request.POST, page)
    try:
        attempt = appointment_book(
            booked_by=request.user,
            form_token=page.form.cleaned_data["form_token"],
            appointment=appointment,
            summary=summary,
            form_data=form_data,
            answers_display=answers_in_words(page.answer_forms),
        )
    except AlreadySent as duplicate:
        return _after_duplicate(request, duplicate.record)
    except StillUnsettled as doubt:
        return _after_in_doubt(request, doubt.record)
    except WriteFailed as failure:
        return _after_failure(request, page, failure, answer_index)
    remember_location(request, page.form.cleaned_data["location"])
    if attempt.recovered:
        flash.info(request, messages.RECOVERED)
    fulfilled = waitlist_fulfil_after_booking(
        session=request.session, attempt=attempt, user=request.user
    )
    if fulfilled:
        flash.success(request, fulfilled)
    return redirect("bookings:confirmation", attempt_id=attempt.pk)


def _overlap(summary: BookingSummary) -> str:
    """The question to ask when the customer already has an appointment at the time chosen."""
    return booking_overlap(
        profile_id=summary.profile_id,
        name=summary.customer_name,
        start=summary.start,
        end=summary.end,
    )


def _kept_for_reopening(posted: QueryDict, page: BookingPage) -> dict[str, list[str]]:
    """The form's own fields, its answers and what the page carried; never stray POST keys."""
    own = set(page.form.fields) - NOT_FORM_DATA
    return {
        key: values
        for key, values in posted.lists()
        if key in own or key in CARRIED_FIELDS or key.startswith(f"{ANSWERS_PREFIX}-")
    }


def _to_waitlist(request: HttpRequest) -> HttpResponse:
    """No time suits: the store's day, its add-to-waitlist form filled with this customer."""
    page = submitted_page(source=request.POST)
    if not (page.definition and page.location and page.profile):
        return _render(request, page, status=422, notice=messages.WAITLIST_NEEDS_CHOICES)
    waiting_customer_remember(
        request.session, profile_id=page.profile.id, name=page.profile.display_name
    )
    query = {"location": page.location.id, "waitlist_definition": page.definition.id}
    if page.day:
        query["date"] = page.day.isoformat()
    return redirect(f"{reverse('appointments:day')}?{urlencode(query)}#waitlist-add")


def _after_duplicate(request: HttpRequest, attempt: BookingAttempt) -> HttpResponse:
    """Show the first submission's result; Omneo is not called again."""
    if attempt.booked_by_id != request.user.pk:
        raise Http404("No such booking form.")
    attempt = attempt_settled(attempt=attempt)
    flash.info(request, messages.ALREADY_SUBMITTED)
    if attempt.outcome == BookingAttempt.Outcome.CREATED:
        return redirect("bookings:confirmation", attempt_id=attempt.pk)
    return redirect("bookings:attempt_detail", attempt_id=attempt.pk)


def _after_in_doubt(request: HttpRequest, attempt: BookingAttempt) -> HttpResponse:
    """Another attempt at this booking may have booked it: show that one, send nothing."""
    flash.warning(request, messages.IN_DOUBT.format(state=attempt.get_outcome_display().lower()))
    if attempt.booked_by_id != request.user.pk and not can_review_all(request.user):
        return redirect("bookings:book")  # a colleague's attempt: the message says enough
    return redirect("bookings:attempt_detail", attempt_id=attempt.pk)


def _after_failure(
    request: HttpRequest, page: BookingPage, failure: WriteFailed, answer_index: list[int]
) -> HttpResponse:
    """Show every entry again: under the spent token while Omneo may have booked it, else fresh."""
    attempt, error = failure.record, failure.error
    if attempt.outcome in UNSETTLED:
        notice = messages.unsettled_message(attempt)
        return _render(request, page, status=202, notice=notice, in_doubt=attempt)
    fresh = submitted_page(source=_with_fresh_token(request.POST))
    submitted_page_is_valid(fresh)
    if isinstance(error, OmneoValidationError):
        apply_omneo_errors(
            error=error, form=fresh.form, answer_forms=fresh.answer_forms, answer_index=answer_index
        )
        refused = request.POST.get("slot", "") if fresh.form.has_error("slot") else ""
        times_refreshed(fresh, refused=refused)  # one read, the carried times if it fails
        return _render(request, fresh, status=422)
    if attempt.check_result:  # the look-up after an unknown outcome settled it: not booked
        notice = messages.unsettled_message(attempt)
    else:
        notice = messages.message_for(error)
    return _render(request, fresh, status=200, notice=notice)


@require_GET
@booking_staff_required
def book_part(request: HttpRequest, part: str) -> HttpResponse:
    """An htmx fragment of the booking page: only what it shows is looked up."""
    if part not in PARTS:
        raise Http404("No such part of the booking page.")
    if part == "customers":
        page = customers_page(source=request.GET)
    elif part == "panel":
        page = panel_page(source=request.GET)
    else:
        page = choices_page(source=request.GET, **_who(request))
    return render(request, f"{TEMPLATE}#{PART_TEMPLATES.get(part, part)}", {"page": page})
