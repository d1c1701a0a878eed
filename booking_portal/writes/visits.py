"""Recording a customer's visit when they arrive: once per appointment, through the one pipeline.

A visit is its own write, targeted `visit:APPT-<appointment id>`: looked up by its external_id
before it is added, settled by the same look-up when Omneo's answer is lost, and sent again by
the worker only once Omneo is known not to have it. It never changes the appointment.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.tasks import task
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Appointment, VisitInput

from .lookups import visit_find
from .models import UNSETTLED, AppointmentWrite, CheckResult
from .records import AlreadySent, StillUnsettled, write_claim
from .sending import WriteFailed, write_send
from .settling import record_done
from .tasks import backoff_seconds

logger = logging.getLogger(__name__)
Kind, Outcome = AppointmentWrite.Kind, AppointmentWrite.Outcome
VISIT_TRIES = 20  # writes of one visit the worker makes before leaving it to an admin
VISIT_TOKENS = uuid.UUID("5b0f6c1e-63a4-4a55-9a57-0f6f3b7c9a11")  # derives a visit's token

RECORDED, RETRYING, REFUSED, GIVEN_UP = "recorded", "retrying", "refused", "given_up"


def visit_external_id(appointment_id: int) -> str:
    """The external_id a visit carries: Omneo's loyalty ties it to the appointment by it."""
    return f"APPT-{appointment_id}"


def visit_target(appointment_id: int) -> str:
    return f"visit:{visit_external_id(appointment_id)}"


def visit_input(
    *,
    appointment_id: int,
    zone: ZoneInfo,
    location_id: int | None,
    staff_id: str | None,
    at: datetime | None = None,
) -> VisitInput:
    """The visit's body: now (or `at`) on the store's wall clock, at its store, with its staff."""
    moment = (at or timezone.now()).astimezone(zone)
    return VisitInput(
        visited_at=moment.strftime("%Y-%m-%d %H:%M:%S"),
        timezone=zone.key,
        location_id=location_id,
        staff_id=staff_id or None,
        external_id=visit_external_id(appointment_id),
    )


def _visit_writes(appointment_id: int):
    return AppointmentWrite.objects.filter(kind=Kind.VISIT, target=visit_target(appointment_id))


def _record_unasked(write: AppointmentWrite, error: OmneoError) -> None:
    """The look-up before adding failed: nothing was sent, so the visit certainly is not added."""
    write.record(
        outcome=Outcome.FAILED,
        answered_at=timezone.now(),
        http_status=error.status,
        error_class=type(error).__name__,
        error_messages=[error.message],
        check_result=CheckResult.UNREACHABLE,
    )


