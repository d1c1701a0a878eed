"""Check again: read an appointment back after a change whose outcome is unknown."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from booking_portal.appointments import messages
from booking_portal.appointments.views.outcome import back_to
from booking_portal.omneo.reads.appointments import appointment_status_forget
from booking_portal.staff.roles import booking_staff_required
from booking_portal.staff.scopes import store_required
from booking_portal.writes.selectors import writes_visible
from booking_portal.writes.tasks import recheck_now


@require_POST
@booking_staff_required
def write_check_again(request: HttpRequest, write_id: int) -> HttpResponse:
    """Staff's own writes (admins: anyone's); the outcome changes only on a settled answer."""
    write = writes_visible(user=request.user).filter(pk=write_id).first()
    if write is None:
        raise Http404("No such change.")
    if write.location_id is not None:  # a write of a store the user no longer works at: 403
        store_required(request.user, write.location_id)
    check = recheck_now(record=write)
    if write.appointment_id:
        appointment_status_forget(appointment_id=write.appointment_id)
    text = messages.WRITE_CHECKED[str(check.result)].format(kind=write.get_kind_display())
    flash.info(request, text)
    return back_to(request, appointment_id=write.appointment_id)
