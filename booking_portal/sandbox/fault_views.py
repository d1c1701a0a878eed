"""The fault-injection control endpoint: POST arms a fault, DELETE clears them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import faults
from .http import has_sandbox_token, json_body, not_found, unauthenticated


@csrf_exempt
def fault_control(request: HttpRequest) -> HttpResponse:
    """POST arms a fault, DELETE clears them; absent unless fault injection is enabled."""
    if not settings.OMNEO_SANDBOX_FAULTS:
        return not_found()
    if not has_sandbox_token(request):
        return unauthenticated()
    if request.method == "DELETE":
        faults.clear()
        return HttpResponse(status=204)
    body = json_body(request)
    if request.method != "POST" or not isinstance(body, dict):
        return JsonResponse({"message": "POST a JSON object."}, status=400)
    try:
        faults.arm(
            **{
                k: v
                for k, v in body.items()
                if k in ("kind", "method", "path_suffix", "times", "seconds")
            }
        )
    except (TypeError, ValueError) as exc:
        return JsonResponse({"message": str(exc)}, status=422)
    return JsonResponse({"armed": body}, status=201)