def visit_record(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    appointment_id: int,
    profile_id: str,
    visit: VisitInput,
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """Add the customer's visit unless the portal or Omneo already has it (by its external_id).

    Raises AlreadySent, StillUnsettled or WriteFailed (rejected, failed or unknown).
    """
    recorded = _visit_writes(appointment_id).filter(outcome=Outcome.DONE).first()
    if recorded is not None:
        return recorded
    client = client or get_omneo_client()
    write = write_claim(
        AppointmentWrite,
        target={"target": visit_target(appointment_id)},
        action_token=action_token,
        written_by=written_by,
        kind=Kind.VISIT,
        appointment_id=appointment_id,
        profile_id=profile_id,
        body=visit.to_json(),
        location_id=visit.location_id,
        timezone=visit.timezone,
    )
    external_id = visit.external_id or visit_external_id(appointment_id)
    try:
        found = visit_find(client=client, profile_id=profile_id, external_id=external_id)
    except OmneoError as error:
        _record_unasked(write, error)
        raise WriteFailed(record=write, error=error) from error
    if found is not None:  # added before (by another tab, or outside the portal)
        now = timezone.now()
        record_done(write, found, answered_at=now, checked_at=now, check_result=CheckResult.FOUND)
        return write
    call = lambda: client.visit_create(profile_id, visit)  # noqa: E731
    return write_send(write, call, client=client, answer_status=201)


def visit_on_arrival(
    *,
    acted_by: Any,
    arrival_token: uuid.UUID | str,
    appointment_id: int,
    profile_id: str,
    visit: VisitInput,
    client: OmneoClient | None = None,
) -> AppointmentWrite | None:
    """Record the visit of an arrival Omneo took; never raises, so the arrival always stands.

    The visit's token is derived from the arrival's, so one arrival claims one visit. A visit
    not recorded now is settled and sent again by the worker.
    """
    if not profile_id:
        return None
    token = uuid.uuid5(VISIT_TOKENS, str(arrival_token))
    try:
        return visit_record(
            written_by=acted_by,
            action_token=token,
            appointment_id=appointment_id,
            profile_id=profile_id,
            visit=visit,
            client=client,
        )
    except (AlreadySent, StillUnsettled, WriteFailed) as held:
        logger.info(
            "Visit for appointment %s not recorded now: %s",
            appointment_id,
            type(held).__name__,
            extra={"appointment_id": appointment_id, "write_id": held.record.pk},
        )
        return held.record


def visit_follow_up(write: AppointmentWrite) -> None:
    """After the worker's check of a settled write: an arrival Omneo took records its visit (if
    its answer was lost, none was recorded when it was pressed); a visit Omneo lacks is retried.
    """
    if write.kind == Kind.ARRIVE and write.outcome == Outcome.DONE:
        _visit_for_settled_arrival(write)
    elif write.kind == Kind.VISIT and write.outcome == Outcome.FAILED:
        visit_retry_later(write)


def _visit_for_settled_arrival(arrival: AppointmentWrite) -> None:
    """The visit of an arrival, from Omneo's answer (or read-back) kept on its record."""
    body = arrival.response_body if isinstance(arrival.response_body, dict) else {}
    if not isinstance(body.get("data"), dict) or arrival.appointment_id is None:
        return
    appointment = Appointment.from_json(body["data"])
    visit = visit_input(
        appointment_id=arrival.appointment_id,
        zone=store_zone(arrival.timezone, appointment.timezone),
        location_id=appointment.location_id or arrival.location_id,
        staff_id=appointment.assigned_staff_id,
        at=arrival.created_at,
    )
    visit_on_arrival(
        acted_by=arrival.written_by,
        arrival_token=arrival.action_token,
        appointment_id=arrival.appointment_id,
        profile_id=appointment.profile_id or "",
        visit=visit,
    )


def visit_retry_later(write: AppointmentWrite) -> None:
    """Queue the visit to be sent again (Omneo does not have it), unless tries are used up."""
    tries = _visit_writes(write.appointment_id).count()
    if tries >= VISIT_TRIES:
        logger.warning(
            "Visit for appointment %s not recorded after %s tries",
            write.appointment_id,
            tries,
            extra={"appointment_id": write.appointment_id, "write_id": write.pk},
        )
        return
    run_after = timezone.now() + timedelta(seconds=backoff_seconds(tries - 1))
    visit_retry.using(run_after=run_after).enqueue(write.pk)


@task
def visit_retry(write_id: int) -> str:
    """Send a failed visit again, under a new token, unless a later write of it came since."""
    failed = AppointmentWrite.objects.filter(pk=write_id, kind=Kind.VISIT).first()
    if failed is None:
        return "gone"
    latest = _visit_writes(failed.appointment_id).order_by("-created_at", "-pk").first()
    if latest is None or latest.pk != failed.pk or failed.outcome != Outcome.FAILED:
        return "superseded"
    try:
        write = visit_record(
            written_by=failed.written_by,
            action_token=uuid.uuid4(),
            appointment_id=failed.appointment_id,
            profile_id=failed.profile_id,
            visit=VisitInput(**failed.body),
        )
    except (AlreadySent, StillUnsettled, WriteFailed) as held:
        return str(held.record.outcome)
    return str(write.outcome)


def visit_states(*, appointment_ids: Iterable[int]) -> dict[int, str]:
    """How each appointment's visit stands: recorded, retrying, refused or given up.

    Read from the write records only; an appointment without a visit write is left out.
    """
    states: dict[int, str] = {}
    tries: dict[int, int] = {}
    writes = AppointmentWrite.objects.filter(
        kind=Kind.VISIT, appointment_id__in=list(appointment_ids)
    ).order_by("created_at", "pk")
    for write in writes.values("appointment_id", "outcome"):
        appointment_id, outcome = write["appointment_id"], write["outcome"]
        tries[appointment_id] = tries.get(appointment_id, 0) + 1
        if states.get(appointment_id) == RECORDED:
            continue
        if outcome == Outcome.DONE:
            states[appointment_id] = RECORDED
        elif outcome == Outcome.REJECTED:
            states[appointment_id] = REFUSED
        elif outcome in UNSETTLED or tries[appointment_id] < VISIT_TRIES:
            states[appointment_id] = RETRYING
        else:
            states[appointment_id] = GIVEN_UP
    return states
