"""A record of each refused Clienteling context: what was claimed and why it was refused.

The token and anything else that could sign in are never kept; only the ids the message claimed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from booking_portal.omneo.resources import ClientelingContext

from .models import ClientelingRefusal

logger = logging.getLogger(__name__)

SHORT = 64


def _claimed(value: Any, limit: int = SHORT) -> str:
    return "" if value is None else str(value)[:limit]


def refusal_record(
    *,
    reason: str,
    message: str,
    claimed: Mapping[str, Any] | None,
    origin: str = "",
    detail: str = "",
) -> ClientelingRefusal:
    """Keep one refusal; `claimed` is the message as received (its token is never read)."""
    context = ClientelingContext.from_message(claimed) if isinstance(claimed, Mapping) else None
    logger.warning(
        "Clienteling context refused: %s",
        reason,
        extra={"clienteling_refusal": reason, "clienteling_detail": detail},
    )
    return ClientelingRefusal.objects.create(
        reason=reason[:SHORT],
        message=message,
        detail=detail[:255],
        origin=_claimed(origin, 255),
        omneo_user_id=_claimed(context.user.get("id")) if context else "",
        omneo_staff_id=_claimed(context.staff_id) if context else "",
        location_id=_claimed(context.location_id) if context else "",
        profile_id=_claimed(context.profile_id) if context else "",
    )
