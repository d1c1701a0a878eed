"""Book for this customer inside Clienteling, against the live sandbox: once, and only for them."""

from __future__ import annotations

import html
import json
import re
import time
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from booking_portal.bookings import messages as booking_messages
from booking_portal.clienteling import messages
from booking_portal.clienteling.models import ClientelingRefusal
from booking_portal.sandbox import faults
from booking_portal.sandbox.clienteling.users import USERS, token_issue
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import STORE_STAFF
from booking_portal.writes.models import BookingAttempt
from tests.unit.sandbox.conftest import AVA

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
MIA = USERS[501]
OLIVER = "another-customer"


@pytest.fixture
def panel(sandbox_base_url: str, settings: Any) -> dict[str, str]:
    """Mia's verified session for Ava at Melbourne Central, and its htmx header."""
    settings.OMNEO_SANDBOX_FAULTS = True
    settings.OMNEO_READ_TIMEOUT = 1.0
    settings.OMNEO_READ_RETRIES = 0
    faults.clear()
    user = User.objects.create_user(username="mia", password="x", email=MIA["email"])
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    StaffLink.objects.create(user=user, omneo_staff_id=MIA["staff_id"], location_ids=[13])
    message = {
        "type": "OMNEO_CLIENTELING_CONTEXT",
        "timestamp": int(time.time() * 1000),
        "profile": {"id": AVA},
        "staff": {"current": {"id": MIA["staff_id"]}, "store": {"id": 13}},
        "authentication": {"token": token_issue(user_id=501), "expiry": int(time.time()) + 600},
    }
    response = Client().post(reverse("clienteling:handshake"), {"context": json.dumps(message)})
    return json.loads(
        html.unescape(re.search(r"hx-headers='([^']+)'", response.content.decode()).group(1))
    )


def _times_form(panel: dict[str, str]) -> dict[str, str]:
    """The hidden fields and first time of the first service's times, as the panel shows them."""
    services = Client().get(reverse("clienteling:services"), headers=panel).content.decode()
    definition = re.search(r"times\?definition=(\d+)", services).group(1)
    body = Client().get(f"{reverse('clienteling:times')}?definition={definition}", headers=panel)
    text = body.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text))
    fields["start"] = html.unescape(
        re.search(r'name="start" id="panel-time-1" value="([^"]+)"', text).group(1)
    )
    return fields


def _service_times_form(panel: dict[str, str], definition: int) -> dict[str, str]:
    """The hidden fields and first time offered for this service."""
    body = Client().get(f"{reverse('clienteling:times')}?definition={definition}", headers=panel)
    text = body.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text))
    fields["start"] = html.unescape(
        re.search(r'name="start" id="panel-time-1" value="([^"]+)"', text).group(1)
    )
    return fields


def _book(form: dict[str, str]) -> Any:
    return Client(enforce_csrf_checks=True).post(reverse("clienteling:book"), form)


def test_a_panel_booking_reaches_omneo_once(panel: dict[str, str]) -> None:
    form = _times_form(panel)

    first = _book(form)
    again = _book(form)  # pressed twice, or the frame resubmitted

    assert escape("for Ava Nguyen") in first.content.decode()
    assert escape(messages.ALREADY_BOOKED) in again.content.decode()
    assert SandboxAppointment.objects.count() == 1
    assert BookingAttempt.objects.get().outcome == "created"


def test_the_associate_in_the_services_staff_pool_is_booked_as_staff(
    panel: dict[str, str],
) -> None:
    bespoke = 7  # the sandbox's service with its own staff: Mia at this store
    form = _service_times_form(panel, bespoke)

    response = _book(form)

    assert escape("for Ava Nguyen") in response.content.decode()
    created = SandboxAppointment.objects.get()
    assert (created.definition_id, created.staff_id) == (bespoke, MIA["staff_id"])
    assert BookingAttempt.objects.get().outcome == "created"


@pytest.mark.parametrize(
    "change",
    [{"profile": OLIVER}, {"start": "2030-01-01T10:00:00+11:00"}, {"offer": "forged"}],
    ids=["customer-swapped", "time-not-offered", "offer-forged"],
)
def test_a_changed_form_is_refused_and_nothing_is_sent(
    panel: dict[str, str], change: dict[str, str]
) -> None:
    form = _times_form(panel) | change

    response = _book(form)

    assert response.status_code == 422
    assert SandboxAppointment.objects.count() == 0
    assert BookingAttempt.objects.count() == 0
    swapped = ClientelingRefusal.objects.filter(reason="customer swapped")
    assert [r.profile_id for r in swapped] == ([OLIVER] if "profile" in change else [])


def test_without_the_session_nothing_is_booked(panel: dict[str, str]) -> None:
    form = _times_form(panel)
    del form["clienteling_session"]

    response = _book(form)

    assert response.status_code == 401
    assert escape(messages.SESSION_ENDED) in response.content.decode()
    assert SandboxAppointment.objects.count() == 0


@pytest.mark.parametrize(
    ("fault", "creates", "outcome"),
    [
        ("server_error", 0, "unknown"),
        ("applied_server_error", 1, "created"),  # found by the look-up
        ("timeout", 1, "created"),
        ("malformed", 1, "created"),
        ("unauthorized", 0, "failed"),
    ],
)
def test_omneo_misbehaving_on_the_create_is_told_and_never_resent(
    panel: dict[str, str], fault: str, creates: int, outcome: str
) -> None:
    form = _times_form(panel)
    faults.arm(kind=fault, seconds=1.5)

    response = _book(form)

    assert SandboxAppointment.objects.count() == creates
    attempt = BookingAttempt.objects.get()
    assert attempt.outcome == outcome
    text = html.unescape(response.content.decode())
    if outcome == "created":
        assert "for Ava Nguyen" in text
    elif outcome == "failed":
        assert booking_messages.CREDENTIALS_REFUSED in text
    else:
        assert booking_messages.OUTCOME_UNKNOWN in text
