"""Walk-ins on the store's day: the queue's rows, who is here now, and what each row offers.

Each row's actions carry a signed snapshot of the entry as the page showed it, so a press is
checked without a read: a status the row did not offer, or a change the portal made to the
entry since the page was shown, is refused before anything is sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.core import signing
from django.utils import timezone

from booking_portal.common.display import duration_in_words, status_in_words
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import Appointment, Definition, QueueEntry
from booking_portal.writes.models import UNSETTLED, AppointmentWrite
from booking_portal.writes.queues import queue_entry_target

from . import messages
from .walkin_booking import WalkInBooked

Kind = AppointmentWrite.Kind
SALT = "appointments.walk-in-seen"
MAX_AGE_SECONDS = 12 * 60 * 60
# Status → the actions a walk-in's row offers (served and cancelled are final).
WALK_IN_ACTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "waiting": (
        (Kind.QUEUE_CALL, "Call"),
        (Kind.QUEUE_SERVE, "Served"),
        (Kind.QUEUE_REMOVE, "Remove"),
    ),
    "called": ((Kind.QUEUE_SERVE, "Served"), (Kind.QUEUE_REMOVE, "Remove")),
}
WALK_IN_WORDS = {
    "waiting": "Waiting",
    "called": "Called",
    "served": "Served",
    "cancelled": "Removed",
}


def walk_in_offers(status: str, kind: str) -> bool:
    return any(offered == kind for offered, _label in WALK_IN_ACTIONS.get(status, ()))


@dataclass(frozen=True)
class WalkInSeen:
    """What the page showed of a queue entry, and when."""

    id: int
    status: str
    location_id: int
    definition_id: int
    profile_id: str
    meta: dict[str, Any]
    shown_at: str
    bookable: bool = False  # its service can be booked ahead, so "Served, book" may open it

    @property
    def shown(self) -> datetime:
        return datetime.fromisoformat(self.shown_at)


def walk_in_seal(entry: QueueEntry, *, bookable: bool, now: datetime) -> str:
    seen = WalkInSeen(
        id=entry.id,
        status=entry.status,
        location_id=entry.location_id,
        definition_id=entry.appointment_definition_id,
        profile_id=entry.profile_id or "",
        meta=dict(entry.meta),
        shown_at=now.isoformat(),
        bookable=bookable,
    )
    return signing.dumps(asdict(seen), salt=SALT, compress=True)


def walk_in_open(seal: str, *, entry_id: int) -> WalkInSeen | None:
    """The entry the page showed, or None for a seal that is forged, stale or another's."""
    try:
        seen = WalkInSeen(**signing.loads(seal, salt=SALT, max_age=MAX_AGE_SECONDS))
    except (signing.BadSignature, TypeError):
        return None
    return seen if seen.id == entry_id else None


def walk_in_name(entry: QueueEntry) -> str:
    if entry.profile is not None:
        return entry.profile.display_name
    return messages.WALK_IN_ANONYMOUS if entry.is_anonymous else str(entry.profile_id)


def walk_in_waited(entry: QueueEntry, *, now: datetime) -> str:
    """How long the walk-in has waited: until now, or until they were called."""
    if entry.created_at is None:
        return ""
    called = entry.meta.get("called_at") if entry.status == "called" else None
    until = now
    if isinstance(called, str):
        try:
            until = datetime.fromisoformat(called)
        except ValueError:
            until = now
    return duration_in_words(until - entry.created_at) or "under a minute"


@dataclass(frozen=True)
class WalkInRow:
    """One walk-in as the day shows it, with the actions its status offers."""

    entry: QueueEntry
    name: str
    service: str
    staff: str
    waited: str
    status_words: str
    seal: str
    buttons: tuple[tuple[str, str], ...]
    action_token: uuid.UUID
    bookable: bool
    unsettled: AppointmentWrite | None = None

    @property
    def unsettled_text(self) -> str:
        if self.unsettled is None:
            return ""
        return messages.WRITE_UNSETTLED.format(kind=self.unsettled.get_kind_display())


