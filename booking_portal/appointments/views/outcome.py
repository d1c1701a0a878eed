"""Turning a write's result into what staff read: one flash message per outcome."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from booking_portal.appointments import messages
from booking_portal.common.display import status_in_words
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.sending import WriteFailed

Outcome = AppointmentWrite.Outcome


def back_to(request: HttpRequest, *, appointment_id: int | None = None) -> HttpResponse:
    """Where the form came from (the day, with its filters), else the appointment or the day."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    if appointment_id is not None:
        return redirect("appointments:detail", appointment_id=appointment_id)
    return redirect(reverse("appointments:day"))


def flash_done(request: HttpRequest, write: AppointmentWrite) -> None:
    if write.recovered:
        flash.success(request, messages.RECOVERED)
        return
    status = status_in_words(write.status_after).lower() if write.status_after else "changed"
    flash.success(request, messages.DONE.format(action=write.get_kind_display(), status=status))


def flash_already_sent(request: HttpRequest, write: AppointmentWrite) -> None:
    outcome = write.get_outcome_display().lower()
    flash.info(request, messages.ALREADY_SENT.format(outcome=outcome))


def flash_still_unsettled(request: HttpRequest, write: AppointmentWrite) -> None:
    """Another tab's (or colleague's) write to the same target is unsettled: nothing was sent."""
    flash.warning(request, messages.STILL_UNSETTLED.format(kind=write.get_kind_display()))


def failure_text(failure: WriteFailed) -> str:
    """The one sentence for a write that did not go through (or may not have)."""
    write = failure.record
    if write.outcome == Outcome.UNKNOWN:
        return messages.UNKNOWN
    if write.outcome == Outcome.REJECTED:
        detail = " ".join(write.error_messages[1:] or write.error_messages)
        return messages.REJECTED.format(detail=detail)
    if write.outcome == Outcome.FAILED and write.check_result:
        return messages.NOT_CHANGED
    return messages.refused_message(failure.error)
