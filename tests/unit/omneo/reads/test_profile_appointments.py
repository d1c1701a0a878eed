"""A customer's appointments: read once, kept briefly, forgotten when the portal changes one."""

from __future__ import annotations

import pytest
import requests

from booking_portal.omneo.errors import OmneoServerError, OmneoTransportError
from booking_portal.omneo.reads import profiles
from tests.unit.appointments.omneo_bodies import PAGE, V3, appointment_json

AVA = "p-1"
URL = f"{V3}/profiles/{AVA}/appointments"


def test_the_customers_appointments_are_read_once_then_kept(omneo_client, mocked_omneo):
    mocked_omneo.get(URL, json={"data": [appointment_json(1), appointment_json(2)], **PAGE})

    first = profiles.profile_appointments(profile_id=AVA, client=omneo_client)
    again = profiles.profile_appointments(profile_id=AVA, client=omneo_client)

    assert [a.id for a in first] == [1, 2]
    assert again == first
    assert len(mocked_omneo.calls) == 1


def test_forgetting_reads_them_again(omneo_client, mocked_omneo):
    mocked_omneo.get(URL, json={"data": [appointment_json(1)], **PAGE})
    profiles.profile_appointments(profile_id=AVA, client=omneo_client)
    mocked_omneo.replace(
        "GET", URL, json={"data": [appointment_json(1), appointment_json(7)], **PAGE}
    )

    profiles.profile_appointments_forget(profile_id=AVA)
    fresh = profiles.profile_appointments(profile_id=AVA, client=omneo_client)

    assert [a.id for a in fresh] == [1, 7]
    assert len(mocked_omneo.calls) == 2


def test_another_customers_appointments_are_kept_apart(omneo_client, mocked_omneo):
    mocked_omneo.get(URL, json={"data": [appointment_json(1)], **PAGE})
    mocked_omneo.get(f"{V3}/profiles/p-2/appointments", json={"data": [], **PAGE})

    profiles.profile_appointments(profile_id=AVA, client=omneo_client)
    others = profiles.profile_appointments(profile_id="p-2", client=omneo_client)
    profiles.profile_appointments_forget(profile_id="p-2")
    kept = profiles.profile_appointments(profile_id=AVA, client=omneo_client)

    assert others == []
    assert [a.id for a in kept] == [1]
    assert len(mocked_omneo.calls) == 2


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({"status": 500, "body": "<html>down</html>"}, OmneoServerError),
        ({"body": requests.ConnectionError("broken")}, OmneoTransportError),
    ],
    ids=["500", "transport"],
)
def test_a_failed_read_raises_and_caches_nothing(omneo_client, mocked_omneo, answer, error):
    mocked_omneo.get(URL, **answer)
    with pytest.raises(error):
        profiles.profile_appointments(profile_id=AVA, client=omneo_client)
    mocked_omneo.replace("GET", URL, json={"data": [appointment_json(3)], **PAGE})

    later = profiles.profile_appointments(profile_id=AVA, client=omneo_client)

    assert [a.id for a in later] == [3]
