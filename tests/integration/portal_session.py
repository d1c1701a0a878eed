"""A staff member's browser session against the live portal, with plain HTTP."""

from __future__ import annotations

import re
from datetime import timedelta

import requests
from django.utils import timezone

from booking_portal.sandbox import data
from tests.conftest import STAFF_PASSWORD

AVA = data.demo_uuid("customer:Ava.Nguyen")
TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')


def signed_in_session(base_url: str, username: str) -> requests.Session:
    """Sign in through the real login form (CSRF and all)."""
    session = requests.Session()
    session.get(f"{base_url}/accounts/login/", timeout=10)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={
            "username": username,
            "password": STAFF_PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base_url}/accounts/login/"},
        timeout=10,
    )
    response.raise_for_status()
    return session


def fitting_form(session: requests.Session, base_url: str, *, location: int = 13) -> dict[str, str]:
    """Open the booking page for a fitting tomorrow and fill it in as staff would."""
    day = (timezone.now().astimezone(timezone.get_default_timezone()) + timedelta(days=2)).date()
    page = session.get(
        f"{base_url}/book/",
        params={
            "definition": 1,
            "location": location,
            "date": day.isoformat(),
            "profile_search": "ava",
            "profile": AVA,
        },
        timeout=30,
    ).text
    return {
        **dict(SEALS.findall(page)),
        "csrfmiddlewaretoken": session.cookies["csrftoken"],
        "form_token": TOKEN.search(page).group(1),
        "definition": "1",
        "profile_search": "ava",
        "profile": AVA,
        "location": str(location),
        "date": day.isoformat(),
        "slot": SLOT.findall(page)[8],
        "answers-0-value": "suit",
        "answers-2-value": "false",
        "transaction_id": "1003",
    }
