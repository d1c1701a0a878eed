"""The sandbox's JSON shapes, as the contract and Omneo's documents describe them."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data
from booking_portal.sandbox.appointments.lifecycle import STATUS_STAMPS
from booking_portal.sandbox.http import iso
from booking_portal.sandbox.models import SandboxAppointment, SandboxWaitlistEntry
from booking_portal.sandbox.profiles.store import profile_of

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def location_json(location: dict[str, Any]) -> dict[str, Any]:
    return {key: location[key] for key in ("id", "name", "handle", "timezone")}


def staff_summary(staff_id: str) -> dict[str, Any]:
    person = data.STAFF[staff_id]
    return {key: person[key] for key in ("id", "first_name", "last_name", "email")}


def staff_hours_json(staff_id: str) -> list[dict[str, str]]:
    """A staff member's weekly hours in the contract's staff normal_hours shape."""
    return [
        {
            "id": f"{staff_id}:{day}",
            "day_of_week": DAY_NAMES[day],
            "available_from": opens,
            "available_until": closes,
            "is_closed": "0",
        }
        for day, (opens, closes) in data.STAFF[staff_id]["hours"].items()
    ]


def _stamps(definition_id: int, index: int) -> dict[str, Any]:
    return {
        "id": definition_id * 10 + index,
        "appointment_definition_id": definition_id,
        "created_at": data.DEMO_STAMP,
        "updated_at": data.DEMO_STAMP,
    }


def definition_json(definition: dict[str, Any]) -> dict[str, Any]:
    """A full AppointmentDefinition (notification targets unset in the demo)."""
    plain = {
        key: value
        for key, value in definition.items()
        if key not in ("location_ids", "staff_ids", "questions", "hours")
    }
    notify = {
        f"notify_{event}_offset_{unit}": None
        for event in ("created", "confirmed", "cancelled", "rejected", "reminder")
        for unit in ("days", "hours")
    }
    targets = {
        f"{event}_target_id": None
        for event in ("created", "confirmed", "cancelled", "rejected", "reminder")
    }
    return {
        **plain,
        **notify,
        **targets,
        "meta": None,
        "has_booking_questionnaire": bool(definition["questions"]),
        "normal_hours": [
            {
                **_stamps(definition["id"], day),
                "day_of_week": DAY_NAMES[day],
                "available_from": opens,
                "available_until": closes,
                "is_closed": "0",
            }
            for day, (opens, closes) in definition["hours"].items()
        ],
        "special_hours": [],
        "locations": [location_json(data.LOCATIONS[i]) for i in definition["location_ids"]],
        "staff": [
            {
                **_stamps(definition["id"], index),
                "staff_id": sid,
                "is_active": True,
                "staff": {
                    **staff_summary(sid),
                    "mobile_phone": data.STAFF[sid]["mobile_phone"],
                    "normal_hours": staff_hours_json(sid),
                    "special_hours": [],
                },
            }
            for index, sid in enumerate(definition["staff_ids"])
        ],
        "booking_questionnaire": None,
        "created_at": data.DEMO_STAMP,
        "updated_at": data.DEMO_STAMP,
    }


def question_json(question: dict[str, Any], position: int) -> dict[str, Any]:
    """A booking question in the versioned shape."""
    qq_id = question["questionnaire_question_id"]
    condition = question["visibility_condition"]
    dependencies = condition_vars(condition)
    return {
        "id": qq_id,
        "questionnaire_question_id": qq_id,
        "question_id": qq_id + 500,
        "question_version_id": qq_id + 900,
        "mapping_key": question["mapping_key"],
        "sort_order": position,
        "is_required": question["is_required"],
        "is_active": True,
        "visibility_condition": condition,
        "visibility_dependencies": dependencies,
        "question": {
            "id": qq_id + 500,
            "handle": question["mapping_key"],
            "name": question["label"],
        },
        "version": {
            "label": question["label"],
            "help_text": question["help_text"],
            "type": question["type"],
            "options": question["options"],
            "validation": question["validation"],
            "default_value": None,
        },
    }


def condition_vars(condition: Any) -> list[str]:
    """The mapping keys a JSONLogic condition reads through {"var": ...}, in order, once each."""
    found: list[str] = []
    pending = [condition]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, dict):
            for operator, operands in item.items():
                if operator == "var":
                    name = operands[0] if isinstance(operands, list) and operands else operands
                    if isinstance(name, str) and name and name not in found:
                        found.append(name)
                else:
                    pending.insert(0, operands)
    return found


def person_json(person: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "first_name", "last_name", "full_name", "email", "mobile_phone")
    return {key: person.get(key) for key in keys if key in person}


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
        "timezone": appointment.timezone,
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


def waitlist_entry_json(entry: SandboxWaitlistEntry) -> dict[str, Any]:
    """A waitlist entry: UTC times, the nested profile, store and service summaries."""
    definition = data.DEFINITIONS[entry.definition_id]
    profile = profile_of(entry.profile_id)
    return {
        "id": entry.pk,
        "appointment_definition_id": entry.definition_id,
        "appointment_definition": {key: definition[key] for key in ("id", "name", "handle")},
        "profile_id": entry.profile_id,
        "profile": {key: profile[key] for key in ("id", "first_name", "last_name", "email")},
        "location_id": entry.location_id,
        "location": location_json(data.LOCATIONS[entry.location_id]),
        "status": entry.status,
        "desired_start_at": iso(entry.desired_start),
        "appointment_id": entry.appointment_id,
        "notes": entry.notes or None,
        "meta": entry.meta,
        "fulfilled_at": iso(entry.fulfilled_at),
        "cancelled_at": iso(entry.cancelled_at),
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }
