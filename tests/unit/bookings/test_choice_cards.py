"""The booking page's choice cards: one radio each, labelled, escaped, chosen and disabled right."""

from __future__ import annotations

import re
from types import SimpleNamespace

from django.template.loader import get_template

from booking_portal.bookings.forms import BookingForm
from booking_portal.bookings.page.words import ServiceChoice
from booking_portal.omneo.resources import Definition, Person


def service(definition_id: int, name: str, *, chosen=False, bookable=True) -> ServiceChoice:
    definition = Definition(id=definition_id, name=name, duration_minutes=45)
    return ServiceChoice(definition, "confirmed at once", "confirmed", bookable, chosen)


def service_cards(services: list[ServiceChoice]) -> str:
    page = SimpleNamespace(services=services)
    return get_template("bookings/book.html#service-cards").render({"page": page})


def customer_cards(people: list[Person], chosen: str) -> str:
    form = BookingForm(initial={"profile": chosen}, profiles=people)
    page = SimpleNamespace(profiles=people, form=form, problems={}, people_seal="")
    return get_template("bookings/book.html#customers").render({"page": page})


def test_each_service_is_a_radio_with_its_own_label():
    html = service_cards([service(1, "Suit fitting"), service(2, "Repair")])

    assert re.findall(r'<input [^>]*id="(id_definition_\d)"', html) == [
        "id_definition_0",
        "id_definition_1",
    ]
    assert '<label class="choice-card" for="id_definition_1">' in html
    assert "45 min · confirmed at once" in html
    assert 'data-recap="Repair" data-duration="45 min" data-status="confirmed"' in html


def test_the_chosen_service_is_checked_and_a_walk_in_one_disabled():
    services = [service(1, "Fitting", chosen=True), service(2, "Walk in", bookable=False)]

    html = service_cards(services)

    first, second = re.findall(r"<input [^>]*>", html)
    assert first.endswith(" checked>")
    assert second.endswith(" disabled>")


def test_names_from_omneo_are_escaped_everywhere():
    html = service_cards([service(1, '<b>"Fit"</b>')])
    people = customer_cards([Person(id="p1", first_name="<i>", last_name='"x"')], chosen="")

    assert "<b>" not in html
    assert "<i>" not in people
    assert 'data-recap="&lt;b&gt;&quot;Fit&quot;&lt;/b&gt;"' in html


def test_a_customer_card_tells_two_of_a_name_apart_and_marks_the_chosen_one():
    people = [
        Person(id="p1", first_name="Ava", last_name="Nguyen", email="ava@example.com"),
        Person(id="p2", first_name="Ava", last_name="Nguyen", mobile_phone="0400 000 000"),
        Person(id="p3", first_name="Ava", last_name="Nguyen"),
    ]

    html = customer_cards(people, chosen="p2")

    assert '<span class="choice-detail">ava@example.com</span>' in html
    assert '<span class="choice-detail">0400 000 000</span>' in html
    assert html.count("choice-detail") == 2  # the third has nothing more to show
    checked = re.findall(r'<input [^>]*value="(p\d)"[^>]* checked>', html)
    assert checked == ["p2"]
