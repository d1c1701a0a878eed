"""Ids in Omneo paths: each is one encoded segment, never more path or a query string."""

from __future__ import annotations

import re

import pytest

from tests.conftest import MOCK_BASE_URL

V3 = f"{MOCK_BASE_URL}/v3"
PERSON = {"data": {"id": "x", "first_name": "Ava"}}
ANY_URL = re.compile(r"https://api\.test\.getomneo\.com/.*")


@pytest.mark.parametrize(
    ("profile_id", "sent_path"),
    [
        ("../appointments/1", "/api/v3/profiles/..%2Fappointments%2F1"),
        ("x?filter[status]=cancelled", "/api/v3/profiles/x%3Ffilter%5Bstatus%5D%3Dcancelled"),
        ("x#fragment", "/api/v3/profiles/x%23fragment"),
        ("a b%2F", "/api/v3/profiles/a%20b%252F"),
    ],
)
def test_a_profile_id_stays_one_path_segment(mocked_omneo, omneo_client, profile_id, sent_path):
    mocked_omneo.get(ANY_URL, json=PERSON)

    omneo_client.profile_get(profile_id)

    request = mocked_omneo.calls[0].request
    assert request.path_url == sent_path
    assert request.params == {}


@pytest.mark.parametrize("profile_id", ["", ".", ".."])
def test_dot_and_empty_ids_are_never_sent(mocked_omneo, omneo_client, profile_id):
    mocked_omneo.get(ANY_URL, json=PERSON)

    with pytest.raises(ValueError, match="Not an Omneo id"):
        omneo_client.profile_get(profile_id)

    assert len(mocked_omneo.calls) == 0


def test_definition_and_location_ids_are_encoded_too(mocked_omneo, omneo_client):
    mocked_omneo.get(ANY_URL, json={"data": {"id": 1, "name": "x"}})
    mocked_omneo.get(ANY_URL, json={"data": []})

    omneo_client.location_get("13/../../profiles")
    omneo_client.definition_locations("1?x=1")

    paths = [call.request.path_url for call in mocked_omneo.calls]
    assert paths == [
        "/api/v3/locations/13%2F..%2F..%2Fprofiles",
        "/api/v3/appointment-definitions/1%3Fx%3D1/locations",
    ]
