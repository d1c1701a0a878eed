"""One appointment: its detail page and the lifecycle actions posted from it or from the day."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from booking_portal.appointments import messages
from booking_portal.appointments.detail_page import appointment_page
from booking_portal.appointments.forms import (
    SLOT_FORMAT,
    CancelForm,
    RescheduleForm,
    StatusActionForm,
    apply_write_errors,
)
from booking_portal.appointments.seen import Seen, seen_open
from booking_portal.appointments.services import (
    NotOffered,
    appointment_act,
    appointment_reschedule,
)
from booking_portal.appointments.transitions import Kind
from booking_portal.appointments.views.outcome import (
    back_to,
    failure_text,
    flash_already_sent,
    flash_done,
    flash_still_unsettled,
)
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.staff.roles import booking_staff_required
from booking_portal.staff.scopes import store_required, store_scope
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed

TEMPLATE = "appointments/detail.html"


def _detail(
    request: HttpRequest,
    appointment_id: int,
    *,
    source: QueryDict | None = None,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    source = source if source is not None else request.GET
    context = appointment_page(appointment_id=appointment_id, source=source, **forms)
    if "appointment" in context:
        store_required(request.user, context["appointment"].location_id)
    else:  # not read: show only the history of the user's own stores
        scope = store_scope(request.user)
        if not scope.every_store:
            context["history"] = context["history"].filter(location_id__in=scope.location_ids)
    return render(request, TEMPLATE, context, status=status)


@require_GET
@booking_staff_required
def detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    return _detail(request, appointment_id)


def _seen(request: HttpRequest, appointment_id: int) -> Seen | None:
    seen = seen_open(request.POST.get("seal", ""), appointment_id=appointment_id)
    if seen is None:
        flash.warning(request, messages.STALE_PAGE)
    else:  # the store the page showed, signed: another store's appointment is refused (403)
        store_required(request.user, seen.location_id)
    return seen


@require_POST
@booking_staff_required
def act(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """A one-press action (confirm, reject, arrived, completed, no-show) from the day or detail."""
    seen = _seen(request, appointment_id)
    form = StatusActionForm(request.POST)
    if seen is None or not form.is_valid():
        if seen is not None:
            flash.warning(request, messages.STALE_PAGE)
        return back_to(request, appointment_id=appointment_id)
    data = form.cleaned_data
    send = lambda: appointment_act(  # noqa: E731
        acted_by=request.user, seen=seen, kind=data["kind"], action_token=data["action_token"]
    )
    return _sent(request, appointment_id, seen, send)


def _sent(
    request: HttpRequest,
    appointment_id: int,
    seen: Seen,
    send: Callable[[], AppointmentWrite],
    form_class: type | None = None,
) -> HttpResponse:
    """Send one action and say what happened; a refused form comes back with its input."""
    try:
        write = send()
    except NotOffered:
        flash.warning(request, messages.NOT_OFFERED.format(status=seen.status.replace("_", " ")))
    except AlreadySent as duplicate:
        flash_already_sent(request, duplicate.record)
    except StillUnsettled as unsettled:
        flash_still_unsettled(request, unsettled.record)
    except WriteFailed as failure:
        if form_class is not None:
            return _refused(request, appointment_id, form_class, failure)
        flash.error(request, failure_text(failure))
    else:
        flash_done(request, write)
    return back_to(request, appointment_id=appointment_id)


def _fresh(posted: QueryDict) -> QueryDict:
    """The posted entries under a new token: the old one is spent on the refused write."""
    fresh = posted.copy()
    fresh["action_token"] = str(uuid.uuid4())
    return fresh


def _refused(
    request: HttpRequest, appointment_id: int, form_class: type, failure: WriteFailed, **forms: Any
) -> HttpResponse:
    """Unknown: say so and go back. Rejected or failed: the same form again, input kept."""
    if failure.record.outcome == AppointmentWrite.Outcome.UNKNOWN:
        flash.warning(request, messages.UNKNOWN)
        return back_to(request, appointment_id=appointment_id)
    form = form_class(_fresh(request.POST))
    form.is_valid()
    if isinstance(failure.error, OmneoValidationError):
        apply_write_errors(form=form, error=failure.error)
        status = 422
    else:
        status = 200
    name = "cancel_form" if form_class is CancelForm else "reschedule_form"
    return _detail(
        request,
        appointment_id,
        source=request.POST,
        notice=failure_text(failure),
        status=status,
        **{name: form},
    )


@require_POST
@booking_staff_required
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    seen = _seen(request, appointment_id)
    if seen is None:
        return back_to(request, appointment_id=appointment_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _detail(request, appointment_id, cancel_form=form, status=422)
    data = form.cleaned_data
    send = lambda: appointment_act(  # noqa: E731
        acted_by=request.user,
        seen=seen,
        kind=Kind.CANCEL,
        action_token=data["action_token"],
        reason=data["reason"],
    )
    return _sent(request, appointment_id, seen, send, CancelForm)


@require_POST
@booking_staff_required
def reschedule(request: HttpRequest, appointment_id: int) -> HttpResponse:
    seen = _seen(request, appointment_id)
    if seen is None:
        return back_to(request, appointment_id=appointment_id)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _detail(
            request, appointment_id, source=request.POST, reschedule_form=form, status=422
        )
    zone = store_zone(seen.zone, seen.timezone)  # the zone the page offered its times in
    wall_clock = datetime.strptime(form.cleaned_data["slot"], SLOT_FORMAT)  # noqa: DTZ007
    start = wall_clock.replace(tzinfo=zone)
    token = form.cleaned_data["action_token"]
    send = lambda: appointment_reschedule(  # noqa: E731
        acted_by=request.user, seen=seen, start=start, zone=zone, action_token=token
    )
    return _sent(request, appointment_id, seen, send, RescheduleForm)
