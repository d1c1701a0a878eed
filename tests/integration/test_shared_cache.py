"""The default cache (no CACHE_URL) is shared by the portal's processes, as gunicorn's workers.

Two processes of the portal, started one after the other with the same database and no
CACHE_URL, read the services through the fault proxy in front of the live sandbox: the second
is answered from what the first read, so Omneo receives the read once.
"""

from __future__ import annotations

import pytest

from tests.support.served import manage, project_env

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

READ_SERVICES = """
from booking_portal.omneo.reads import catalogue
from django.conf import settings
print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])
print(",".join(str(service.id) for service in catalogue.definition_list()))
"""


def services_read_in_a_process(env: dict[str, str]) -> tuple[str, str]:
    """The cache backend a new process of the portal uses, and the services it read."""
    backend, services = manage("shell", "-c", READ_SERVICES, env=env).strip().splitlines()[-2:]
    return backend, services


def definitions_read(forwarded: list[tuple[str, str]]) -> int:
    paths = (path.split("?")[0] for method, path in forwarded if method == "GET")
    return sum(1 for path in paths if path.endswith("/v3/appointment-definitions"))


def test_a_read_made_by_one_process_is_served_from_the_cache_to_another(
    fault_proxy, settings, tmp_path
):
    env = project_env(
        database_url=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        OMNEO_BASE_URL=fault_proxy.base_url,
        OMNEO_API_TOKEN=settings.OMNEO_SANDBOX_TOKEN,
    )
    env.pop("CACHE_URL", None)

    first_backend, first = services_read_in_a_process(env)
    after_first = definitions_read(fault_proxy.forwarded)
    second_backend, second = services_read_in_a_process(env)

    assert first_backend == second_backend == "FileBasedCache"
    assert first == second
    assert first  # services were listed
    assert after_first == 1
    assert definitions_read(fault_proxy.forwarded) == 1  # the second process asked Omneo nothing
    assert (tmp_path / "portal.sqlite3-cache").is_dir()


def test_processes_with_different_databases_keep_their_own_caches(fault_proxy, settings, tmp_path):
    def env_for(name: str) -> dict[str, str]:
        return project_env(
            database_url=f"sqlite:///{tmp_path / name}",
            OMNEO_BASE_URL=fault_proxy.base_url,
            OMNEO_API_TOKEN=settings.OMNEO_SANDBOX_TOKEN,
        )

    services_read_in_a_process(env_for("one.sqlite3"))
    services_read_in_a_process(env_for("two.sqlite3"))

    assert definitions_read(fault_proxy.forwarded) == 2
