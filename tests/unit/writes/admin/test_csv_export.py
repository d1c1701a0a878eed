"""CSV export: a cell a spreadsheet would run as a formula starts with an apostrophe."""

from __future__ import annotations

import csv
import io

import pytest

from booking_portal.writes.admin.csv_export import attempts_csv, formula_neutralised
from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+61400000000",
        "-2",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=cmd|' /C calc'!A0",
        "  =x",
        "\n\n+x",
        "\x00=x",
        "\u200b=x",  # zero-width space
        "\ufeff=x",  # byte-order mark
        '\uff1dHYPERLINK("http://evil.example")',  # full-width equals
        "\uff0b1",  # full-width plus
        "\uff0d1",  # full-width hyphen-minus
        "\uff20x",  # full-width commercial at
        "\u3000=x",  # ideographic space
        "\u3000\uff1dx",
        "\u00a0=x",  # no-break space
        "\ufe66x",  # small equals sign
    ],
)
def test_a_formula_is_neutralised_whatever_comes_before_it(text):
    assert formula_neutralised(text) == f"'{text}"


@pytest.mark.parametrize(
    "text", ["Ava Nguyen", "SO-2001", "a=b", " Ava", "", "42", "\tindented", "'quoted"]
)
def test_plain_text_is_left_alone(text):
    assert formula_neutralised(text) == text


@pytest.mark.django_db
def test_the_export_neutralises_customer_text(staff_user):
    BookingAttemptFactory(booked_by=staff_user, customer_name='\t=HYPERLINK("x")')

    response = attempts_csv(BookingAttempt.objects.all(), filename="attempts.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][5] == '\'\t=HYPERLINK("x")'
