"""The contract's shape rules for an appointment's create and update bodies, as Laravel 422s."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox.validation import Errors, add, type_error

STATUSES = ("requested", "confirmed", "cancelled", "arrived", "completed", "no_show", "rejected")
REQUIRED = (
    ("appointment_definition_id", int),
    ("profile_id", str),
    ("location_id", int),
    ("scheduled_start_at", str),
    ("scheduled_end_at", str),
    ("timezone", str),
)
NULLABLE_STRINGS = ("assigned_staff_id", "confirmed_at", "notes")
UPDATABLE_TIMES = ("scheduled_start_at", "scheduled_end_at", "timezone")
NESTED = {
    "transaction": {"id": int, "external_id": str, "receipt_ref": str},
    "order": {"id": int, "external_id": str, "receipt_ref": str, "order_number": str},
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_answers(errors: Errors, answers: Any) -> None:
    if not isinstance(answers, list):
        add(errors, "answers", "The :attribute field must be an array.")
        return
    for index, answer in enumerate(answers):
        prefix = f"answers.{index}"
        if not isinstance(answer, dict):
            add(errors, prefix, "The :attribute field must be an array.")
            continue
        if (
            "questionnaire_question_id" in answer
            and answer["questionnaire_question_id"] is not None
        ):
            key = f"{prefix}.questionnaire_question_id"
            type_error(errors, key, answer["questionnaire_question_id"], int)
        if _blank(answer.get("value")):
            add(errors, f"{prefix}.value", "The :attribute field is required.")
        else:
            type_error(errors, f"{prefix}.value", answer["value"], str)


def _check_optional(errors: Errors, body: dict[str, Any]) -> None:
    """The optional fields a create and an update share: nullable strings, enum, meta, links."""
    for key in NULLABLE_STRINGS:
        if body.get(key) is not None:
            type_error(errors, key, body[key], str)
    status = body.get("status")
    if status is not None and status not in STATUSES:
        add(errors, "status", "The selected :attribute is invalid.")
    meta = body.get("meta")
    if meta is not None:
        if not isinstance(meta, list):
            add(errors, "meta", "The :attribute field must be an array.")
        else:
            for index, item in enumerate(meta):
                type_error(errors, f"meta.{index}", item, str)
    for name, fields in NESTED.items():
        nested = body.get(name)
        if nested is None:
            continue
        if not isinstance(nested, dict):
            add(errors, name, "The :attribute field must be an array.")
            continue
        for field, kind in fields.items():
            if nested.get(field) is not None:
                type_error(errors, f"{name}.{field}", nested[field], kind)


def contract_errors(body: Any) -> Errors:
    """Shape errors of a StoreAppointment body: required fields, types, the enum, nested objects."""
    errors: Errors = {}
    if not isinstance(body, dict):
        for key, _kind in REQUIRED:
            add(errors, key, "The :attribute field is required.")
        return errors
    for key, kind in REQUIRED:
        if _blank(body.get(key)):
            add(errors, key, "The :attribute field is required.")
        else:
            type_error(errors, key, body[key], kind)
    _check_optional(errors, body)
    if body.get("answers") is not None:
        _check_answers(errors, body["answers"])
    return errors


def update_contract_errors(body: Any) -> Errors:
    """Shape errors of a PUT /v3/appointments/{id} body: each field given, checked as on create."""
    errors: Errors = {}
    if not isinstance(body, dict):
        add(errors, "body", "The request body must be a JSON object.")
        return errors
    for key in UPDATABLE_TIMES:
        if key not in body:
            continue
        if _blank(body[key]):
            add(errors, key, "The :attribute field is required.")
        else:
            type_error(errors, key, body[key], str)
    if "status" in body and body["status"] is None:
        add(errors, "status", "The :attribute field is required.")
    _check_optional(errors, body)
    return errors
