"""What a browser downloads: hashed, compressed static files cached for good, compressed pages.

The rest of the suite renders pages with plain static names (tests/conftest.py); here the project's
own files are collected into a temporary directory with the production storage and served by
WhiteNoise exactly as in production.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import override_settings

from booking_portal import settings as portal_settings
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

TEMPLATES = Path(portal_settings.BASE_DIR) / "templates"
TEMPLATE_STATIC = re.compile(r"""{% static ['"]([^'"]+)['"] %}""")
LINKED_STATIC = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")
HASHED = re.compile(r"\.[0-9a-f]{12}\.(?:css|js)$")
ONE_YEAR = 365 * 24 * 60 * 60
FIRST_LOAD_BUDGET = 100 * 1000
PEOPLE = [
    {"id": f"00000000-0000-4000-8000-{n:012d}", "first_name": f"Ava{n}", "last_name": "Nguyen"}
    for n in range(12)
]


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's static files collected once with the production storage (hashes, .gz, .br)."""
    root = tmp_path_factory.mktemp("staticfiles")
    own_files_only = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(
        STATIC_ROOT=root, STORAGES=portal_settings.STORAGES, STATICFILES_FINDERS=own_files_only
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(collected: Path, settings) -> Path:
    """Pages link hashed names and WhiteNoise serves the collected files (as with DEBUG off)."""
    settings.STATIC_ROOT = collected
    settings.STORAGES = portal_settings.STORAGES
    return collected


def linked_static(html: str) -> list[str]:
    return LINKED_STATIC.findall(html)


def max_age(cache_control: str) -> int:
    match = re.search(r"max-age=(\d+)", cache_control)
    return int(match.group(1)) if match else 0


def wire_size(response) -> int:
    """Bytes of the body as sent (compressed if it was); reading a file response closes it."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body)


def test_pages_link_static_files_by_content_hash(client, production_static):
    links = linked_static(client.get("/accounts/login/").text)

    assert len(links) == 3  # Bootstrap's CSS, the portal's CSS, htmx; no Bootstrap JavaScript
    assert all(HASHED.search(link) for link in links), links


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_served_compressed_and_immutable_for_a_year(
    client, production_static, encoding
):
    for link in linked_static(client.get("/accounts/login/").text):
        response = client.get(link, HTTP_ACCEPT_ENCODING=encoding)

        assert response.status_code == 200, link
        assert response["Content-Encoding"] == encoding, link
        assert "immutable" in response["Cache-Control"], link
        assert max_age(response["Cache-Control"]) >= ONE_YEAR, link
        wire_size(response)


def test_first_load_of_every_page_and_asset_fits_the_budget(client, production_static):
    # Every static file any template links, plus the sign-in page, as a browser fetches them.
    names = {
        name
        for template in TEMPLATES.rglob("*.html")
        for name in TEMPLATE_STATIC.findall(template.read_text())
    }
    page = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    sizes = {
        name: wire_size(
            client.get(staticfiles_storage.url(name), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        )
        for name in names
    }

    assert {"vendor/bootstrap.min.css", "vendor/htmx.min.js", "js/booking.js"} <= names
    assert wire_size(page) + sum(sizes.values()) <= FIRST_LOAD_BUDGET, sizes


def test_pages_are_gzip_compressed(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip, deflate")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.django_db
def test_htmx_fragments_are_gzip_compressed(client, staff_user, settings, mocked_omneo):
    settings.OMNEO_BASE_URL, settings.OMNEO_API_TOKEN = MOCK_BASE_URL, MOCK_TOKEN
    mocked_omneo.get(f"{MOCK_BASE_URL}/v3/profiles", json={"data": PEOPLE})
    client.force_login(staff_user)

    response = client.get(
        "/book/parts/customers/",
        {"profile_search": "ava"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_ENCODING="gzip",
    )

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
