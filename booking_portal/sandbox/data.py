"""The sandbox's demo tenant: services, stores, staff, customers, transactions and orders."""

from __future__ import annotations

import uuid
from typing import Any

NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-4e0a-9c1d-5a3b2e7f9d10")
DEMO_STAMP = "2026-01-05T00:00:00.000000Z"
# Weekly hours, Monday = 0, as store-local wall-clock (opens, closes). Slots are the intersection
# of the service's hours, the store's and, for staff services, the staff member's.
OPEN_ALL_WEEK = dict.fromkeys(range(7), ("06:00", "22:00"))
DAYTIME = dict.fromkeys(range(7), ("07:00", "21:00"))
OFFICE_HOURS = {
    **dict.fromkeys(range(5), ("09:00", "17:00")),
    5: ("10:00", "16:00"),
    6: ("10:00", "16:00"),
}


def demo_uuid(name: str) -> str:
    """A stable profile UUID for a demo person."""
    return str(uuid.uuid5(NAMESPACE, name))


LOCATIONS: dict[int, dict[str, Any]] = {
    13: {
        "id": 13,
        "name": "Melbourne Central",
        "handle": "melbourne-central",
        "timezone": "Australia/Melbourne",
        "hours": OPEN_ALL_WEEK,
    },
    14: {
        "id": 14,
        "name": "Brisbane Queen Street",
        "handle": "brisbane-queen-st",
        "timezone": "Australia/Brisbane",
        "hours": OPEN_ALL_WEEK,
    },
    15: {
        "id": 15,
        "name": "Perth Murray Street",
        "handle": "perth-murray-st",
        "timezone": "Australia/Perth",
        "hours": OPEN_ALL_WEEK,
    },
    16: {
        "id": 16,
        "name": "Pop-up (zone not set)",
        "handle": "pop-up",
        "timezone": None,
        "hours": OPEN_ALL_WEEK,
    },
}

STAFF_NAMES = {
    13: [("Mia", "Chen"), ("Noah", "Walker")],
    14: [("Isla", "Brown"), ("Leo", "Singh")],
    15: [("Ruby", "Taylor"), ("Jack", "Murphy")],
    16: [("Zara", "Ali")],
}
STAFF: dict[str, dict[str, Any]] = {}
for location_id, names in STAFF_NAMES.items():
    for position, (first, last) in enumerate(names):
        staff_id = demo_uuid(f"staff:{first}.{last}")
        STAFF[staff_id] = {
            "id": staff_id,
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}.{last.lower()}@stores.example",
            "mobile_phone": f"+61400{location_id:02d}{position:04d}",
            "location_id": location_id,
            # The first at each store works all the store's hours, so any day has staff slots.
            "hours": OPEN_ALL_WEEK if position == 0 else OFFICE_HOURS,
        }

CUSTOMER_NAMES = [
    ("Ava", "Nguyen"),
    ("Oliver", "Smith"),
    ("Charlotte", "Jones"),
    ("William", "Williams"),
    ("Amelia", "Brown"),
    ("Jack", "Wilson"),
    ("Isla", "Taylor"),
    ("Henry", "Johnson"),
    ("Mia", "White"),
    ("Thomas", "Martin"),
    ("Grace", "Anderson"),
    ("James", "Thompson"),
    ("Chloe", "Nguyen"),
    ("Lucas", "Harris"),
    ("Ella", "Lee"),
    ("Ethan", "Ryan"),
    ("Zoe", "Kelly"),
    ("Max", "Walker"),
    ("Sophie", "Hall"),
    ("Harrison", "Young"),
    ("Matilda", "King"),
    ("Archie", "Wright"),
    ("Lily", "Scott"),
    ("Hudson", "Green"),
    ("Evie", "Baker"),
    ("Oscar", "Adams"),
    ("Ruby", "Campbell"),
    ("Leo", "Mitchell"),
]
PROFILES: dict[str, dict[str, Any]] = {}
for index, (first, last) in enumerate(CUSTOMER_NAMES):
    profile_id = demo_uuid(f"customer:{first}.{last}")
    PROFILES[profile_id] = {
        "id": profile_id,
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower()}@example.com",
        "mobile_phone": f"+614{12300000 + index * 7919:08d}",
    }

TRANSACTIONS = {
    number: {
        "id": number,
        "external_id": f"POS-{number}",
        "receipt_ref": f"R-{number}",
        "total": 100.0 + number % 100,
        "status": "completed",
    }
    for number in range(1001, 1011)
}
ORDERS = {
    f"SO-{number}": {
        "id": number,
        "external_id": f"WEB-{number}",
        "receipt_ref": f"W-{number}",
        "order_number": f"SO-{number}",
        "total": 80.0 + number % 50,
        "status": "paid",
    }
    for number in range(2001, 2011)
}


