"""The sandbox tenant's CX users, the tokens it issues them, and `auth/verify` / `users/me`."""

from __future__ import annotations

import time
from typing import Any

from django.core import signing
from django.http import HttpRequest

from booking_portal.sandbox import data

TENANT = "sandbox"
TOKEN_SALT = "sandbox.clienteling.token"  # noqa: S105 (a signing salt)
TOKEN_SECONDS = 60 * 60
ASSOCIATE_PERMISSIONS = ("profiles.read", "appointments.read")


def _associate(user_id: int, first: str, last: str) -> dict[str, Any]:
    staff_id = data.demo_uuid(f"staff:{first}.{last}")
    return {
        "id": user_id,
        "name": f"{first} {last}",
        "email": data.STAFF[staff_id]["email"],
        "staff_id": staff_id,
        "location_id": data.STAFF[staff_id]["location_id"],
    }


# Demo associates signed in to Clienteling: one CX user per staff member who stands in a store.
USERS: dict[int, dict[str, Any]] = {
    user["id"]: user
    for user in (
        _associate(501, "Mia", "Chen"),
        _associate(502, "Isla", "Brown"),
        _associate(503, "Ruby", "Taylor"),
    )
}


def token_issue(*, user_id: int, tenant: str = TENANT, expires_at: float | None = None) -> str:
    """A bearer token for a demo user; another tenant's token is refused by this tenant."""
    expiry = time.time() + TOKEN_SECONDS if expires_at is None else expires_at
    return signing.dumps({"user": user_id, "tenant": tenant, "exp": int(expiry)}, salt=TOKEN_SALT)


def token_user(token: str) -> dict[str, Any] | None:
    """The demo user a valid, unexpired token of this tenant belongs to, else None."""
    try:
        claims = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(claims, dict) or claims.get("tenant") != TENANT:
        return None
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= time.time():
        return None
    return USERS.get(claims.get("user"))  # type: ignore[arg-type]


def bearer_user(request: HttpRequest) -> dict[str, Any] | None:
    """The demo user behind the request's bearer token, else None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or not token:
        return None
    return token_user(token.strip())


def user_json(user: dict[str, Any]) -> dict[str, Any]:
    """`users/me` as Omneo answers it: unwrapped, with roles and permissions."""
    return {
        "id": user["id"],
        "name": user["name"],
        "email": user["email"],
        "roles": [{"id": 7, "handle": "store-associate"}],
        "permissions": list(ASSOCIATE_PERMISSIONS),
    }
