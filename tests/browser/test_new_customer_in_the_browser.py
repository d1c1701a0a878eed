"""The inline new-customer form inside the booking form, driven by htmx in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page, expect

from booking_portal.bookings import new_customer
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxProfile

pytestmark = pytest.mark.browser


def open_new_customer_form(page: Page) -> None:
    page.get_by_label("Find a customer").fill("zz")  # a search that finds no one
    expect(page.locator("#no-customers")).to_be_visible()
    page.get_by_role("button", name="Add a new customer").click()
    expect(page.get_by_role("heading", name="New customer")).to_be_visible()


def fill(page: Page, email: str) -> None:
    page.locator("#id_new_customer-first_name").fill("Priya")
    page.locator("#id_new_customer-last_name").fill("Raman")
    page.locator("#id_new_customer-email").fill(email)
    page.locator("#id_new_customer-mobile_phone").fill("0499 000 111")


def test_a_taken_email_is_marked_then_the_new_customer_is_chosen(signed_in_page: Page):
    page = signed_in_page
    page.get_by_label("Notes").fill("Keep these notes")
    open_new_customer_form(page)
    fill(page, "AVA.NGUYEN@example.com")

    with page.expect_request("**/book/customer/new/") as sent:
        page.get_by_role("button", name="Add customer").click()

    email = page.locator("#id_new_customer-email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_new_customer-email_error")).to_contain_text("already been taken")
    expect(email).to_have_value("AVA.NGUYEN@example.com")
    expect(page.locator("#id_new_customer-mobile_phone")).to_have_value("0499 000 111")
    expect(page.locator("[aria-busy=true]")).to_have_count(0)  # nothing left greyed out
    assert set(parse_qs(sent.value.post_data)) == {
        "new_customer-first_name",
        "new_customer-last_name",
        "new_customer-email",
        "new_customer-mobile_phone",
    }  # only its own inputs, never the booking form's

    email.fill("priya.raman@example.net")
    page.get_by_role("button", name="Add customer").click()

    expect(page.locator("[data-recap-for=customer]")).to_have_text("Priya Raman")
    added = SandboxProfile.objects.get()
    expect(page.locator(f"input[name='profile'][value='{added.pk}']")).to_be_checked()
    expect(page.locator("#new-customer")).to_have_count(0)
    expect(page.get_by_label("Notes")).to_have_value("Keep these notes")


def test_omneo_failing_keeps_the_typed_customer_and_says_so(signed_in_page: Page):
    page = signed_in_page
    open_new_customer_form(page)
    fill(page, "priya.raman@example.net")
    faults.arm(kind="server_error", path_suffix="/v3/profiles")

    page.get_by_role("button", name="Add customer").click()

    expect(page.locator("#new-customer [role=alert]")).to_have_text(
        new_customer.ADD_OUTCOME_UNKNOWN
    )
    expect(page.locator("#id_new_customer-email")).to_have_value("priya.raman@example.net")
    expect(page.locator("#id_new_customer-first_name")).to_have_value("Priya")
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    assert not SandboxProfile.objects.exists()
