"""The fault proxy between the real OmneoClient and the live sandbox: pass, reset and refuse."""

from __future__ import annotations

import socket

import pytest

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoConnectionReset, OmneoUnreachable
from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from tests.integration.test_client_against_sandbox import a_fitting
from tests.support.fault_proxy import FaultProxy

pytestmark = pytest.mark.integration


@pytest.fixture
def proxied_client(fault_proxy, settings):
    client = OmneoClient(
        base_url=fault_proxy.base_url,
        token=settings.OMNEO_SANDBOX_TOKEN,
        connect_timeout=2,
        read_timeout=5,
        read_retries=0,
    )
    yield client
    client.close()


def test_pass_forwards_reads_and_creates(fault_proxy, proxied_client):
    locations = proxied_client.location_list()
    created = proxied_client.appointment_create(a_fitting())

    assert fault_proxy.mode == "pass"
    assert len(locations) == len(data.LOCATIONS)
    assert SandboxAppointment.objects.get().pk == created.id


def test_a_reset_after_the_request_loses_the_answer_to_a_create_that_happened(
    fault_proxy, proxied_client
):
    # Given the proxy lets the create reach the sandbox but resets the connection afterwards
    fault_proxy.mode = "reset_after_request"

    # When the portal's client creates
    with pytest.raises(OmneoConnectionReset) as caught:
        proxied_client.appointment_create(a_fitting())

    # Then it cannot know the outcome, and the sandbox did create exactly one appointment
    assert caught.value.outcome_unknown is True
    assert SandboxAppointment.objects.count() == 1


def test_a_refused_connection_means_the_create_was_never_sent(fault_proxy, proxied_client):
    fault_proxy.mode = "refuse"

    with pytest.raises(OmneoUnreachable) as caught:
        proxied_client.appointment_create(a_fitting())

    assert caught.value.outcome_unknown is False
    assert SandboxAppointment.objects.count() == 0


def test_the_proxy_recovers_after_refusing(fault_proxy, proxied_client):
    fault_proxy.mode = "refuse"
    with pytest.raises(OmneoUnreachable):
        proxied_client.location_list()

    fault_proxy.mode = "pass"

    assert len(proxied_client.location_list()) == len(data.LOCATIONS)


def test_the_mode_applies_per_request_on_a_kept_alive_connection(fault_proxy, proxied_client):
    # Given a pooled connection opened while passing
    proxied_client.location_list()

    # When the mode changes to reset before the next request on the same client
    fault_proxy.mode = "reset_after_request"

    with pytest.raises(OmneoConnectionReset):
        proxied_client.appointment_create(a_fitting())

    # Then the create on that same connection was reset, after the sandbox made it
    assert fault_proxy.connections_accepted == 1
    assert SandboxAppointment.objects.count() == 1


def test_an_unknown_mode_is_refused(fault_proxy):
    with pytest.raises(ValueError, match="Unknown mode"):
        fault_proxy.mode = "flaky"


def test_only_loopback_upstreams_are_allowed():
    with pytest.raises(ValueError, match="only forwards to loopback"):
        FaultProxy(upstream_url="http://192.0.2.1:80")


def test_stop_ends_every_thread_and_frees_the_port(live_server):
    proxy = FaultProxy(upstream_url=live_server.url)
    # Given a connection the proxy is serving, idle between requests
    idle = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)

    proxy.stop()

    idle.settimeout(2)
    assert idle.recv(1) == b""  # the proxy hung up
    idle.close()
    assert proxy.running_threads == 0
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
