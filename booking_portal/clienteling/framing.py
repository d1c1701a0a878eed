"""Framing only where meant: the embed pages may be framed by Clienteling's origins, no others.

Every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'` from settings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP


def framed_by_clienteling(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send `frame-ancestors` of CLIENTELING_ORIGINS ('none' when unset) and no X-Frame-Options."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        ancestors = list(settings.CLIENTELING_ORIGINS) or [CSP.NONE]
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": ancestors}  # type: ignore[attr-defined]
        response.xframe_options_exempt = True  # type: ignore[attr-defined]
        return response

    return wrapped
