"""Omneo's business rules for a create that passed the contract's shape checks."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone

from booking_portal.common.jsonlogic import is_visible
from booking_portal.sandbox import data
from booking_portal.sandbox.availability import slots
from booking_portal.sandbox.http import as_day, wall_clock
from booking_portal.sandbox.profiles.store import profile_find
from booking_portal.sandbox.validation import Errors, add

NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass
class Booking:
    """What a valid create will store."""

    definition: dict[str, Any]
    location: dict[str, Any]
    profile: dict[str, Any]
    staff_id: str | None
    start: datetime
    end: datetime
    answers: list[dict[str, Any]] = field(default_factory=list)


def _check_answer_value(errors: Errors, key: str, question: dict[str, Any], value: str) -> None:
    kind = question["type"]
    options = {option["value"] for option in question["options"]}
    if kind == "single_select" and value not in options:
        add(errors, key, "The selected :attribute is invalid.")
    elif kind == "multi_select":
        try:
            chosen = json.loads(value)
        except ValueError:
            chosen = None
        if not isinstance(chosen, list) or not set(map(str, chosen)) <= options:
            add(errors, key, "The selected :attribute is invalid.")
    elif kind in ("number", "slider"):
        if not NUMBER.fullmatch(value.strip()):
            add(errors, key, "The :attribute field must be a number.")
            return
        number = float(value)
        low, high = question["validation"].get("min"), question["validation"].get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            add(errors, key, f"The :attribute field must be between {low} and {high}.")
    elif kind == "boolean" and value not in ("true", "false"):
        add(errors, key, "The :attribute field must be true or false.")
    elif kind == "date":
        answered = as_day(value)
        if answered is None:
            add(errors, key, "The :attribute field must match the format Y-m-d.")
            return
        if question["validation"].get("after_or_equal") == "today" and answered < _today():
            add(errors, key, "The :attribute field must be a date after or equal to today.")


def _today() -> date:
    return timezone.now().astimezone(ZoneInfo(settings.PORTAL_DEFAULT_TIMEZONE)).date()


def _check_answers(errors: Errors, definition: dict[str, Any], answers: list[dict]) -> None:
    questions = {q["questionnaire_question_id"]: q for q in definition["questions"]}
    by_key: dict[str, str] = {}
    for index, answer in enumerate(answers):
        question = questions.get(answer.get("questionnaire_question_id"))
        if question is None:
            key = f"answers.{index}.questionnaire_question_id"
            add(errors, key, "The selected :attribute is invalid.")
            continue
        by_key[question["mapping_key"]] = answer["value"]
        _check_answer_value(errors, f"answers.{index}.value", question, answer["value"])
    for question in definition["questions"]:
        visible = is_visible(question["visibility_condition"], by_key)
        if question["is_required"] and visible and question["mapping_key"] not in by_key:
            add(errors, "answers", f'An answer to "{question["label"]}" is required.')


def linked_records(body: dict[str, Any]) -> tuple[dict | None, dict | None]:
    """The transaction and order a valid body links: by transaction id, order number or id."""
    order_number = (body.get("order") or {}).get("order_number")
    order_id = (body.get("order") or {}).get("id")
    order = data.ORDERS.get(order_number) or next(
        (o for o in data.ORDERS.values() if o["id"] == order_id), None
    )
    return data.TRANSACTIONS.get((body.get("transaction") or {}).get("id")), order


def check_links(errors: Errors, body: dict[str, Any]) -> None:
    transaction = body.get("transaction") or {}
    if "id" in transaction and transaction["id"] not in data.TRANSACTIONS:
        add(errors, "transaction.id", "The selected :attribute is invalid.")
    order = body.get("order") or {}
    if "order_number" in order and order["order_number"] not in data.ORDERS:
        add(errors, "order.order_number", "The selected :attribute is invalid.")
    known_order_ids = {item["id"] for item in data.ORDERS.values()}
    if "id" in order and order["id"] not in known_order_ids:
        add(errors, "order.id", "The selected :attribute is invalid.")


def check_staff(errors: Errors, body: dict[str, Any], definition: dict, location_id: int) -> None:
    staff_id = body.get("assigned_staff_id")
    if definition["requires_staff"] and not staff_id:
        add(errors, "assigned_staff_id", "The :attribute field is required.")
    elif staff_id and staff_id not in slots.staff_pool(definition, location_id):
        add(errors, "assigned_staff_id", "The selected :attribute is invalid.")


def check_time(
    errors: Errors,
    body: dict[str, Any],
    definition: dict,
    location: dict,
    *,
    exclude_id: int | None = None,
) -> None:
    """Zone, format, duration, hours, lead and advance limits, then capacity (but exclude_id)."""
    zone = slots.location_zone(location)
    try:
        sent_zone = ZoneInfo(body["timezone"])
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        add(errors, "timezone", "The :attribute field must be a valid timezone.")
        return
    if location["timezone"] and sent_zone.key != zone.key:
        add(errors, "timezone", f"The :attribute must be the store's time zone ({zone.key}).")
        return
    start = wall_clock(body["scheduled_start_at"], sent_zone)
    end = wall_clock(body["scheduled_end_at"], sent_zone)
    if start is None:
        add(errors, "scheduled_start_at", "The :attribute field must match the format Y-m-d H:i:s.")
    if end is None:
        add(errors, "scheduled_end_at", "The :attribute field must match the format Y-m-d H:i:s.")
    if start is None or end is None:
        return
    duration = definition["duration_minutes"]
    if end - start != timedelta(minutes=duration):
        add(
            errors,
            "scheduled_end_at",
            f"The :attribute must be {duration} minutes after the start.",
        )
    if start not in slots.grid(definition, location, start.date()):
        add(errors, "scheduled_start_at", "The :attribute is outside the service's hours.")
        return
    staff_id = body.get("assigned_staff_id")
    if definition["requires_staff"] and not slots.staff_works(staff_id, start, end):
        add(errors, "scheduled_start_at", "The :attribute is outside the staff member's hours.")
        return
    window = slots.within_booking_window(definition, zone, start)
    if window == "lead":
        lead = definition["min_lead_minutes"]
        add(errors, "scheduled_start_at", f"The :attribute must be at least {lead} minutes away.")
    elif window == "advance":
        days = definition["max_advance_days"]
        add(errors, "scheduled_start_at", f"The :attribute must be within {days} days.")
    elif not slots.remaining_capacity(
        definition, location["id"], start, end, staff_id, exclude_id=exclude_id
    ):
        add(errors, "scheduled_start_at", "That time is no longer available.")


def business_errors(body: dict[str, Any]) -> tuple[Errors, Booking | None]:
    """Check the rules; return the errors, or the booking to store when there are none."""
    errors: Errors = {}
    definition = data.DEFINITIONS.get(body["appointment_definition_id"])
    if not definition or not definition["is_published"] or definition["is_archived"]:
        add(errors, "appointment_definition_id", "The selected :attribute is invalid.")
        return errors, None
    profile = profile_find(body["profile_id"])
    if profile is None:
        add(errors, "profile_id", "The selected :attribute is invalid.")
    location = data.LOCATIONS.get(body["location_id"])
    if location is None or location["id"] not in definition["location_ids"]:
        add(errors, "location_id", "The selected :attribute is not offered for this service.")
        location = None
    if location is not None:
        check_staff(errors, body, definition, location["id"])
        if not errors.get("assigned_staff_id"):
            check_time(errors, body, definition, location)
    check_links(errors, body)
    _check_answers(errors, definition, body.get("answers") or [])
    if errors or location is None or profile is None:
        return errors, None
    zone = ZoneInfo(body["timezone"])
    start = wall_clock(body["scheduled_start_at"], zone)
    end = wall_clock(body["scheduled_end_at"], zone)
    if start is None or end is None:  # checked in check_time; kept for the type checker
        return errors, None
    staff_id = body.get("assigned_staff_id")
    return errors, Booking(
        definition, location, profile, staff_id, start, end, body.get("answers") or []
    )
