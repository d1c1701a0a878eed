"""The sandbox's Clienteling stand-in frames the portal from the other loopback name."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from booking_portal.sandbox.clienteling.users import USERS, token_user
from tests.unit.sandbox.conftest import AVA

pytestmark = pytest.mark.django_db


def _context(response: Any) -> dict[str, Any]:
    found = re.search(
        r'<script id="clienteling-context" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found is not None
    return json.loads(found.group(1))


def test_the_stand_in_on_localhost_frames_the_portal_on_127_0_0_1() -> None:
    response = Client().get(f"/sandbox/clienteling/?profile={AVA}", HTTP_HOST="localhost:8000")

    assert response.status_code == 200
    assert 'src="http://127.0.0.1:8000/clienteling/"' in response.content.decode()
    assert "frame-src http://127.0.0.1:8000" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_stand_in_answers_with_the_associate_their_store_and_the_customer() -> None:
    response = Client().get(f"/sandbox/clienteling/?profile={AVA}", HTTP_HOST="localhost:8000")

    context = _context(response)
    assert context["type"] == "OMNEO_CLIENTELING_CONTEXT"
    assert context["profile"]["id"] == AVA
    assert context["staff"]["current"]["id"] == USERS[501]["staff_id"]
    assert context["staff"]["store"]["id"] == 13
    assert token_user(context["authentication"]["token"]) == USERS[501]


@pytest.mark.parametrize("forged", ["expired", "foreign", "bogus"])
def test_the_stand_in_can_send_a_token_omneo_refuses(forged: str) -> None:
    response = Client().get(
        f"/sandbox/clienteling/?profile={AVA}&token={forged}", HTTP_HOST="localhost:8000"
    )

    assert token_user(_context(response)["authentication"]["token"]) is None


def test_without_a_customer_the_stand_in_asks_for_one() -> None:
    response = Client().get("/sandbox/clienteling/", HTTP_HOST="localhost:8000")

    assert 'data-testid="standin-pick"' in response.content.decode()
    assert "<iframe" not in response.content.decode()
