"""Cleaned forms → the StoreAppointment sent to Omneo, and the wire-key ↔ form-field table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking_portal.omneo.resources import (
    AnswerInput,
    Definition,
    Location,
    OrderLink,
    Person,
    StoreAppointment,
    TransactionLink,
)
from booking_portal.omneo.timeparse import WIRE_FORMAT
from booking_portal.writes.summary import BookingSummary

from .answer_encoding import encode_answer
from .answer_forms import AnswerForm
from .forms import BookingForm

# Every key the payload can hold, and the BookingForm field that answers for it.
WIRE_FIELD_TO_FORM_FIELD: dict[str, str] = {
    "appointment_definition_id": "definition",
    "profile_id": "profile",
    "location_id": "location",
    "assigned_staff_id": "staff",
    "scheduled_start_at": "slot",
    "scheduled_end_at": "slot",  # derived from the slot and the duration
    "timezone": "slot",
    "status": "status",
    "confirmed_at": "confirmed_at",
    "notes": "notes",
    "meta": "meta",
    "transaction": "transaction_id",
    "transaction.id": "transaction_id",
    "transaction.external_id": "transaction_external_id",
    "transaction.receipt_ref": "transaction_receipt_ref",
    "order": "order_id",
    "order.id": "order_id",
    "order.external_id": "order_external_id",
    "order.receipt_ref": "order_receipt_ref",
    "order.order_number": "order_number",
}
DEFAULT_STATUS = {"instant": "confirmed", "approval_required": "requested"}


@dataclass(frozen=True)
class BookingChoices:
    """What the staff member picked, as Omneo describes it."""

    definition: Definition
    location: Location
    zone: ZoneInfo
    profile: Person
    staff: Person | None


def _link(cls: type, name: str, data: dict) -> object | None:
    """The nested transaction or order from its form fields, or None when none is filled in."""
    prefix = f"{name}."
    values = {
        wire_key.removeprefix(prefix): data.get(form_field)
        for wire_key, form_field in WIRE_FIELD_TO_FORM_FIELD.items()
        if wire_key.startswith(prefix)
    }
    present = {key: value for key, value in values.items() if value not in (None, "")}
    return cls(**present) if present else None


def _answers(answer_forms: Sequence[AnswerForm]) -> tuple[tuple[AnswerInput, ...], list[int]]:
    answers, answer_index = [], []
    for position, answer_form in enumerate(answer_forms):
        if not answer_form.visible:
            continue  # a hidden question's answer is never sent
        value = encode_answer(answer_form.question, answer_form.cleaned_data.get("value"))
        if value == "":
            continue  # unanswered optional question
        answers.append(
            AnswerInput(
                questionnaire_question_id=answer_form.question.questionnaire_question_id,
                value=value,
            )
        )
        answer_index.append(position)
    return tuple(answers), answer_index


def _status(
    form_status: str, definition: Definition, confirmed: datetime | None, zone: ZoneInfo
) -> tuple[str, str | None]:
    """The status sent: the staff member's pick, else the booking type's default."""
    status = form_status or DEFAULT_STATUS.get(definition.booking_type, "requested")
    if confirmed is not None:
        # Typed as the store's wall clock (the page's zone), whatever zone Django read it in.
        confirmed = confirmed.replace(tzinfo=zone)
    elif status == "confirmed":
        confirmed = timezone.now()
    stamp = confirmed.astimezone(zone).strftime(WIRE_FORMAT) if confirmed else None
    return status, stamp


def store_appointment_from_forms(
    *, form: BookingForm, answer_forms: Sequence[AnswerForm], choices: BookingChoices
) -> tuple[StoreAppointment, list[int], BookingSummary]:
    """Build the body, the payload-answer → answer-form index map, and the record's summary."""
    data = form.cleaned_data
    definition, zone = choices.definition, choices.zone
    start = data["slot"].replace(tzinfo=zone)
    end = start + timedelta(minutes=definition.duration_minutes)
    status, confirmed_at = _status(data["status"], definition, data.get("confirmed_at"), zone)
    answers, answer_index = _answers(answer_forms)
    appointment = StoreAppointment(
        appointment_definition_id=definition.id,
        profile_id=choices.profile.id,
        location_id=choices.location.id,
        scheduled_start_at=start.strftime(WIRE_FORMAT),
        scheduled_end_at=end.strftime(WIRE_FORMAT),
        timezone=zone.key,
        assigned_staff_id=choices.staff.id if choices.staff else None,
        status=status,
        confirmed_at=confirmed_at,
        notes=data.get("notes") or None,
        meta=tuple(data["meta"]) or None,
        transaction=_link(TransactionLink, "transaction", data),
        order=_link(OrderLink, "order", data),
        answers=answers,
    )
    summary = BookingSummary(
        definition_id=definition.id,
        definition_name=definition.name,
        location_id=choices.location.id,
        location_name=choices.location.name,
        profile_id=choices.profile.id,
        customer_name=choices.profile.display_name,
        customer_email=choices.profile.email or "",
        staff_id=choices.staff.id if choices.staff else None,
        staff_name=choices.staff.display_name if choices.staff else "",
        start=start,
        end=end,
        timezone=zone.key,
    )
    return appointment, answer_index, summary
