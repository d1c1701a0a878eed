"""{{ moment|store_time:zone }}: a time on the store's clock, with the zone named."""

from __future__ import annotations

from datetime import datetime

from django import template

from booking_portal.common.display import store_time as in_store_zone

register = template.Library()


@register.filter
def store_time(moment: datetime | None, zone_name: str | None) -> str:
    return in_store_zone(moment, zone_name)
