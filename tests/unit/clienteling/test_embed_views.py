"""The embed page is framed by Clienteling's origins only; its session needs no cookie."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from booking_portal.clienteling import messages
from booking_portal.clienteling.embed_session import (
    EmbedSession,
    embed_session_issue,
    embed_session_read,
)
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

from .conftest import CUSTOMER_ID, STAFF_ID

pytestmark = pytest.mark.django_db
STANDIN = "https://sandbox.clienteling.getomneo.com"


@pytest.fixture
def clienteling_settings(settings: Any) -> Any:
    settings.CLIENTELING_ORIGINS = [STANDIN, "https://acme.clienteling.omneo.io"]
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    return settings


def _frame_ancestors(response: Any) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if "frame-ancestors" in part)


def test_the_embed_page_may_be_framed_by_the_configured_origins(
    clienteling_settings: Any,
) -> None:
    response = Client().get(reverse("clienteling:embed"))

    assert response.status_code == 200
    assert _frame_ancestors(response) == (
        f"frame-ancestors {STANDIN} https://acme.clienteling.omneo.io"
    )
    assert "X-Frame-Options" not in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_without_origins_the_embed_page_may_be_framed_by_none(clienteling_settings: Any) -> None:
    clienteling_settings.CLIENTELING_ORIGINS = []

    response = Client().get(reverse("clienteling:embed"))

    assert _frame_ancestors(response) == "frame-ancestors 'none'"


@pytest.mark.parametrize("name", ["login", "bookings:book", "appointments:day"])
def test_every_other_page_stays_unframable(clienteling_settings: Any, name: str) -> None:
    response = Client().get(reverse(name))

    assert response.headers["X-Frame-Options"] == "DENY"
    assert _frame_ancestors(response) == "frame-ancestors 'none'"


def test_the_handshake_refuses_a_body_that_is_no_context(clienteling_settings: Any) -> None:
    response = Client(enforce_csrf_checks=True).post(
        reverse("clienteling:handshake"), {"context": "not json"}
    )

    assert response.status_code == 403
    assert escape(messages.NO_CONTEXT) in response.content.decode()
    assert not response.cookies


def test_the_handshake_shows_the_panel_and_sets_no_cookie(
    clienteling_settings: Any,
    associate: Any,
    context_message: Callable[..., dict[str, Any]],
    omneo_vouches: Any,
) -> None:
    # Given a browser that keeps no cookies (the frame is cross-site)
    client = Client(enforce_csrf_checks=True)

    # When the embed page posts the context
    response = client.post(
        reverse("clienteling:handshake"), {"context": json.dumps(context_message())}
    )

    # Then the panel shows the customer and carries the session in its htmx headers
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ava Nguyen" in body
    assert "X-Clienteling-Session" in body
    assert not response.cookies
    assert "sessionid" not in client.cookies


def test_a_refused_context_shows_why_and_starts_no_session(
    clienteling_settings: Any,
    associate: Any,
    context_message: Callable[..., dict[str, Any]],
    mocked_omneo: Any,
) -> None:
    mocked_omneo.get(f"{MOCK_BASE_URL}/v3/auth/verify", json={"message": "no"}, status=401)

    response = Client().post(
        reverse("clienteling:handshake"), {"context": json.dumps(context_message())}
    )

    assert response.status_code == 403
    assert escape(messages.SIGN_IN_REFUSED) in response.content.decode()
    assert "X-Clienteling-Session" not in response.content.decode()


def _session(**overrides: Any) -> EmbedSession:
    values = {
        "user_id": 1,
        "staff_id": STAFF_ID,
        "location_id": 13,
        "profile_id": CUSTOMER_ID,
        "expires_at": int(time.time()) + 60,
    }
    return EmbedSession(**{**values, **overrides})


def test_an_embed_session_reads_back_as_issued() -> None:
    session = _session()

    assert embed_session_read(embed_session_issue(session)) == session


def test_a_changed_embed_session_is_refused() -> None:
    token = embed_session_issue(_session())
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    assert embed_session_read(forged) is None
    assert embed_session_read("") is None


def test_an_embed_session_past_its_expiry_is_refused() -> None:
    assert (
        embed_session_read(embed_session_issue(_session(expires_at=int(time.time()) - 1))) is None
    )


def test_an_embed_session_older_than_the_longest_session_is_refused(settings: Any) -> None:
    token = embed_session_issue(_session(expires_at=int(time.time()) + 86_400))
    settings.CLIENTELING_SESSION_SECONDS = -1

    assert embed_session_read(token) is None