def unsettled_queue_writes(entry_ids: Sequence[int]) -> dict[int, AppointmentWrite]:
    """The latest pending or unknown write of each entry that has one."""
    targets = {queue_entry_target(entry_id): entry_id for entry_id in entry_ids}
    writes = AppointmentWrite.objects.filter(target__in=targets, outcome__in=UNSETTLED)
    return {targets[write.target]: write for write in writes.order_by("created_at")}


def walk_in_rows(
    entries: Sequence[QueueEntry],
    *,
    definitions: Sequence[Definition],
    now: datetime | None = None,
) -> list[WalkInRow]:
    """The open entries in arrival order, each with its wait so far and its actions."""
    now = now or timezone.now()
    by_id = {definition.id: definition for definition in definitions}
    unsettled = unsettled_queue_writes([entry.id for entry in entries])
    rows = []
    for entry in entries:
        definition = by_id.get(entry.appointment_definition_id)
        bookable = definition is not None and definition.offers_slots
        in_doubt = unsettled.get(entry.id)
        rows.append(
            WalkInRow(
                entry=entry,
                name=walk_in_name(entry),
                service=definition.name
                if definition
                else f"Service {entry.appointment_definition_id}",
                staff=entry.staff.display_name if entry.staff else "",
                waited=walk_in_waited(entry, now=now),
                status_words=WALK_IN_WORDS.get(entry.status, status_in_words(entry.status)),
                seal=walk_in_seal(entry, bookable=bookable, now=now),
                buttons=() if in_doubt else WALK_IN_ACTIONS.get(entry.status, ()),
                action_token=uuid.uuid4(),
                bookable=bookable,
                unsettled=in_doubt,
            )
        )
    return rows


@dataclass(frozen=True)
class HereNow:
    """Someone in the store now: a booked customer marked arrived, or a walk-in."""

    name: str
    what: str
    since: datetime | None
    status_words: str
    walk_in: bool
    key: str


def here_now(*, appointments: Sequence[Appointment], rows: Sequence[WalkInRow]) -> list[HereNow]:
    """Arrived appointments and walk-ins waiting or called, as one list by arrival."""
    people = [
        HereNow(
            name=a.profile.display_name if a.profile else str(a.profile_id),
            what=a.definition_name,
            since=a.arrived_at or a.scheduled_start_at,
            status_words="Booked · arrived",
            walk_in=False,
            key=f"appointment-{a.id}",
        )
        for a in appointments
        if a.status == "arrived"
    ]
    people += [
        HereNow(
            name=row.name,
            what=row.service,
            since=row.entry.created_at,
            status_words=f"Walk-in · {row.status_words.lower()}",
            walk_in=True,
            key=f"walk-in-{row.entry.id}",
        )
        for row in rows
        if row.entry.is_open
    ]
    return sorted(people, key=lambda person: (person.since is None, person.since))


def walk_in_services(definitions: Sequence[Definition]) -> list[tuple[int, str]]:
    """The services a walk-in can be queued for: walk-in-only services first, then by name."""
    taking = [definition for definition in definitions if definition.takes_walk_ins]
    taking.sort(key=lambda definition: (definition.offers_slots, definition.name))
    return [(definition.id, definition.name) for definition in taking]


@dataclass
class WalkIns:
    """The walk-ins part of the day: its rows, who is here now, or why it could not be read."""

    rows: list[WalkInRow] = field(default_factory=list)
    here: list[HereNow] = field(default_factory=list)
    problem: str = ""
    link: WalkInBooked | None = None  # a served walk-in's booking to link, if any


def walk_ins_read(
    *,
    queue: Sequence[QueueEntry] | OmneoError,
    definitions: Sequence[Definition] | OmneoError,
    appointments: Sequence[Appointment],
    link: WalkInBooked | None = None,
) -> WalkIns:
    """The part from what the day's reads returned: a failed queue read is said, never hidden."""
    known = [] if isinstance(definitions, OmneoError) else definitions
    if isinstance(queue, OmneoError):
        here = here_now(appointments=appointments, rows=[])
        return WalkIns(here=here, problem=messages.WALK_INS_UNAVAILABLE, link=link)
    rows = walk_in_rows(queue, definitions=known)
    return WalkIns(rows=rows, here=here_now(appointments=appointments, rows=rows), link=link)
