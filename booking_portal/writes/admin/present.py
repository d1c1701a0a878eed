"""The present state of a booked appointment, for the attempt's admin page.

The detail page reads Omneo's status on view (cached 60 s by the selector; a failed read says
so). The changelist filter never asks Omneo per row: it uses the last status the portal knows —
the latest done write through the portal, else the status Omneo answered the create with.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from booking_portal.common.display import STATUS_WORDS, status_in_words, store_time
from booking_portal.omneo.reads.appointments import appointment_status_cached
from booking_portal.writes.models import AppointmentWrite

STATUS_UNREAD = "Could not read the current status — Omneo did not answer."


def with_last_known_status(queryset: QuerySet) -> QuerySet:
    """Annotate last_known_status: the latest done portal write's status, else the create's."""
    latest = (
        AppointmentWrite.objects.filter(
            appointment_id=OuterRef("omneo_appointment_id"),
            outcome=AppointmentWrite.Outcome.DONE,
        )
        .exclude(status_after="")
        .exclude(kind=AppointmentWrite.Kind.WAITLIST_FULFIL)
        .order_by("-created_at")
        .values("status_after")[:1]
    )
    return queryset.annotate(
        last_known_status=Coalesce(
            Subquery(latest), KT("response_body__data__status"), output_field=CharField()
        )
    )


class LastKnownStatusFilter(admin.SimpleListFilter):
    title = "current status (last known to the portal)"
    parameter_name = "current_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return list(STATUS_WORDS.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        return with_last_known_status(queryset).filter(last_known_status=self.value())


def current_status_html(appointment_id: int | None) -> str:
    if appointment_id is None:
        return "—"
    status = appointment_status_cached(appointment_id=appointment_id)
    return status_in_words(status) if status is not None else STATUS_UNREAD


def _who(write: AppointmentWrite) -> str:
    """The portal login, and the associate's Omneo staff id when the writer was linked."""
    username = write.written_by.get_username()
    return f"{username} ({write.omneo_staff_id})" if write.omneo_staff_id else username


def history_html(appointment_id: int | None) -> str:
    """The appointment's actions through the portal, oldest first."""
    if appointment_id is None:
        return "—"
    writes = (
        AppointmentWrite.objects.filter(appointment_id=appointment_id)
        .select_related("written_by")
        .order_by("created_at")
    )
    if not writes:
        return "No actions through the portal."
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                store_time(write.created_at, write.timezone),
                _who(write),
                write.get_kind_display(),
                write.get_outcome_display(),
                write.reason or "—",
            )
            for write in writes
        ),
    )
    return format_html(
        "<table><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Outcome</th>"
        "<th>Reason</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )
