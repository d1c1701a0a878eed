"""Omneo's staff as a mocked tenant answers them: two staff services, their pools per store."""

from __future__ import annotations

from typing import Any

import responses
from responses import matchers

from tests.conftest import MOCK_BASE_URL

V3 = f"{MOCK_BASE_URL}/v3"
PAGE = {"meta": {"current_page": 1, "last_page": 1}}
MIA = {"id": "staff-mia", "first_name": "Mia", "last_name": "Chen", "email": "mia@stores.example"}
LEO = {"id": "staff-leo", "first_name": "Leo", "last_name": "Singh", "email": "leo@stores.example"}
TWIN = {"id": "staff-twin", "first_name": "Mia", "last_name": "Twin", "email": "mia@stores.example"}


def _store(store_id: int) -> dict[str, Any]:
    return {"id": store_id, "name": f"Store {store_id}", "timezone": "Australia/Melbourne"}


def omneo_staff(mock: responses.RequestsMock, *, pools: dict[tuple[int, int], list[dict]]) -> None:
    """Definitions 2 (stores 13, 14) and 7 (store 13) need staff; 1 does not and is never asked."""
    definitions = [
        {"id": 1, "name": "Suit fitting", "requires_staff": False, "locations": [_store(13)]},
        {"id": 2, "name": "Styling", "requires_staff": True, "locations": [_store(13), _store(14)]},
        {"id": 7, "name": "Bespoke", "requires_staff": True, "locations": [_store(13)]},
    ]
    mock.get(f"{V3}/appointment-definitions", json={"data": definitions, **PAGE})
    for (definition_id, store_id), people in pools.items():
        mock.post(
            f"{V3}/appointment-definitions/{definition_id}/available-staff",
            json={"data": people},
            match=[
                matchers.json_params_matcher(
                    {"location_id": store_id, "available_only": False}, strict_match=False
                )
            ],
        )


EVERYONE = {(2, 13): [MIA], (2, 14): [LEO, MIA], (7, 13): [MIA]}
