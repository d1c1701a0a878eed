"""A visit recorded on arrival: looked up before it is added, added once, settled and retried by
the worker, and never undoing the arrival; against a mocked Omneo."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from booking_portal.appointments.seen import Seen
from booking_portal.appointments.services import appointment_act
from booking_portal.omneo.resources import Appointment
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.records import AlreadySent
from booking_portal.writes.tasks import settle_write
from booking_portal.writes.visits import (
    GIVEN_UP,
    RECORDED,
    REFUSED,
    RETRYING,
    VISIT_TRIES,
    visit_retry,
    visit_states,
)
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
Kind, Outcome = AppointmentWrite.Kind, AppointmentWrite.Outcome
PUT = f"{V3}/appointments/501"
VISITS = f"{V3}/profiles/p-1/visits"
VISIT = {
    "id": 9001,
    "profile_id": "p-1",
    "visited_at": "2026-05-11T00:05:00.000000Z",
    "timezone": MELBOURNE,
    "location_id": 13,
    "staff_id": "s-1",
    "external_id": "APPT-501",
}


@pytest.fixture
def omneo(settings, mocked_omneo):
    """The mocked tenant the portal's own client (and the worker's) reaches."""
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    return mocked_omneo


def _seen(**changed) -> Seen:
    appointment = Appointment.from_json(appointment_json(status="confirmed", **changed))
    return Seen.of(appointment, ZoneInfo(MELBOURNE))


def _arrive(user, client, *, token=None, seen=None) -> AppointmentWrite:
    return appointment_act(
        acted_by=user,
        seen=seen or _seen(),
        kind=Kind.ARRIVE,
        action_token=token or uuid.uuid4(),
        client=client,
    )


def _calls(mocked) -> list[tuple[str, str]]:
    return [(call.request.method, call.request.url.split("?")[0]) for call in mocked.calls]


def _visit_posts(mocked) -> int:
    return sum(1 for method, url in _calls(mocked) if (method, url) == ("POST", VISITS))


def _visit(**fields) -> AppointmentWrite:
    return AppointmentWrite.objects.get(kind=Kind.VISIT, **fields)


def test_an_arrival_records_the_visit_at_its_store_with_its_staff(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [], **PAGE})
    mocked_omneo.post(VISITS, json={"data": VISIT}, status=201)

    arrival = _arrive(staff_user, omneo_client)

    assert (arrival.kind, arrival.outcome) == (Kind.ARRIVE, Outcome.DONE)
    assert _calls(mocked_omneo) == [("PUT", PUT), ("GET", VISITS), ("POST", VISITS)]
    assert "filter%5Bexternal_id%5D=APPT-501" in mocked_omneo.calls[1].request.url
    sent = json.loads(mocked_omneo.calls[2].request.body)
    assert {key: sent[key] for key in ("timezone", "location_id", "staff_id", "external_id")} == {
        "timezone": MELBOURNE,
        "location_id": 13,
        "staff_id": "s-1",
        "external_id": "APPT-501",
    }
    assert len(sent["visited_at"]) == len("2026-05-11 10:05:00")  # the store's wall clock
    visit = _visit()
    assert (visit.outcome, visit.target, visit.profile_id) == (
        Outcome.DONE,
        "visit:APPT-501",
        "p-1",
    )
    assert visit_states(appointment_ids=[501]) == {501: RECORDED}


def test_a_visit_omneo_already_has_is_not_added_again(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [VISIT], **PAGE})

    _arrive(staff_user, omneo_client)

    assert _visit_posts(mocked_omneo) == 0
    assert (_visit().outcome, _visit().check_result) == (Outcome.DONE, "found")


def test_a_look_up_answering_other_visits_is_not_taken_for_this_one(
    staff_user, omneo_client, mocked_omneo
):
    # Given an Omneo that ignores the external_id filter and lists another appointment's visit
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    other = {**VISIT, "id": 42, "external_id": "APPT-77"}
    mocked_omneo.get(VISITS, json={"data": [other], **PAGE})
    mocked_omneo.post(VISITS, json={"data": VISIT}, status=201)

    _arrive(staff_user, omneo_client)

    assert _visit_posts(mocked_omneo) == 1


def test_arrival_pressed_twice_records_one_visit_and_asks_omneo_once(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [], **PAGE})
    mocked_omneo.post(VISITS, json={"data": VISIT}, status=201)
    token = uuid.uuid4()

    _arrive(staff_user, omneo_client, token=token)
    with pytest.raises(AlreadySent):
        _arrive(staff_user, omneo_client, token=token)
    # ...and once more from a second tab still showing "Confirmed" (its own token)
    _arrive(staff_user, omneo_client)

    assert _visit_posts(mocked_omneo) == 1
    assert [m for m, _ in _calls(mocked_omneo)] == ["PUT", "GET", "POST", "PUT"]
    assert AppointmentWrite.objects.filter(kind=Kind.VISIT).count() == 1


def test_the_same_arrival_again_records_a_visit_the_first_press_left_unclaimed(
    staff_user, omneo_client, mocked_omneo
):
    # Given an arrival Omneo took, whose process stopped before the visit was claimed
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [], **PAGE})
    mocked_omneo.post(VISITS, json={"data": VISIT}, status=201)
    token = uuid.uuid4()
    _arrive(staff_user, omneo_client, token=token, seen=_seen(profile_id="", profile=None))
    assert not AppointmentWrite.objects.filter(kind=Kind.VISIT).exists()

    # When the same arrival is pressed again
    with pytest.raises(AlreadySent):
        _arrive(staff_user, omneo_client, token=token)

    # Then its visit is recorded, and the arrival is not sent again
    assert _visit().outcome == Outcome.DONE
    assert [m for m, _ in _calls(mocked_omneo)] == ["PUT", "GET", "POST"]


def test_an_appointment_without_a_customer_records_no_visit(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived", profile_id=None)})

    _arrive(staff_user, omneo_client, seen=_seen(profile_id=None, profile=None))

    assert _calls(mocked_omneo) == [("PUT", PUT)]
    assert visit_states(appointment_ids=[501]) == {}


def test_a_refused_arrival_records_no_visit(staff_user, omneo_client, mocked_omneo):
    refusal = {"message": "Invalid.", "errors": {"status": ["Cannot become arrived."]}}
    mocked_omneo.put(PUT, json=refusal, status=422)

    with pytest.raises(Exception, match="rejected"):
        _arrive(staff_user, omneo_client)

    assert _calls(mocked_omneo) == [("PUT", PUT)]
    assert not AppointmentWrite.objects.filter(kind=Kind.VISIT).exists()


def test_a_visit_omneo_cannot_take_leaves_the_arrival_standing(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [], **PAGE})
    mocked_omneo.post(VISITS, body=requests.ConnectTimeout("refused"))

    arrival = _arrive(staff_user, omneo_client)

    assert (arrival.outcome, arrival.status_after) == (Outcome.DONE, "arrived")
    assert _visit().outcome == Outcome.FAILED
    assert visit_states(appointment_ids=[501]) == {501: RETRYING}
    checks = DBTaskResult.objects.filter(task_path="booking_portal.writes.tasks.settle_write")
    assert checks.filter(args_kwargs__args__0=_visit().pk).exists()  # the worker takes it on


def test_a_visit_look_up_omneo_cannot_answer_sends_nothing_and_fails(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, body=requests.ReadTimeout("slow"))

    _arrive(staff_user, omneo_client)

    assert _visit_posts(mocked_omneo) == 0
    assert (_visit().outcome, _visit().check_result) == (Outcome.FAILED, "unreachable")


def test_a_visit_whose_answer_is_lost_is_found_by_its_external_id(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    mocked_omneo.get(VISITS, json={"data": [], **PAGE})
    mocked_omneo.get(VISITS, json={"data": [VISIT], **PAGE})  # the read-back after the 500
    mocked_omneo.post(VISITS, body="<html>Server Error</html>", status=500)

    _arrive(staff_user, omneo_client)

    visit = _visit()
    assert (visit.outcome, visit.recovered) == (Outcome.DONE, True)
    assert _visit_posts(mocked_omneo) == 1


def test_the_worker_settles_a_lost_visit_then_sends_it_again_once_omneo_lacks_it(
    staff_user, omneo_client, omneo, settings
):
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0
    omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    omneo.get(VISITS, json={"data": [], **PAGE})
    omneo.post(VISITS, body=requests.ReadTimeout("slow"))

    # Given a visit whose outcome is unknown (Omneo did not make it)
    _arrive(staff_user, omneo_client)
    lost = _visit()
    assert lost.outcome in {Outcome.UNKNOWN, Outcome.FAILED}

    # When the worker checks it: not in Omneo, so failed, and queued to be sent again
    settle_write.call(lost.pk, 0)
    lost.refresh_from_db()
    assert lost.outcome == Outcome.FAILED
    retry = DBTaskResult.objects.get(task_path="booking_portal.writes.visits.visit_retry")
    assert retry.args_kwargs["args"] == [lost.pk]

    # And when the retry runs, the visit is looked up, then added once
    omneo.replace("POST", VISITS, json={"data": VISIT}, status=201)
    assert visit_retry.call(lost.pk) == Outcome.DONE
    assert visit_retry.call(lost.pk) == "superseded"  # a second run of the same retry
    assert _visit_posts(omneo) == 2  # the lost one (never made) and the retry
    assert visit_states(appointment_ids=[501]) == {501: RECORDED}


def test_the_worker_gives_up_after_its_tries(staff_user, omneo):
    body = {"visited_at": "2026-05-11 10:05:00", "timezone": MELBOURNE, "external_id": "APPT-501"}
    for _ in range(VISIT_TRIES):
        last = AppointmentWrite.objects.create(
            action_token=uuid.uuid4(),
            written_by=staff_user,
            kind=Kind.VISIT,
            target="visit:APPT-501",
            appointment_id=501,
            profile_id="p-1",
            body=body,
            outcome=Outcome.FAILED,
            answered_at=timezone.now() - timedelta(minutes=5),
        )

    settle_write.call(last.pk, 0)

    assert not DBTaskResult.objects.filter(task_path="booking_portal.writes.visits.visit_retry")
    assert visit_states(appointment_ids=[501]) == {501: GIVEN_UP}


def test_a_visit_omneo_refuses_is_not_retried(staff_user, omneo_client, omneo):
    omneo.put(PUT, json={"data": appointment_json(status="arrived")})
    omneo.get(VISITS, json={"data": [], **PAGE})
    refusal = {"message": "Invalid.", "errors": {"staff_id": ["The selected staff id is invalid."]}}
    omneo.post(VISITS, json=refusal, status=422)

    _arrive(staff_user, omneo_client)
    settle_write.call(_visit().pk, 0)

    assert _visit().outcome == Outcome.REJECTED
    assert not DBTaskResult.objects.filter(task_path="booking_portal.writes.visits.visit_retry")
    assert visit_states(appointment_ids=[501]) == {501: REFUSED}


def test_an_older_seal_without_the_customer_still_opens():
    from django.core import signing

    from booking_portal.appointments.seen import SALT, seen_open

    data = {key: value for key, value in vars(_seen()).items() if key != "profile_id"}
    seal = signing.dumps(data, salt=SALT, compress=True)

    seen = seen_open(seal, appointment_id=501)

    assert seen is not None
    assert seen.profile_id == ""
    assert _seen().profile_id == "p-1"


def test_an_arrival_settled_by_the_worker_records_its_visit_then(staff_user, omneo_client, omneo):
    # Given an arrival whose answer was lost, and Omneo not showing it straight after
    omneo.put(PUT, body=requests.ReadTimeout("slow"))
    omneo.get(PUT, json={"data": appointment_json(status="confirmed")})
    with pytest.raises(Exception, match="unknown"):
        _arrive(staff_user, omneo_client)
    assert not AppointmentWrite.objects.filter(kind=Kind.VISIT).exists()

    # When the worker finds it arrived
    omneo.replace("GET", PUT, json={"data": appointment_json(status="arrived")})
    omneo.get(VISITS, json={"data": [], **PAGE})
    omneo.post(VISITS, json={"data": VISIT}, status=201)
    arrival = AppointmentWrite.objects.get(kind=Kind.ARRIVE)
    settle_write.call(arrival.pk, 0)
    settle_write.call(arrival.pk, 0)  # the safety-net check, later

    # Then the visit is recorded once, at the time staff pressed Mark arrived
    arrival.refresh_from_db()
    assert (arrival.outcome, arrival.recovered) == (Outcome.DONE, True)
    assert _visit_posts(omneo) == 1
    visit = _visit()
    assert visit.outcome == Outcome.DONE
    pressed = arrival.created_at.astimezone(ZoneInfo(MELBOURNE)).strftime("%Y-%m-%d %H:%M:%S")
    assert visit.body["visited_at"] == pressed
    assert visit.body["staff_id"] == "s-1"
