"""The waitlist on the day: add a customer, book one now, mark an entry fulfilled."""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from booking_portal.appointments import messages
from booking_portal.appointments.forms import TokenForm, WaitlistAddForm, apply_write_errors
from booking_portal.appointments.openings import opening_dismiss
from booking_portal.appointments.page import day_page, waitlist_customers, waitlist_form_bound
from booking_portal.appointments.views.outcome import (
    back_to,
    failure_text,
    flash_already_sent,
    flash_still_unsettled,
)
from booking_portal.appointments.waitlist import (
    waitlist_for_attempt,
    waitlist_forget,
    waitlist_remember,
)
from booking_portal.common.input_rules import parse_positive_id
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.omneo.resources import WaitlistEntryInput
from booking_portal.staff.roles import booking_staff_required
from booking_portal.staff.scopes import store_from_request, store_required
from booking_portal.writes.changes import waitlist_write_add, waitlist_write_fulfil
from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.selectors import attempts_visible
from booking_portal.writes.sending import WriteFailed

WIRE = "%Y-%m-%d %H:%M:%S"
DEFAULT_TIME = time(9, 0)


def _wanted(form: WaitlistAddForm) -> str | None:
    on, at = form.cleaned_data.get("desired_date"), form.cleaned_data.get("desired_time")
    if on is None:
        return None
    return datetime.combine(on, at or DEFAULT_TIME).strftime(WIRE)


@require_POST
@booking_staff_required
@store_from_request()
def waitlist_add(request: HttpRequest) -> HttpResponse:
    """Add a customer to the store's waitlist (the store shown on the day)."""
    page = day_page(user=request.user, source=request.POST, with_waitlist=False)
    form = waitlist_form_bound(request.POST)
    if page.location is None or not form.is_valid():
        return _day_again(request, form)
    entry = WaitlistEntryInput(
        appointment_definition_id=form.cleaned_data["definition"],
        profile_id=str(form.cleaned_data["profile"]),
        location_id=page.location.id,
        desired_start_at=_wanted(form),
        notes=form.cleaned_data["notes"] or None,
    )
    try:
        write = waitlist_write_add(
            written_by=request.user,
            action_token=form.cleaned_data["action_token"],
            entry=entry,
            timezone_name=page.day.zone.key if page.day else "",
        )
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        if isinstance(failure.error, OmneoValidationError):
            token = TokenForm.fresh().initial["action_token"]
            fresh = waitlist_form_bound(_with(request.POST, action_token=str(token)))
            fresh.is_valid()
            apply_write_errors(form=fresh, error=failure.error)
            return _day_again(request, fresh)
        flash.error(request, failure_text(failure))
    else:
        flash.success(request, messages.WAITLIST_ADDED.format(entry=write.waitlist_entry_id))
    return redirect(f"{reverse('appointments:day')}?{page.query}")


def _with(data: QueryDict, **values: str) -> QueryDict:
    changed = data.copy()
    for key, value in values.items():
        changed[key] = value
    return changed


@require_GET
@booking_staff_required
def waitlist_customers_part(request: HttpRequest) -> HttpResponse:
    """The customers matching what staff typed, as the add form's choices (htmx)."""
    customers, problem = waitlist_customers(request.GET.get("profile_search", ""))
    form = WaitlistAddForm(customers=customers, customers_problem=problem)
    context = {"form": form, "searched": True}
    return render(request, "appointments/day.html#waitlist-customers", context)


def _day_again(request: HttpRequest, form: WaitlistAddForm) -> HttpResponse:
    page = day_page(user=request.user, source=request.POST, waitlist_form=form)
    return render(request, "appointments/day.html", {"page": page}, status=422)


@require_GET
@booking_staff_required
@store_from_request()
def waitlist_book(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Remember the entry, then open the booking page filled in for its customer and service."""
    definition = parse_positive_id(request.GET.get("definition", ""))
    location = parse_positive_id(request.GET.get("location", ""))
    profile = request.GET.get("profile", "")
    if definition is None or location is None or not profile:
        raise Http404("No such waitlist entry.")
    waitlist_remember(
        request.session,
        entry_id=entry_id,
        definition=definition,
        location=location,
        profile=profile,
    )
    params = {"definition": definition, "location": location, "profile": profile}
    on = request.GET.get("date", "")
    if on:  # from a freed time: open the booking page on its day
        params["date"] = on
    return redirect(f"{reverse('bookings:book')}?{urlencode(params)}")


@require_POST
@booking_staff_required
def opening_dismiss_view(request: HttpRequest) -> HttpResponse:
    """Hide one freed-time match from this staff member's day; nothing is sent to Omneo."""
    entry = parse_positive_id(request.POST.get("entry", ""))
    appointment = parse_positive_id(request.POST.get("appointment", ""))
    if entry is not None and appointment is not None:
        opening_dismiss(request.session, entry_id=entry, appointment_id=appointment)
    return back_to(request)


@require_POST
@booking_staff_required
def waitlist_fulfil(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Mark the entry fulfilled with the appointment its booking created (one PUT per token)."""
    attempts = attempts_visible(user=request.user).filter(outcome=BookingAttempt.Outcome.CREATED)
    attempt_id = parse_positive_id(request.POST.get("attempt", ""))
    attempt = get_object_or_404(attempts, pk=attempt_id or 0)
    store_required(request.user, attempt.location_id)  # the entry is on that store's waitlist
    form = TokenForm(request.POST)
    if waitlist_for_attempt(request.session, attempt) != entry_id or not form.is_valid():
        flash.warning(request, messages.STALE_PAGE)
        return redirect("bookings:confirmation", attempt_id=attempt.pk)
    try:
        write = waitlist_write_fulfil(
            written_by=request.user,
            action_token=form.cleaned_data["action_token"],
            entry_id=entry_id,
            appointment_id=attempt.omneo_appointment_id,
            location_id=attempt.location_id,
            timezone_name=attempt.timezone,
        )
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        flash.error(request, failure_text(failure))
        return redirect("bookings:confirmation", attempt_id=attempt.pk)
    else:
        text = messages.WAITLIST_FULFILLED.format(entry=entry_id, appointment=write.appointment_id)
        flash.success(request, text)
    waitlist_forget(request.session)
    return back_to(request)
