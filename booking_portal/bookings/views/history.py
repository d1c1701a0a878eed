"""My bookings: a staff member's own attempts, one attempt's detail, and reopening it."""

from __future__ import annotations

import json

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from booking_portal.bookings import messages
from booking_portal.staff.roles import booking_staff_required
from booking_portal.writes.models import UNSETTLED, BookingAttempt, CheckResult
from booking_portal.writes.selectors import booking_attempt_get, booking_attempt_list
from booking_portal.writes.tasks import recheck_now

REOPENABLE = {BookingAttempt.Outcome.REJECTED, BookingAttempt.Outcome.FAILED}


@require_GET
@booking_staff_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    page = Paginator(booking_attempt_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "bookings/history/my_bookings.html", {"page": page})


def _attempt_or_404(request: HttpRequest, attempt_id: int) -> BookingAttempt:
    attempt = booking_attempt_get(user=request.user, attempt_id=attempt_id)
    if attempt is None:
        raise Http404("No such booking.")
    return attempt


@require_GET
@booking_staff_required
def attempt_detail(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_or_404(request, attempt_id)
    context = {
        "attempt": attempt,
        "reopenable": attempt.outcome in REOPENABLE,
        "unsettled": attempt.outcome in UNSETTLED,
        "check_message": messages.unsettled_message(attempt) if attempt.check_result else "",
        "sent": json.dumps(attempt.payload, indent=2, ensure_ascii=False),
    }
    return render(request, "bookings/history/attempt_detail.html", context)


@require_http_methods(["GET", "POST"])
@booking_staff_required
def attempt_reopen(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Back to the booking form with everything the attempt held, under a new token."""
    attempt = _attempt_or_404(request, attempt_id)
    return redirect(f"{reverse('bookings:book')}?reopen={attempt.pk}")


@require_POST
@booking_staff_required
def attempt_check(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Look an unsettled attempt up in Omneo now, then show what was found."""
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.outcome in UNSETTLED:
        recheck_now(record=attempt)
    if attempt.outcome == BookingAttempt.Outcome.CREATED:
        flash.success(request, messages.CHECK_RESULTS[CheckResult.FOUND])
        return redirect("bookings:confirmation", attempt_id=attempt.pk)
    return redirect("bookings:attempt_detail", attempt_id=attempt.pk)
