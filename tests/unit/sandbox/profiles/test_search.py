"""GET /v3/profiles: search by name, email or phone, in either spelling."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("term", "expected"),
    [("ava", "Ava Nguyen"), ("OLIVER.SMITH@", "Oliver Smith"), ("0412300000", "Ava Nguyen")],
)
def test_profile_search_by_name_email_or_phone(sandbox, term, expected):
    found = sandbox.get("/v3/profiles", search=term).json()["data"]

    assert expected in [p["full_name"] for p in found]


def test_profile_search_accepts_the_sdk_spelling(sandbox):
    found = sandbox.get("/v3/profiles", **{"filter[search]": "charlotte"}).json()["data"]

    assert [p["full_name"] for p in found] == ["Charlotte Jones"]
