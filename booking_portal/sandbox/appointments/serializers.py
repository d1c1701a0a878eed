"""The appointment's JSON shape, as the contract and Omneo's documents describe it."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data
from booking_portal.sandbox.catalogue.serializers import (
    definition_json,
    location_json,
    staff_summary,
)
from booking_portal.sandbox.http import iso
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.sandbox.profiles.store import profile_of

from .lifecycle import STATUS_STAMPS


def _answer_json(appointment: SandboxAppointment, index: int, answer: dict) -> dict[str, Any]:
    definition = data.DEFINITIONS[appointment.definition_id]
    question = next(
        q
        for q in definition["questions"]
        if q["questionnaire_question_id"] == answer["questionnaire_question_id"]
    )
    stamp = iso(appointment.created_at)
    return {
        "id": appointment.pk * 100 + index,
        "questionnaire_id": definition["id"],
        "questionnaire_question_id": question["questionnaire_question_id"],
        "question_id": question["questionnaire_question_id"] + 500,
        "question_handle": question["mapping_key"],
        "question_version_id": question["questionnaire_question_id"] + 900,
        "profile_id": appointment.profile_id,
        "answerable_type": "appointment",
        "answerable_id": str(appointment.pk),
        "mapping_key": question["mapping_key"],
        "link_type": "none",
        "link_target": None,
        "link_write_policy": None,
        "question_label": question["label"],
        "question_type": question["type"],
        "question_required": question["is_required"],
        "answer_type": "string",
        "value": answer["value"],
        "mappable_type": None,
        "mappable_id": None,
        "mapped_field": None,
        "mapping_status": "skipped",
        "mapping_error": None,
        "mapped_at": None,
        "meta": None,
        "created_at": stamp,
        "updated_at": stamp,
    }


def appointment_json(appointment: SandboxAppointment) -> dict[str, Any]:
    """A full Appointment: UTC times, nested summaries, null for unset timestamps."""
    definition = data.DEFINITIONS[appointment.definition_id]
    profile = profile_of(appointment.profile_id)
    stamps = {"approved_at": None}
    stamps.update({name: iso(getattr(appointment, name)) for name in STATUS_STAMPS.values()})
    transaction, order = appointment.transaction, appointment.order
    return {
        "id": appointment.pk,
        "appointment_definition_id": definition["id"],
        "appointment_definition": definition_json(definition),
        "profile_id": appointment.profile_id,
        "profile": {key: profile[key] for key in ("id", "first_name", "last_name", "email")},
        "location_id": appointment.location_id,
        "location": location_json(data.LOCATIONS[appointment.location_id]),
        "assigned_staff_id": appointment.staff_id or None,
        "assigned_staff": staff_summary(appointment.staff_id) if appointment.staff_id else None,
        "status": appointment.status,
        "scheduled_start_at": iso(appointment.start),
        "scheduled_end_at": iso(appointment.end),
        "timezone": appointment.timezone or None,  # Omneo allows an appointment without one
        **stamps,
        "approved_by": None,
        "cancelled_by": None,
        "rejected_by": None,
        "transaction_id": transaction["id"] if transaction else None,
        "order_id": order["id"] if order else None,
        "transaction": transaction,
        "order": order,
        "answers": [_answer_json(appointment, i, a) for i, a in enumerate(appointment.answers)],
        "links": [],
        "notes": appointment.notes or None,
        "meta": appointment.meta,
        "created_at": iso(appointment.created_at),
        "updated_at": iso(appointment.updated_at),
    }
