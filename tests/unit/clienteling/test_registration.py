"""clienteling_register: the field built from the URL, the admin token from the environment."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
import responses
from django.core.management import CommandError, call_command

from booking_portal.clienteling.registration import (
    RegistrationError,
    portal_url_checked,
    registration_field,
)
from tests.conftest import MOCK_BASE_URL

ADMIN_TOKEN = "admin-token-never-printed"
FIELDS = f"{MOCK_BASE_URL}/v3/tenants/custom-fields"
KEY_URL = f"{FIELDS}/clienteling.setting%3Aapp__booking_portal"


@pytest.fixture
def tenant(settings: Any) -> Any:
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_ADMIN_TOKEN = ADMIN_TOKEN
    return settings


def _run(*args: str) -> str:
    out = StringIO()
    call_command("clienteling_register", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_the_app_and_the_block_open_the_embed_page_of_the_url() -> None:
    field = registration_field(url="https://booking.example.com/")

    assert field.namespace == "clienteling.setting"
    assert field.handle == "app__booking_portal"
    assert field.type == "json"
    assert field.value["clienteling"] == {"url": "https://booking.example.com/clienteling/"}
    assert field.value["settings"] == [
        {
            "type": "block",
            "use": "ExternalComponent",
            "settings": {"url": "https://booking.example.com/clienteling/"},
        }
    ]
    assert field.value["button"] == {"label": "Book"}
    assert field.value["enabled"] is True


@pytest.mark.parametrize(
    "url",
    [
        "booking.example.com",
        "http://booking.example.com",
        "ftp://x.example",
        "https://x.example/?a=1",
    ],
)
def test_a_url_clienteling_cannot_frame_is_refused(url: str) -> None:
    with pytest.raises(RegistrationError):
        portal_url_checked(url)


def test_a_local_portal_may_be_plain_http() -> None:
    assert portal_url_checked("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_a_dry_run_prints_the_json_and_sends_nothing(
    tenant: Any, mocked_omneo: responses.RequestsMock
) -> None:
    out = _run("--url", "https://booking.example.com", "--dry-run")

    assert json.loads(out) == registration_field(url="https://booking.example.com").to_json()
    assert len(mocked_omneo.calls) == 0
    assert ADMIN_TOKEN not in out


def test_an_existing_registration_is_updated_with_the_admin_token(
    tenant: Any, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.put(KEY_URL, json={"data": {}})

    out = _run("--url", "https://booking.example.com")

    assert "Updated clienteling.setting:app__booking_portal" in out
    assert ADMIN_TOKEN not in out
    assert len(mocked_omneo.calls) == 1
    sent = mocked_omneo.calls[0].request
    assert sent.headers["Authorization"] == f"Bearer {ADMIN_TOKEN}"
    assert json.loads(sent.body)["value"]["clienteling"]["url"] == (
        "https://booking.example.com/clienteling/"
    )


def test_a_first_registration_is_created(tenant: Any, mocked_omneo: responses.RequestsMock) -> None:
    mocked_omneo.put(KEY_URL, json={"message": "No query results"}, status=404)
    mocked_omneo.post(FIELDS, json={"data": {}}, status=201)

    out = _run("--url", "https://booking.example.com")

    assert "Created clienteling.setting:app__booking_portal" in out
    assert [call.request.method for call in mocked_omneo.calls] == ["PUT", "POST"]


def test_without_an_admin_token_nothing_is_sent(
    tenant: Any, mocked_omneo: responses.RequestsMock
) -> None:
    tenant.OMNEO_ADMIN_TOKEN = ""

    with pytest.raises(CommandError, match="OMNEO_ADMIN_TOKEN"):
        _run("--url", "https://booking.example.com")
    assert len(mocked_omneo.calls) == 0


def test_the_token_is_no_option_of_the_command() -> None:
    with pytest.raises(CommandError):
        call_command("clienteling_register", "--url", "https://b.example", "--token", "x")


def test_a_refusal_is_reported_without_the_token(
    tenant: Any, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.put(KEY_URL, json={"message": "Invalid scope(s) provided."}, status=403)

    with pytest.raises(CommandError) as refused:
        _run("--url", "https://booking.example.com")

    assert "Invalid scope(s) provided." in str(refused.value)
    assert ADMIN_TOKEN not in str(refused.value)
