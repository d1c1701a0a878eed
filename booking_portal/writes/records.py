"""Claiming a write before Omneo is called, and recording what Omneo answered.

A claim is one INSERT: unique constraints refuse a used token, and a second write to the same
booking or Omneo record while one is unsettled, so two tabs cannot race past each other. The
claim and its safety-net check are written in one transaction: should the process die mid-call,
the worker settles the write; without the check, a pending write would hold its target for good.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from booking_portal.omneo.errors import OmneoError, OmneoValidationError
from booking_portal.staff.links import omneo_staff_id_loaded, omneo_staff_id_of

from .models import UNSETTLED, OmneoWrite
from .outcomes import failure_outcome
from .tasks import check_later


class AlreadySent(Exception):
    """The form's or action's token was claimed already: Omneo is not called again."""

    def __init__(self, *, record: OmneoWrite) -> None:
        super().__init__(f"Already sent ({type(record).__name__} {record.pk}).")
        self.record = record


class StillUnsettled(Exception):
    """Another write to the same target is not settled yet: no second one is sent."""

    def __init__(self, *, record: OmneoWrite) -> None:
        super().__init__(f"{type(record).__name__} {record.pk} is still {record.outcome}.")
        self.record = record


def unsettled_twin[W: OmneoWrite](model: type[W], *, target: dict[str, Any]) -> W | None:
    """The oldest pending, unknown or under-review write to the same target."""
    return model.objects.filter(**target, outcome__in=UNSETTLED).order_by("created_at").first()


def write_claim[W: OmneoWrite](model: type[W], *, target: dict[str, Any], **fields: Any) -> W:
    """Insert the pending record and queue its safety-net check, in one transaction.

    `target` names the columns that say what in Omneo the write changes. Raises AlreadySent for
    a used token and StillUnsettled while the target has an unsettled write; both are decided by
    the database's unique constraints. The associate's Omneo staff id is recorded with the writer.
    """
    writer = fields.get("written_by") or fields.get("booked_by")
    known = omneo_staff_id_loaded(writer)  # no read before the claim: the constraints decide
    if known:
        fields.setdefault("omneo_staff_id", known)
    try:
        with transaction.atomic():
            record = model.objects.create(**target, **fields)
            if known is None and writer is not None and omneo_staff_id_of(writer):
                record.record(omneo_staff_id=omneo_staff_id_of(writer))
            check_later(record)
    except IntegrityError:
        token = fields[model.token_field]
        existing = model.objects.filter(**{model.token_field: token}).first()
        if existing is not None:
            raise AlreadySent(record=existing) from None
        twin = unsettled_twin(model, target=target)
        if twin is not None:
            raise StillUnsettled(record=twin) from None
        raise
    return record


def record_failure(record: OmneoWrite, error: OmneoError, *, duration_ms: int | None) -> None:
    """Keep what Omneo (or the network) said, and the outcome it means."""
    messages = [error.message]
    field_errors: dict[str, list[str]] = {}
    if isinstance(error, OmneoValidationError):
        field_errors = {key: list(value) for key, value in error.field_errors.items()}
        messages += [text for texts in field_errors.values() for text in texts]
    try:
        body, text = (json.loads(error.body) if error.body else None), ""
    except ValueError:
        body, text = None, error.body_excerpt
    record.record(
        outcome=str(failure_outcome(error)),
        answered_at=timezone.now(),
        http_status=error.status,
        error_class=type(error).__name__,
        error_messages=messages,
        field_errors=field_errors,
        response_body=body,
        response_text=text,
        duration_ms=duration_ms,
    )
