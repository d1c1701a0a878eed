"""The sandbox's customers: the demo ones (data.py) and those added through POST /v3/profiles.

Omneo's rules for a new profile: first and last name and email required, the email unique
whatever its case, the mobile optional but unique and in E.164 when given.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxProfile
from booking_portal.sandbox.validation import Errors, add

E164 = re.compile(r"\+[1-9]\d{6,14}")
MAX_LENGTH = 255
FIELDS = ("first_name", "last_name", "email", "mobile_phone")
REQUIRED = ("first_name", "last_name", "email")
TOO_LONG = f"The :attribute field must not be greater than {MAX_LENGTH} characters."


def _as_json(row: SandboxProfile) -> dict[str, Any]:
    return {
        "id": row.pk,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "full_name": f"{row.first_name} {row.last_name}",
        "email": row.email,
        "mobile_phone": row.mobile_phone,
    }


def profile_find(profile_id: str) -> dict[str, Any] | None:
    """A customer by id, demo or added; None when there is none."""
    if profile_id in data.PROFILES:
        return data.PROFILES[profile_id]
    row = SandboxProfile.objects.filter(pk=profile_id).first() if profile_id else None
    return None if row is None else _as_json(row)


def profile_of(profile_id: str) -> dict[str, Any]:
    """A customer by id, as profile_find; KeyError when there is none (as data.PROFILES[id])."""
    profile = profile_find(profile_id)
    if profile is None:
        raise KeyError(profile_id)
    return profile


def profile_all() -> list[dict[str, Any]]:
    """Every customer: the demo ones, then those added, oldest first."""
    added = [_as_json(row) for row in SandboxProfile.objects.all()]
    return [*data.PROFILES.values(), *added]


def email_taken(email: str) -> bool:
    wanted = email.lower()
    if any(p["email"].lower() == wanted for p in data.PROFILES.values()):
        return True
    return SandboxProfile.objects.annotate(key=Lower("email")).filter(key=wanted).exists()


def mobile_taken(mobile: str) -> bool:
    if any(p["mobile_phone"] == mobile for p in data.PROFILES.values()):
        return True
    return SandboxProfile.objects.filter(mobile_phone=mobile).exists()


def _trimmed(body: Any) -> dict[str, Any]:
    """The body as Laravel reads it: strings trimmed, empty strings null, only known fields."""
    source = body if isinstance(body, dict) else {}
    values = {}
    for key in FIELDS:
        value = source.get(key)
        if isinstance(value, str):
            value = value.strip() or None
        values[key] = value
    return values


def _string_errors(errors: Errors, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if value is None:
            if key in REQUIRED:
                add(errors, key, "The :attribute field is required.")
        elif not isinstance(value, str):
            add(errors, key, "The :attribute field must be a string.")
        elif len(value) > MAX_LENGTH:
            add(errors, key, TOO_LONG)


def _contact_errors(errors: Errors, email: Any, mobile: Any) -> None:
    """Email format and mobile format, then whether another profile has either."""
    if isinstance(email, str) and not errors.get("email"):
        try:
            validate_email(email)
        except ValidationError:
            add(errors, "email", "The :attribute field must be a valid email address.")
        else:
            if email_taken(email):
                add(errors, "email", "The :attribute has already been taken.")
    if isinstance(mobile, str) and not errors.get("mobile_phone"):
        if not E164.fullmatch(mobile):
            add(errors, "mobile_phone", "The :attribute field format is invalid.")
        elif mobile_taken(mobile):
            add(errors, "mobile_phone", "The :attribute has already been taken.")


def create_errors(body: Any) -> Errors:
    """Every reason to refuse a new profile; empty when it may be stored."""
    values = _trimmed(body)
    errors: Errors = {}
    _string_errors(errors, values)
    _contact_errors(errors, values["email"], values["mobile_phone"])
    return errors


def profile_create(body: Any) -> tuple[Errors, dict[str, Any] | None]:
    """Store a new profile: its JSON, or the errors when it is refused.

    The database's unique indexes settle two creates racing for one email or mobile.
    """
    errors = create_errors(body)
    if errors:
        return errors, None
    values = _trimmed(body)
    try:
        with transaction.atomic():
            row = SandboxProfile.objects.create(id=str(uuid.uuid4()), **values)
    except IntegrityError:
        errors = create_errors(body)  # the other create has committed by now
        return errors or {"email": ["The email has already been taken."]}, None
    return {}, _as_json(row)


def availability_errors(body: Any) -> Errors:
    """POST /v3/profiles/availability needs an email or a mobile, each a string."""
    values = _trimmed(body)
    errors: Errors = {}
    email, mobile = values["email"], values["mobile_phone"]
    if email is None and mobile is None:
        add(errors, "email", "The :attribute field is required when mobile phone is not present.")
    for key, value in (("email", email), ("mobile_phone", mobile)):
        if value is not None and not isinstance(value, str):
            add(errors, key, "The :attribute field must be a string.")
    return errors


def is_available(body: Any) -> bool:
    """Whether no profile has the email, nor the mobile, the body gives."""
    values = _trimmed(body)
    email, mobile = values["email"], values["mobile_phone"]
    return not (email is not None and email_taken(email)) and not (
        mobile is not None and mobile_taken(mobile)
    )


def search_profiles(term: str) -> list[dict[str, Any]]:
    """Profiles whose name, email or mobile contains the term (case and spacing ignored)."""
    needle = term.strip().lower()
    digits = re.sub(r"\D", "", needle)
    everyone = profile_all()
    if not needle:
        return everyone
    found = []
    for profile in everyone:
        text = f"{profile['full_name']} {profile['email']}".lower()
        phone = profile["mobile_phone"] or ""
        phone_digits = re.sub(r"\D", "", phone)
        local_digits = "0" + phone_digits[2:] if phone_digits.startswith("61") else phone_digits
        if needle in text or (len(digits) >= 3 and digits in f"{phone_digits} {local_digits}"):
            found.append(profile)
    return found
