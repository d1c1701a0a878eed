"""The pooled session over a real loopback server: keep-alive reuse, and retries for reads only."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoRateLimited, OmneoServerError, OmneoTimeout
from tests.unit.omneo.test_client_errors import a_booking


@dataclass
class Script:
    """Statuses to answer in turn (then 200), and what the server saw."""

    statuses: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    delay_seconds: float = 0.0
    client_ports: list[int] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def make_handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            """Keep test output quiet."""

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            script.client_ports.append(self.client_address[1])
            script.paths.append(f"{self.command} {self.path.split('?')[0]}")
            time.sleep(script.delay_seconds)
            status, headers = script.statuses.pop(0) if script.statuses else (200, {})
            body = json.dumps({"data": {"id": 13, "name": "Melbourne"}, "message": "x"}).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _answer
        do_POST = _answer

    return Handler


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def loopback_client(script: Script) -> Iterator[OmneoClient]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(script))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = OmneoClient(
        base_url=f"http://127.0.0.1:{server.server_port}/api",
        token="loopback-token",
        read_retries=2,
    )
    yield client
    client.close()
    server.shutdown()
    server.server_close()


def test_one_connection_serves_many_calls(loopback_client, script):
    for _ in range(5):
        loopback_client.location_get(13)

    assert len(script.client_ports) == 5
    assert len(set(script.client_ports)) == 1


def test_reads_are_retried_after_a_503(loopback_client, script):
    script.statuses = [(503, {}), (502, {})]

    location = loopback_client.location_get(13)

    assert location.name == "Melbourne"
    assert script.paths == ["GET /api/v3/locations/13"] * 3


def test_availability_posts_are_retried_as_reads(loopback_client, script):
    from datetime import date

    script.statuses = [(503, {})]

    loopback_client.available_slots(1, location_id=13, on=date(2026, 5, 11))

    assert script.paths == ["POST /api/v3/appointment-definitions/1/available-slots"] * 2


def test_the_create_is_never_retried(loopback_client, script):
    script.statuses = [(503, {}), (503, {})]

    with pytest.raises(OmneoServerError):
        loopback_client.appointment_create(a_booking())

    assert script.paths == ["POST /api/v3/appointments"]


def test_a_short_retry_after_is_honoured(loopback_client, script):
    script.statuses = [(429, {"Retry-After": "0"})]

    loopback_client.location_get(13)

    assert len(script.paths) == 2


def test_a_long_retry_after_comes_back_to_the_caller(loopback_client, script):
    script.statuses = [(429, {"Retry-After": "120"})]

    with pytest.raises(OmneoRateLimited) as caught:
        loopback_client.location_get(13)

    assert caught.value.retry_after == 120.0
    assert len(script.paths) == 1


def test_a_hung_look_up_gives_up_within_its_budget(loopback_client, script):
    script.delay_seconds = 3.0
    loopback_client.lookup_budget = 0.8

    started = time.monotonic()
    with pytest.raises(OmneoTimeout):
        loopback_client.location_get(13)

    assert time.monotonic() - started < 1.5
    assert len(script.paths) == 1  # a read timeout is not retried


def test_retries_stop_when_the_budget_is_spent(loopback_client, script):
    script.statuses = [(503, {})] * 10
    loopback_client.read_retries = 10
    loopback_client.lookup_budget = 1.0

    started = time.monotonic()
    with pytest.raises(OmneoServerError):
        loopback_client.location_get(13)

    assert time.monotonic() - started < 1.5
    assert 2 <= len(script.paths) <= 4  # 0.2 s, 0.4 s backoffs fit; 0.8 s does not


def test_the_create_keeps_its_full_timeout(loopback_client, script):
    script.delay_seconds = 1.0
    loopback_client.lookup_budget = 0.3

    created = loopback_client.appointment_create(a_booking())

    assert created.id == 13
