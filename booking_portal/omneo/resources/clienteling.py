"""Who is signed in to Omneo, the Clienteling context message, and tenant custom fields."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from booking_portal.omneo.timeparse import parse_datetime

from .parsing import JSON, as_dict, as_list, as_str, opt_int, opt_str

# Below this an epoch number is read as seconds, at or above it as milliseconds: 10^11 seconds
# is the year 5138, 10^11 milliseconds is March 1973.
MILLISECONDS_FROM = 10**11


def epoch_moment(value: object) -> datetime | None:
    """A token's expiry as an aware UTC moment: epoch seconds or milliseconds, or ISO 8601.

    Omneo does not state the unit, so the size of the number decides; anything unreadable is None.
    """
    if isinstance(value, bool) or value is None:
        return None
    number: float | None = None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and value.strip():
        try:
            number = float(value.strip())
        except ValueError:
            return parse_datetime(value)
    if number is None or not math.isfinite(number) or number <= 0:
        return None
    seconds = number / 1000 if number >= MILLISECONDS_FROM else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


@dataclass(frozen=True)
class OmneoUser:
    """A CX user as `GET /v3/users/me` describes them (not a staff profile)."""

    id: str
    name: str = ""
    email: str | None = None
    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OmneoUser:
        """Unwrapped as documented, or inside `data` as other endpoints answer."""
        source = as_dict(data.get("data")) if "id" not in data and "data" in data else dict(data)
        roles = tuple(
            as_str(role.get("handle") or role.get("name")) if isinstance(role, dict) else str(role)
            for role in as_list(source.get("roles"))
        )
        permissions = tuple(
            as_str(item.get("name") or item.get("handle")) if isinstance(item, dict) else str(item)
            for item in as_list(source.get("permissions"))
        )
        return cls(
            id=as_str(source.get("id")),
            name=as_str(source.get("name")),
            email=opt_str(source.get("email")),
            roles=tuple(role for role in roles if role),
            permissions=tuple(item for item in permissions if item),
        )


@dataclass(frozen=True)
class ClientelingContext:
    """What Clienteling's `OMNEO_CLIENTELING_CONTEXT` message says; nothing in it is trusted."""

    token: str
    expiry: datetime | None
    profile_id: str | None
    staff_id: str | None
    location_id: int | None
    tenant: str | None
    timestamp: datetime | None = None
    user: JSON = field(default_factory=dict)

    @classmethod
    def from_message(cls, message: Mapping[str, Any]) -> ClientelingContext:
        """The current shape, or an older parent's with every field inside `data`."""
        body = as_dict(message.get("data")) if "data" in message else dict(message)
        staff = as_dict(body.get("staff"))
        auth = as_dict(body.get("authentication"))
        environment = as_dict(body.get("environment"))
        store = as_dict(staff.get("store")) or as_dict(body.get("location"))
        return cls(
            token=as_str(auth.get("token")),
            expiry=epoch_moment(auth.get("expiry")),
            profile_id=opt_str(as_dict(body.get("profile")).get("id")),
            staff_id=opt_str(as_dict(staff.get("current")).get("id")),
            location_id=opt_int(store.get("id")),
            tenant=opt_str(environment.get("tenant")),
            timestamp=epoch_moment(body.get("timestamp")),
            user=as_dict(auth.get("user")),
        )


@dataclass(frozen=True)
class CustomField:
    """A tenant custom field, such as a Clienteling app's registration."""

    namespace: str
    handle: str
    type: str = "json"
    value: Any = None

    @property
    def key(self) -> str:
        return f"{self.namespace}:{self.handle}"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CustomField:
        return cls(
            namespace=as_str(data.get("namespace")),
            handle=as_str(data.get("handle")),
            type=as_str(data.get("type")) or "json",
            value=data.get("value"),
        )

    def to_json(self) -> JSON:
        return {
            "namespace": self.namespace,
            "handle": self.handle,
            "type": self.type,
            "value": self.value,
        }
