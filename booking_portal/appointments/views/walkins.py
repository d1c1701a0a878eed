"""Walk-ins on the day: add one, call, serve or remove one, link a served one to its booking."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from booking_portal.appointments import messages
from booking_portal.appointments.forms import TokenForm, apply_write_errors
from booking_portal.appointments.page import day_page, waitlist_customers
from booking_portal.appointments.views.outcome import (
    back_to,
    failure_text,
    flash_already_sent,
    flash_still_unsettled,
)
from booking_portal.appointments.walkin_booking import (
    walk_in_booked,
    walk_in_forget,
    walk_in_remember,
)
from booking_portal.appointments.walkin_form import (
    WalkInActionForm,
    WalkInAddForm,
    walk_in_entry,
    walk_in_form_bound,
    walk_in_store,
)
from booking_portal.appointments.walkins import WalkInSeen, walk_in_offers, walk_in_open
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.staff.roles import booking_staff_required
from booking_portal.staff.scopes import store_from_request, store_required
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.queues import (
    queue_entry_moved_since,
    queue_write_add,
    queue_write_link,
    queue_write_status,
)
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed

TEMPLATE = "appointments/day.html"
PART = "appointments/_walkins.html"
Kind = AppointmentWrite.Kind


@require_GET
@booking_staff_required
@store_from_request()
def walk_ins_part(request: HttpRequest) -> HttpResponse:
    """Who is here now and the walk-ins (htmx refresh): the day and the queue, side by side."""
    page = day_page(
        user=request.user,
        source=request.GET,
        with_waitlist=False,
        walk_in_link=walk_in_booked(request.session, user=request.user),
    )
    return render(request, f"{PART}#walkins", {"page": page})


@require_GET
@booking_staff_required
def walk_in_customers_part(request: HttpRequest) -> HttpResponse:
    """The customers matching what staff typed, as the Add walk-in form's choices (htmx)."""
    customers, problem = waitlist_customers(request.GET.get("walkin-profile_search", ""))
    form = WalkInAddForm(customers=customers, customers_problem=problem)
    return render(request, f"{PART}#walkin-customers", {"form": form, "searched": True})


def _day_again(request: HttpRequest, form: WalkInAddForm, *, status: int) -> HttpResponse:
    """The day with the submitted form kept, its customer choices from the search it carried."""
    customers, problem = waitlist_customers(request.POST.get("walkin-profile_search", ""))
    form.fields["profile"].widget.choices = (
        WalkInAddForm(customers=customers).fields["profile"].widget.choices
    )
    form.customers_problem = problem
    page = day_page(
        user=request.user,
        source=request.POST,
        walkin_form=form,
        walk_in_link=walk_in_booked(request.session, user=request.user),
    )
    return render(request, TEMPLATE, {"page": page, "walkin_open": True}, status=status)


@require_POST
@booking_staff_required
@store_from_request()
def walk_in_add(request: HttpRequest) -> HttpResponse:
    """Queue a walk-in at the store shown on the day: one POST per token."""
    form = walk_in_form_bound(request.POST)
    store = walk_in_store(request.POST.get("location", ""))
    if store is None or not form.is_valid():
        if store is None:
            form.is_valid()
            form.add_error(None, messages.STORES_UNAVAILABLE)
        return _day_again(request, form, status=422)
    try:
        queue_write_add(
            written_by=request.user,
            action_token=form.cleaned_data["action_token"],
            entry=walk_in_entry(form, location_id=store.id),
            timezone_name=store_zone(store.timezone).key,
        )
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        if failure.record.outcome != AppointmentWrite.Outcome.UNKNOWN:
            fresh = walk_in_form_bound(request.POST, fresh_token=True)
            fresh.is_valid()
            if isinstance(failure.error, OmneoValidationError):
                apply_write_errors(form=fresh, error=failure.error)
            else:
                fresh.add_error(None, failure_text(failure))
            return _day_again(request, fresh, status=422)
        flash.error(request, failure_text(failure))
    else:
        flash.success(request, messages.WALK_IN_ADDED)
    return back_to(request)


def _moved(request: HttpRequest, seen: WalkInSeen, token: object) -> bool:
    """Whether the portal changed the entry after the page was shown (another tab, a colleague)."""
    moved = queue_entry_moved_since(entry_id=seen.id, since=seen.shown, other_than=token)
    if moved is not None:
        flash.warning(request, messages.WALK_IN_MOVED.format(kind=moved.get_kind_display()))
    return moved is not None


@require_POST
@booking_staff_required
def walk_in_act(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Call, serve or remove a walk-in: one PUT per token, never on a page that is out of date."""
    seen = walk_in_open(request.POST.get("seal", ""), entry_id=entry_id)
    if seen is not None:  # the store the page showed, signed: another store's is refused (403)
        store_required(request.user, seen.location_id)
    form = WalkInActionForm(request.POST)
    if seen is None or not form.is_valid():
        flash.warning(request, messages.STALE_PAGE)
        return back_to(request)
    kind, token = form.cleaned_data["kind"], form.cleaned_data["action_token"]
    if not walk_in_offers(seen.status, kind):
        action = Kind(kind).label.lower()
        flash.warning(
            request, messages.WALK_IN_NOT_OFFERED.format(status=seen.status, action=action)
        )
        return back_to(request)
    if _moved(request, seen, token):
        return back_to(request)
    try:
        write = queue_write_status(
            written_by=request.user,
            action_token=token,
            kind=kind,
            entry_id=entry_id,
            status_before=seen.status,
            meta=seen.meta,
            location_id=seen.location_id,
        )
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        flash.error(request, failure_text(failure))
    else:
        flash.success(request, messages.WALK_IN_DONE.format(action=write.get_kind_display()))
        if kind == Kind.QUEUE_SERVE and form.cleaned_data["book"]:
            return _to_booking(request, seen)
    return back_to(request)


def _to_booking(request: HttpRequest, seen: WalkInSeen) -> HttpResponse:
    """Open the booking page for the served walk-in; the day then offers to link the booking."""
    walk_in_remember(
        request.session,
        entry_id=seen.id,
        location_id=seen.location_id,
        profile_id=seen.profile_id,
    )
    params: dict[str, object] = {"location": seen.location_id}
    if seen.bookable:
        params["definition"] = seen.definition_id
    if seen.profile_id:
        params["profile"] = seen.profile_id
    return redirect(f"{reverse('bookings:book')}?{urlencode(params)}")


@require_POST
@booking_staff_required
def walk_in_link(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Set the served walk-in's appointment_id to the booking made for them (one PUT per token)."""
    booked = walk_in_booked(request.session, user=request.user)
    form = TokenForm(request.POST)
    if booked is None or booked.entry_id != entry_id or not form.is_valid():
        flash.warning(request, messages.STALE_PAGE)
        return back_to(request)
    try:
        write = queue_write_link(
            written_by=request.user,
            action_token=form.cleaned_data["action_token"],
            entry_id=entry_id,
            appointment_id=booked.appointment_id,
        )
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
        walk_in_forget(request.session)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        flash.error(request, failure_text(failure))
    else:
        flash.success(request, messages.WALK_IN_LINKED.format(appointment=write.appointment_id))
        walk_in_forget(request.session)
    return back_to(request)
