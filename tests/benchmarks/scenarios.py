"""What the benchmark measures: the Omneo calls the page makes, and whole bookings."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils import timezone

from booking_portal.bookings.roles import STORE_STAFF
from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.resources import AnswerInput, StoreAppointment
from booking_portal.sandbox import data
from booking_portal.sandbox.availability import location_zone

Measure = Callable[..., None]
AVA = data.demo_uuid("customer:Ava.Nguyen")
TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')
PASSWORD = "bench-password-1"


def _day(offset: int) -> Any:
    zone = location_zone(data.LOCATIONS[13])
    return (timezone.now().astimezone(zone) + timedelta(days=offset)).date()


def _staff_session(origin: str) -> requests.Session:
    user, _ = User.objects.get_or_create(username="bench")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    session = requests.Session()
    session.get(f"{origin}/accounts/login/", timeout=10)
    session.post(
        f"{origin}/accounts/login/",
        data={
            "username": "bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=10,
    ).raise_for_status()
    return session


def run_scenarios(*, measure: Measure, origin: str) -> None:
    client = OmneoClient(base_url=f"{origin}/sandbox/api", token=settings.OMNEO_SANDBOX_TOKEN)
    day = _day(1)
    print("Omneo calls through the client (sandbox over loopback HTTP, keep-alive):")
    measure("definition_list", lambda i: client.definition_list())
    measure("definition_questions", lambda i: client.definition_questions(1))
    measure(
        "available_slots (one day)", lambda i: client.available_slots(1, location_id=13, on=day)
    )
    measure("profile_search", lambda i: client.profile_search("ava"))

    def create(i: int) -> None:
        start = timezone.now().astimezone(location_zone(data.LOCATIONS[14])).replace(
            hour=6, minute=0, second=0, microsecond=0
        ) + timedelta(days=2 + i // 30, minutes=45 * (i % 20))
        client.appointment_create(
            StoreAppointment(
                appointment_definition_id=1,
                profile_id=AVA,
                location_id=14,
                scheduled_start_at=f"{start:%Y-%m-%d %H:%M:%S}",
                scheduled_end_at=f"{start + timedelta(minutes=45):%Y-%m-%d %H:%M:%S}",
                timezone="Australia/Brisbane",
                answers=(AnswerInput(questionnaire_question_id=21, value="suit"),),
            )
        )

    measure("appointment_create", create, rounds=20)

    session = _staff_session(origin)
    print("A staff member's booking through the portal (page, parts, submit):")
    params = {"definition": 1, "location": 15, "profile_search": "ava"}
    measure("GET /book/ with choices", lambda i: session.get(f"{origin}/book/", params=params))
    measure(
        "GET /book/parts/customers/ (search)",
        lambda i: session.get(f"{origin}/book/parts/customers/", params={"profile_search": "ol"}),
    )

    def book(i: int) -> None:
        on = _day(3 + i // 20)
        page = session.get(
            f"{origin}/book/", params={**params, "date": on.isoformat()}, timeout=30
        ).text
        response = session.post(
            f"{origin}/book/",
            data={
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
                "form_token": TOKEN.search(page).group(1),
                "definition": "1",
                "profile": AVA,
                "location": "15",
                "date": on.isoformat(),
                "slot": SLOT.findall(page)[i % 20],
                "answers-0-value": "suit",
            },
            timeout=30,
        )
        assert "Appointment booked" in response.text, response.status_code

    measure("whole booking: GET page + POST + confirmation", book, rounds=20)
