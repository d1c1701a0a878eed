"""The contract's StoreAppointment rules, with Laravel's messages and dot-notation keys."""

from __future__ import annotations

from typing import Any

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

Errors = dict[str, list[str]]


def attribute(key: str) -> str:
    """Laravel's readable attribute: top-level underscores become spaces, dotted keys stay."""
    return key if "." in key else key.replace("_", " ")


def add(errors: Errors, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message.replace(":attribute", attribute(key)))


def type_error(errors: Errors, key: str, value: Any, kind: type) -> bool:
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        add(errors, key, "The :attribute field must be an integer.")
        return True
    if kind is str and not isinstance(value, str):
        add(errors, key, "The :attribute field must be a string.")
        return True
    return False


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


def laravel_body(errors: Errors) -> dict[str, Any]:
    """The 422 body: the first message, how many more, and every message by key."""
    messages = [message for key_messages in errors.values() for message in key_messages]
    summary = messages[0] if messages else "The given data was invalid."
    if len(messages) > 1:
        more = len(messages) - 1
        summary += f" (and {more} more error{'s' if more > 1 else ''})"
    return {"message": summary, "errors": errors}
