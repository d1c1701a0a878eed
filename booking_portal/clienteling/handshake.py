"""The handshake: trust a Clienteling context only after Omneo has vouched for its token.

Nothing in the message is believed on its own. The token is checked with `GET /v3/auth/verify`
and its user read with `GET /v3/users/me`, both on the configured tenant (the portal's
OMNEO_BASE_URL; the tenant the message names is ignored). The user is matched to a portal user by
email, that user's staff link must name the associate the message names (a user with no link yet
is linked to that associate, stores aside), the store must be one of theirs, and the customer is
read again from Omneo. The user's token only identifies: writes keep the portal's own token.
Every refusal leaves a ClientelingRefusal for admins.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from booking_portal.common.input_rules import is_omneo_uuid
from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoAuthError, OmneoError, OmneoForbidden, OmneoNotFound
from booking_portal.omneo.reads import profiles
from booking_portal.omneo.reads.catalogue import staff_directory
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.resources import Appointment, ClientelingContext, OmneoUser, Person
from booking_portal.staff.links import staff_link_learn, staff_link_of, staff_match_by_email
from booking_portal.staff.scopes import store_scope

from . import messages
from .embed_session import EmbedSession
from .refusals import refusal_record

# A message older (or further ahead) than this is refused: a replayed or held-back context.
MESSAGE_MAX_AGE = timedelta(seconds=60)


class ContextRefused(Exception):
    """The context cannot be trusted; `message` says why, in words staff can act on."""

    def __init__(self, message: str, *, reason: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class VerifiedContext:
    """A context Omneo vouched for: the session to carry, the customer and their appointments."""

    session: EmbedSession
    customer: Person | None
    appointments: list[Appointment] | OmneoError


def _refuse(message: str, reason: str, **extra: Any) -> ContextRefused:
    detail = " ".join(f"{key}={value}" for key, value in extra.items())
    return ContextRefused(message, reason=reason, detail=detail)


def _message_checked(context: ClientelingContext, now: datetime) -> None:
    if not context.token:
        raise _refuse(messages.NO_CONTEXT, "no token")
    if context.timestamp is None or abs(now - context.timestamp) > MESSAGE_MAX_AGE:
        raise _refuse(messages.STALE, "stale message")
    if context.expiry is None or context.expiry <= now:
        raise _refuse(messages.SIGN_IN_EXPIRED, "expired or no expiry")


def _user_verified(context: ClientelingContext, client: OmneoClient) -> None:
    try:
        client.auth_verify(context.token)
    except (OmneoAuthError, OmneoForbidden) as exc:
        raise _refuse(messages.SIGN_IN_REFUSED, "token refused by Omneo") from exc
    except OmneoError as exc:
        raise _refuse(messages.OMNEO_DOWN, f"verify failed: {type(exc).__name__}") from exc


def _directory_confirms(user: Any, staff_id: str) -> bool:
    """Whether the one staff member Omneo lists with the user's email is this associate."""
    try:
        directory = staff_directory(on=timezone.localdate())
    except OmneoError:
        return False
    match = staff_match_by_email(user=user, directory=directory)
    return match.member is not None and match.member.person.id == staff_id


def _portal_user(omneo_user: OmneoUser, staff_id: str | None) -> Any:
    """The one active portal user with the Omneo user's email, linked to the named associate.

    A user with no staff profile yet is linked to the named associate here (never to a store),
    only when Omneo's staff directory gives that associate the user's email: the message's word
    alone never names who someone is.
    """
    email = (omneo_user.email or "").strip()
    users = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    if not email or len(users) != 1:
        raise _refuse(messages.NOT_LINKED, "no single portal user", omneo_user=omneo_user.id)
    user = users[0]
    link = staff_link_of(user)
    if (
        (link is None or not link.omneo_staff_id)
        and staff_id
        and _directory_confirms(user, staff_id)
    ):
        link = staff_link_learn(user=user, staff_id=staff_id, staff_name=omneo_user.name)
    if link is None or not link.omneo_staff_id:
        raise _refuse(messages.NOT_LINKED, "no staff profile", user=user.pk)
    if staff_id != link.omneo_staff_id:
        raise _refuse(messages.STAFF_MISMATCH, "another associate", user=user.pk)
    return user


def handshake_verify(*, posted: str, origin: str = "") -> VerifiedContext:
    """The context the embed page posted (JSON text), verified; ContextRefused otherwise.

    `origin` is the parent's origin as the page reports it: kept on a refusal, never trusted.
    """
    try:
        message = json.loads(posted)
    except ValueError:
        message = None
    if not isinstance(message, dict):
        refusal_record(
            reason="no context", message=messages.NO_CONTEXT, claimed=None, origin=origin
        )
        raise ContextRefused(messages.NO_CONTEXT, reason="no context")
    return clienteling_context_verify(message=message, origin=origin)


def clienteling_context_verify(
    *, message: Mapping[str, Any], client: OmneoClient | None = None, origin: str = ""
) -> VerifiedContext:
    """Verify a Clienteling context and return the session to start; ContextRefused otherwise.

    Each refusal is recorded once (reason, words, and the ids claimed; never the token).
    Omneo round trips: verify, then users/me beside the customer and their appointments (two
    sequential round trips, three or four calls).
    """
    try:
        return _verified(message, client or get_omneo_client())
    except ContextRefused as refusal:
        refusal_record(
            reason=refusal.reason,
            message=refusal.message,
            claimed=message,
            origin=origin,
            detail=refusal.detail,
        )
        raise


def _verified(message: Mapping[str, Any], client: OmneoClient) -> VerifiedContext:
    now = timezone.now()
    context = ClientelingContext.from_message(message)
    _message_checked(context, now)
    if context.profile_id and not is_omneo_uuid(context.profile_id):
        raise _refuse(messages.CUSTOMER_UNKNOWN, "not a customer id")
    _user_verified(context, client)
    reads: dict[str, Any] = {"me": lambda: client.user_me(context.token)}
    if context.profile_id:
        profile_id = context.profile_id
        reads["customer"] = lambda: profiles.profile_get(profile_id=profile_id, client=client)
        reads["appointments"] = lambda: profiles.profile_appointments(
            profile_id=profile_id, client=client
        )
    results = read_side_by_side(reads)
    me = results["me"]
    if isinstance(me, OmneoAuthError | OmneoForbidden):
        raise _refuse(messages.SIGN_IN_REFUSED, "users/me refused")
    if isinstance(me, OmneoError):
        raise _refuse(messages.OMNEO_DOWN, f"users/me failed: {type(me).__name__}")
    user = _portal_user(me, context.staff_id)
    if context.location_id is None or not store_scope(user).allows(context.location_id):
        raise _refuse(messages.NOT_YOUR_STORE, "not their store", user=user.pk)
    customer = results.get("customer")
    if isinstance(customer, OmneoNotFound):
        raise _refuse(messages.CUSTOMER_UNKNOWN, "no such customer", user=user.pk)
    if isinstance(customer, OmneoError):
        raise _refuse(messages.OMNEO_DOWN, f"customer read failed: {type(customer).__name__}")
    expires_at = min(
        int(context.expiry.timestamp()),  # type: ignore[union-attr]  # checked above
        int(time.time()) + settings.CLIENTELING_SESSION_SECONDS,
    )
    session = EmbedSession(
        user_id=user.pk,
        staff_id=context.staff_id or "",
        location_id=context.location_id,
        profile_id=customer.id if customer else "",
        expires_at=expires_at,
        customer_name=customer.display_name if customer else "",
        customer_email=(customer.email or "") if customer else "",
    )
    return VerifiedContext(session, customer, results.get("appointments", []))
