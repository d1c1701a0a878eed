"""What staff may type: Omneo id formats, text without control characters, sane dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# Profiles and staff are Omneo profile UUIDs; everything else Omneo numbers is an integer.
OMNEO_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
MAX_OMNEO_INT = 2**63 - 1
SEARCH_MAX_LENGTH = 100
# Bookings and confirmations: this century, and at most five years ahead. Omneo refuses past
# slots itself; the window only keeps absurd dates (year 1, year 9999) from the payload.
BOOKING_EARLIEST = date(2000, 1, 1)
BOOKING_DAYS_AHEAD = 5 * 366
# Answers to date questions (a birthday, an event): a fixed, generous window.
ANSWER_EARLIEST = date(1900, 1, 1)
ANSWER_LATEST = date(2100, 12, 31)

NOT_AN_ID = "Choose from the list."
CONTROL_CHARACTERS = "Remove the control characters (such as tabs or invisible characters)."
OUT_OF_WINDOW = "Enter a date between {earliest} and {latest}."
TEXT_KEEPS = frozenset("\t\n\r")


def is_omneo_uuid(value: object) -> bool:
    """Whether the value looks like an Omneo profile (customer or staff) id."""
    return isinstance(value, str) and OMNEO_UUID.fullmatch(value) is not None


def validate_omneo_uuid(value: str) -> None:
    if not is_omneo_uuid(value):
        raise ValidationError(NOT_AN_ID, code="invalid_id")


def parse_positive_id(value: object) -> int | None:
    """A positive 64-bit id (a record's or Omneo's) from text, or None for anything else."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if 0 < number <= MAX_OMNEO_INT else None


def has_control_characters(text: str, *, keep: frozenset[str] = frozenset()) -> bool:
    """Whether text holds a control character (C0, DEL, C1) or a lone surrogate."""
    return any(unicodedata.category(char) in ("Cc", "Cs") and char not in keep for char in text)


@deconstructible
class NoControlCharacters:
    """Refuse text with control characters; multi-line text keeps tabs and line breaks.

    NUL is left to Django's own ProhibitNullCharactersValidator, so it is reported once.
    """

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        keep = TEXT_KEEPS | {"\x00"} if self.multiline else frozenset({"\x00"})
        if isinstance(value, str) and has_control_characters(value, keep=keep):
            raise ValidationError(CONTROL_CHARACTERS, code="control_characters")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)


single_line = NoControlCharacters()
multi_line = NoControlCharacters(multiline=True)


def booking_window() -> tuple[date, date]:
    """The first and last day a booking, or its confirmation, may fall on."""
    return BOOKING_EARLIEST, timezone.now().date() + timedelta(days=BOOKING_DAYS_AHEAD)


def is_in_booking_window(value: date | datetime) -> bool:
    earliest, latest = booking_window()
    day = value.date() if isinstance(value, datetime) else value
    return earliest <= day <= latest


def validate_booking_window(value: date | datetime) -> None:
    if not is_in_booking_window(value):
        earliest, latest = booking_window()
        message = OUT_OF_WINDOW.format(earliest=earliest.isoformat(), latest=latest.isoformat())
        raise ValidationError(message, code="out_of_window")


def validate_answer_window(value: date | datetime) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not ANSWER_EARLIEST <= day <= ANSWER_LATEST:
        message = OUT_OF_WINDOW.format(
            earliest=ANSWER_EARLIEST.isoformat(), latest=ANSWER_LATEST.isoformat()
        )
        raise ValidationError(message, code="out_of_window")


def is_sane_search(term: str) -> bool:
    """Whether a customer search term may be sent to Omneo at all."""
    return len(term) <= SEARCH_MAX_LENGTH and not has_control_characters(term)