def _definition(**fields: Any) -> dict[str, Any]:
    base = {
        "description": None,
        "is_published": True,
        "is_archived": False,
        "duration_minutes": 30,
        "buffer_before_minutes": 0,
        "buffer_after_minutes": 0,
        "min_lead_minutes": 30,
        "max_advance_days": 60,
        "slot_interval_minutes": 30,
        "booking_type": "instant",
        "allow_customer_booking": True,
        "allow_walk_in": False,
        "requires_staff": False,
        "customer_must_select_staff": False,
        "use_staff_from_location": False,
        "max_concurrent_bookings": 1,
        "allow_waitlist": True,
        "allow_queue": False,
        "hours": OPEN_ALL_WEEK,
        "location_ids": [13, 14, 15, 16],
        "staff_ids": [],
        "questions": [],
    }
    return {**base, **fields}


def _question(qq_id: int, key: str, label: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "questionnaire_question_id": qq_id,
        "mapping_key": key,
        "label": label,
        "type": kind,
        "is_required": extra.pop("required", False),
        "options": extra.pop("options", []),
        "help_text": extra.pop("help_text", ""),
        "validation": extra.pop("validation", {}),
        "visibility_condition": extra.pop("visible_when", None),
    }


def _options(*values: str) -> list[dict[str, str]]:
    return [{"label": value.replace("_", " ").capitalize(), "value": value} for value in values]


FITTING_QUESTIONS = [
    _question(
        21,
        "garment",
        "Which garment?",
        "single_select",
        required=True,
        options=_options("suit", "blazer", "trousers", "dress"),
    ),
    _question(22, "preferred_fit", "Preferred fit", "text", help_text="e.g. slim, relaxed"),
    _question(23, "has_alterations", "Does it need alterations?", "boolean"),
    _question(
        24,
        "alterations",
        "What needs altering?",
        "textarea",
        required=True,
        # Answers are compared as sent on the wire: a yes/no answer is the string "true" or
        # "false" (booking_portal.common.jsonlogic also treats "true" == true as equal).
        visible_when={"==": [{"var": "has_alterations"}, "true"]},
    ),
    _question(
        25,
        "areas",
        "Areas to check",
        "multi_select",
        options=_options("shoulders", "sleeves", "waist", "hem"),
    ),
    _question(
        26, "event_date", "Date of the event", "date", validation={"after_or_equal": "today"}
    ),
    _question(27, "chest_cm", "Chest (cm)", "number", validation={"min": 50, "max": 200}),
]

DEFINITIONS: dict[int, dict[str, Any]] = {
    1: _definition(
        id=1,
        handle="suit-fitting",
        name="Suit fitting",
        allow_walk_in=True,
        duration_minutes=45,
        slot_interval_minutes=15,
        max_concurrent_bookings=2,
        description="A tailor's fitting with a short questionnaire.",
        questions=FITTING_QUESTIONS,
    ),
    2: _definition(
        id=2,
        handle="styling-consultation",
        name="Styling consultation",
        duration_minutes=60,
        hours=DAYTIME,
        requires_staff=True,
        customer_must_select_staff=True,
        use_staff_from_location=True,
        location_ids=[13, 14, 15],
        questions=[_question(31, "occasion", "Occasion", "text", required=True)],
    ),
    3: _definition(
        id=3,
        handle="watch-repair",
        name="Watch repair drop-off",
        booking_type="approval_required",
        allow_walk_in=True,
        duration_minutes=20,
        slot_interval_minutes=None,
        location_ids=[13, 15],
        questions=[_question(41, "serial", "Serial number", "text")],
    ),
    4: _definition(
        id=4,
        handle="walk-in-alterations",
        name="Walk-in alterations",
        booking_type="walk_in_only",
        allow_walk_in=True,
        allow_customer_booking=False,
        allow_waitlist=False,
    ),
    5: _definition(
        id=5, handle="old-service", name="Retired service", is_archived=True, allow_waitlist=False
    ),
    6: _definition(id=6, handle="draft-service", name="Draft service", is_published=False),
    # Its own staff rows (not the store's), and the store may pick who serves the customer.
    7: _definition(
        id=7,
        handle="bespoke-tailoring",
        name="Bespoke tailoring",
        duration_minutes=90,
        min_lead_minutes=120,
        max_advance_days=90,
        requires_staff=True,
        location_ids=[13, 14],
        staff_ids=[demo_uuid("staff:Mia.Chen"), demo_uuid("staff:Leo.Singh")],
    ),
}
