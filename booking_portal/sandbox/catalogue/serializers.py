"""The catalogue's JSON shapes: definitions, their questions, staff and locations."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data

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
