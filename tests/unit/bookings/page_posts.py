"""A mocked tenant's ids, and booking POSTs as the page would send them (its seals included)."""

from __future__ import annotations

import re
import uuid

from tests.conftest import MOCK_BASE_URL

V3 = f"{MOCK_BASE_URL}/v3"
AVA = "9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01"
SAM = "5e0c7a1e-7d2b-4c55-8f1e-3b9a6d2c4e10"
SLOTS = {
    "data": {
        "date": "2026-05-11",
        "timezone": "Australia/Melbourne",
        "slots": [{"start_at": "2026-05-11 10:00:00", "end_at": "2026-05-11 10:30:00"}],
    }
}
MONTH = {
    "data": [
        {"start_at": "2026-05-11 10:00:00", "end_at": "2026-05-11 10:30:00"},
        {"start_at": "2026-05-13 09:00:00", "end_at": "2026-05-13 09:30:00"},
    ],
    "meta": {"timezone": "Australia/Melbourne"},
}

SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
PAGE_KEYS = ("definition", "location", "date", "staff", "profile_search", "profile")


def booking_post(client, *, seen: dict | None = None, **fields):
    """A booking as staff submit it: the values, and the choices the page they used carried.

    `seen` overrides what the page was showing when it was filled in (e.g. another date).
    """
    values = {
        "form_token": str(uuid.uuid4()),
        "definition": "1",
        "profile_search": "ava",
        "profile": AVA,
        "location": "13",
        "date": "2026-05-11",
        "slot": "2026-05-11T10:00",
        "answers-0-value": "slim",
        "transaction_id": "1001",
        "notes": "Bring the jacket",
        **fields,
    }
    shown_for = {key: values[key] for key in PAGE_KEYS if values.get(key)} | (seen or {})
    shown = client.get("/book/", shown_for)
    return {**dict(SEALS.findall(shown.text)), **values}
