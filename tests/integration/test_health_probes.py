"""The probes over real HTTP, with the portal's Omneo client aimed at the live sandbox."""

from __future__ import annotations

import pytest
import requests

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_readyz_over_http_is_ok_with_the_sandbox_answering(live_server, sandbox_base_url):
    response = requests.get(f"{live_server.url}/readyz", timeout=10)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "omneo": "ok"},
    }


def test_healthz_over_http(live_server):
    response = requests.get(f"{live_server.url}/healthz", timeout=10)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
