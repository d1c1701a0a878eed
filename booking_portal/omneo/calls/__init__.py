"""OmneoClient's calls, one mixin per Omneo resource family, over the client's one _request()."""

from __future__ import annotations

from .appointments import AppointmentCalls
from .availability import AvailabilityCalls
from .base import DEFAULT_MAX_PAGES, segment
from .clienteling import ClientelingCalls
from .definitions import DefinitionCalls
from .profiles import ProfileCalls
from .queues import QueueCalls
from .visits import VisitCalls
from .waitlists import WaitlistCalls

__all__ = [
    "DEFAULT_MAX_PAGES",
    "AppointmentCalls",
    "AvailabilityCalls",
    "ClientelingCalls",
    "DefinitionCalls",
    "ProfileCalls",
    "QueueCalls",
    "VisitCalls",
    "WaitlistCalls",
    "segment",
]
